/**
 * Options several commands share, declared once: the output switches (--json, --progress), the model folder, and
 * the training options `ser train` and `ser tune` have in common (same names, bounds and defaults, so a setting
 * tuned with `ser tune` trains the same way with `ser train`).
 */
import { availableParallelism } from 'node:os';
import { ARCH_CHOICES } from './model/architectures.js';
import { defaultWorkers } from './model/training-workers.js';
import { choice, flag, number, text } from './options.js';

/** The seed `ser train` and `ser tune` use by default (split, initial weights, shuffling, sampling). */
export const DEFAULT_SEED = 42;

/** `--json`, for commands whose output is data; `description` says what the JSON holds. */
export const jsonOption = (description = 'print machine-readable JSON on stdout') => flag({ description });

/** `--progress`, for commands with long work. */
export const progressOption = () =>
  flag({
    description:
      'draw a progress bar on stderr even when it is not a terminal (default: bar on a terminal, plain lines otherwise)',
  });

/** `--model <dir>`: a model bundle folder; `defaultText` says which model is used without it. */
export const modelOption = (defaultText = 'the pretrained default model', description = 'model bundle folder') =>
  text({ short: 'm', valueName: 'dir', description, defaultText });

/** `--data <name>`: a saved corpus as `ser extract --out` wrote it (required). */
export const dataOption = () =>
  text({ valueName: 'name', description: 'saved corpus, [dir/]name as `ser extract --out` wrote it', required: true });

/** The `--arch` description. */
const ARCH_DESCRIPTION = `architecture: ${ARCH_CHOICES.join(', ')}`;

/** `--arch <name>` that must be given (`ser train`). */
export const requiredArchOption = () =>
  choice({ short: 'a', valueName: 'name', description: ARCH_DESCRIPTION, choices: ARCH_CHOICES, required: true });

/** `--arch <name>` with a default (`ser tune`). */
export const archOption = (fallback: (typeof ARCH_CHOICES)[number]) =>
  choice({ short: 'a', valueName: 'name', description: ARCH_DESCRIPTION, choices: ARCH_CHOICES, default: fallback });

/** `--batch-size <n>` of train and tune: the default-model recipe (attentionCnn) uses larger batches. Declare after --arch. */
export const batchSizeOption = () =>
  number({
    short: 'b',
    valueName: 'n',
    description: 'examples per step',
    default: { by: 'arch', cases: { attentionCnn: 64 }, otherwise: 32 },
    min: 1,
    integer: true,
    max: 65_536,
  });

/** `--seed <n>` of train and tune. */
export const seedOption = (description: string) =>
  number({ valueName: 'n', description, default: DEFAULT_SEED, min: 0, integer: true });

/** `--workers <n>` of train and tune: data-parallel training threads, by architecture (see training-workers.ts). Declare after --arch. */
export const trainingWorkersOption = () =>
  number({
    valueName: 'n',
    description: 'worker threads that share every batch with the main thread (0 = train on this thread only)',
    default: {
      text: '1 for ogCnn, paperCnn and attentionCnn on a machine with ≥ 2 cores, 0 for cnnLstm and mlp',
      value: (values) => defaultWorkers(String(values.arch)),
    },
    min: 0,
    max: 64,
    integer: true,
  });

/** `--workers <n>` of extract and evaluate: feature-extraction threads. */
export const featureWorkersOption = (description: string) =>
  number({
    short: 'w',
    valueName: 'n',
    description,
    default: { text: 'number of CPU cores', value: () => availableParallelism() },
    min: 0,
    integer: true,
    max: 256,
  });

/** `ser extract <dir…> --dataset … --out <name>`: scan corpora, compute features on all cores, save `.npy` + meta. */
import { resolve } from 'node:path';
import { defineCommand, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { choice, number, text } from '../options.js';
import { featureWorkersOption, jsonOption, progressOption } from '../shared-options.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { extractCorpus, type ExtractCorpusSummary } from '../corpus/extract-corpus.js';
import { CliError } from '../errors.js';
import { formatCorpusSummary } from '../ui/corpus-summary.js';
import { formatDuration } from '../ui/format.js';
import { ProgressReporter, chooseProgressMode } from '../ui/progress.js';

/** Corpora `--dataset` accepts. */
export const DATASET_CHOICES = ['ravdess', 'cremad', 'crema-d', 'tess'] as const;
/** Feature sets `--features` accepts. */
export const FEATURE_CHOICES = ['ser180', 'logmel', 'mfcc-frames', 'stats'] as const;
/** Label sets `--labels` accepts. */
export const LABEL_SET_CHOICES = ['ekman7', 'ser6', 'ravdess8'] as const;
/** The `--dataset` option of `extract` and `evaluate`. */
export const datasetOption = () =>
  choice({
    short: 'd',
    valueName: 'name',
    description: 'corpus naming convention: ravdess, cremad or tess',
    choices: DATASET_CHOICES,
    required: true,
  });

export const extractCommand = defineCommand({
  name: 'extract',
  summary: 'compute features of a corpus (RAVDESS, CREMA-D, TESS) and save them as .npy + metadata',
  usage: 'extract <dir>… --dataset ravdess|cremad|tess --out <name> [options]',
  description:
    "Scans the folders for the corpus's file names (labels and speakers come from the names), maps the emotions " +
    'onto the label set (recordings it drops by design, e.g. surprised in ser6, are counted), computes the features ' +
    'on worker threads, and writes x_<name>.npy (float32 features), y_<name>.npy (int64 class ids) and ' +
    '<name>.meta.json (labels, speakers, files, every feature parameter). Files that cannot be read are listed, ' +
    'not fatal.',
  options: {
    dataset: datasetOption(),
    features: choice({
      short: 'f',
      valueName: 'set',
      description:
        'feature set: ser180 (180-value vector), logmel, mfcc-frames (frames for CNN-LSTMs) or stats (231 utterance statistics, what the default model uses)',
      choices: FEATURE_CHOICES,
      default: 'ser180',
    }),
    labels: choice({
      short: 'l',
      valueName: 'set',
      description: 'label set: ekman7, ser6 or ravdess8',
      choices: LABEL_SET_CHOICES,
      default: 'ekman7',
    }),
    out: text({
      short: 'o',
      valueName: 'name',
      description: 'corpus name, optionally with a folder: [dir/]name',
      required: true,
    }),
    workers: featureWorkersOption('worker threads (0 = in the main thread)'),
    // @ser/datasets' DEFAULT_EXTRACT_MAX_SECONDS (a test checks they agree; importing it here would load @ser/datasets at start-up)
    'max-seconds': number({
      valueName: 's',
      description: 'longest recording to read; longer files are listed as failed',
      default: 600,
      min: 0,
      exclusiveMin: true,
    }),
    json: jsonOption(),
    progress: progressOption(),
  },
  positionals: { min: 1, max: Infinity, name: '<dir> (the corpus folder)' },
  examples: [
    'ser extract data/ravdess --dataset ravdess --out ravdess-ser180',
    'ser extract data/tess --dataset tess --features logmel --labels ser6 --out data/tess-logmel --workers 4',
    'ser extract data/ravdess/Actor_01 data/ravdess/Actor_02 --dataset ravdess --out two-actors --json',
  ],
  async run({ positionals, options, io }) {
    const summary = await extractWithProgress(positionals, options, io);
    const found = summary.rows + summary.failures.length + Object.values(summary.dropped).reduce((a, b) => a + b, 0);
    if (found === 0) {
      throw new CliError(
        `no ${options.dataset} recordings found in ${positionals.join(', ')} (${summary.skipped.length} other file(s) skipped)`,
        {
          hint: `check the folder and that its file names follow the ${options.dataset} naming convention`,
        },
      );
    }
    printExtraction(summary, found, options, io);
    if (summary.rows === 0) {
      throw new CliError(`no recording could be extracted (${summary.failures.length} failed)`, {
        hint: 'see the errors above',
      });
    }
    return EXIT.ok;
  },
});

/** The option values of `ser extract`. */
type ExtractValues = OptionValues<typeof extractCommand.options>;

/** Extracts the corpus of the folders `positionals` with a progress bar or lines on stderr. */
async function extractWithProgress(
  positionals: string[],
  options: ExtractValues,
  io: CliIo,
): Promise<ExtractCorpusSummary> {
  const progress = new ProgressReporter({
    stream: io.stderr,
    mode: chooseProgressMode(io.stderr, options.progress),
    label: 'extracting',
  });
  try {
    const { summary } = await extractCorpus({
      dirs: positionals.map((folder) => resolve(io.cwd, folder)),
      dataset: options.dataset,
      featureSet: options.features,
      labelSet: options.labels,
      out: parseCorpusRef(options.out, io.cwd),
      workers: options.workers,
      maxSeconds: options['max-seconds'],
      onProgress: (p) => {
        progress.setTotal(p.total);
        progress.update(p.done, p.failed > 0 ? `(${p.failed} failed)` : undefined);
      },
    });
    progress.finish();
    return summary;
  } catch (error) {
    progress.abort();
    throw error;
  }
}

/** Prints the summary: JSON with --json, else what was found, skipped and dropped, and the corpus summary. */
function printExtraction(summary: ExtractCorpusSummary, found: number, options: ExtractValues, io: CliIo): void {
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ ...summary, skipped: summary.skipped.length, skippedFiles: summary.skipped }, null, 2)}\n`,
    );
    return;
  }
  const lines = [
    `found ${found} ${options.dataset} recording(s)` +
      (summary.skipped.length ? `; skipped ${summary.skipped.length} other file(s):` : ''),
    ...summary.skipped.map((file) => `  ${file.path}: ${file.reason}`),
    Object.keys(summary.dropped).length
      ? `label set ${options.labels} drops by design: ${Object.entries(summary.dropped)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`
      : `label set ${options.labels}: every recording kept`,
    `extracted in ${formatDuration(summary.extractionMs / 1000)} with ${options.workers} worker(s)`,
    formatCorpusSummary(summary),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}

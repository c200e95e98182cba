/** `ser tune --data <name> --tuner hyperband|random`: resumable hyperparameter search on a speaker-independent split. */
import { resolve } from 'node:path';
import type { Split } from '@ser/datasets';
import { defineCommand, type OptionValues } from '../command.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { loadDatasets, loadModels, loadModelsNode } from '../deps.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { choice, number, text } from '../options.js';
import {
  archOption,
  batchSizeOption,
  dataOption,
  jsonOption,
  seedOption,
  trainingWorkersOption,
} from '../shared-options.js';
import { inputShapeFor } from '../model/architectures.js';
import { ensureBackend } from '../model/load-emotion-model.js';
import { searchSpaceFor } from '../model/search-space-for.js';
import { formatDuration, formatPercent } from '../ui/format.js';

/** Tuners `--tuner` accepts. */
export const TUNER_CHOICES = ['hyperband', 'random'] as const;

/** `ser tune`'s options (--batch-size, --seed and --workers as `ser train` declares them). */
const TUNE_OPTIONS = {
  data: dataOption(),
  tuner: choice({ valueName: 'name', description: 'hyperband or random', choices: TUNER_CHOICES, required: true }),
  arch: archOption('ogCnn'),
  'max-epochs': number({
    valueName: 'n',
    description: 'hyperband: epochs of the longest trials; random: epochs of every trial',
    default: { by: 'tuner', cases: { hyperband: 30 }, otherwise: 20 },
    min: 1,
    integer: true,
    max: 10_000,
  }),
  trials: number({
    valueName: 'n',
    description: 'random search: number of settings to try',
    default: 10,
    min: 1,
    integer: true,
    max: 100_000,
  }),
  factor: number({
    valueName: 'n',
    description: 'hyperband reduction factor',
    default: 3,
    min: 2,
    integer: true,
    max: 100,
  }),
  'batch-size': batchSizeOption(),
  seed: seedOption('seed of the split and the sampling'),
  log: text({ valueName: 'file.json', description: 'trial log to write and resume from', default: 'tuner.json' }),
  workers: trainingWorkersOption(),
  json: jsonOption('print the best trial and every trial as JSON'),
};

export const tuneCommand = defineCommand({
  name: 'tune',
  summary: 'search hyperparameters (Hyperband or random search) on a speaker-independent split; resumable',
  usage: 'tune --data <name> --tuner hyperband|random [options]',
  description:
    "The search space is the original project's keras-tuner space (units 16–256 step 16, dropout 0–0.5 step 0.05, " +
    'learning rate 1e-2/1e-3/1e-4), restricted to the hyperparameters the architecture has. Validation uses the same ' +
    'held-out speakers as `ser train`. Every finished trial is appended to --log; running the same command again ' +
    'replays the logged trials and continues (Ctrl-C stops after the current trial). Train the best setting with ' +
    '`ser train … --hparams <log>`.',
  options: TUNE_OPTIONS,
  positionals: { min: 0, max: 0, name: 'no arguments' },
  examples: [
    'ser tune --data all-ser180 --tuner hyperband --max-epochs 30 --log tuner.json',
    'ser tune --data all-ser180 --arch mlp --tuner random --trials 20 --max-epochs 15 --log mlp-search.json',
    'ser train --data all-ser180 --arch ogCnn --hparams tuner.json --out tuned-model   # train the best setting',
  ],
  async run({ options, io }) {
    const outcome = await search(options, io);
    printSearch(outcome, options, io);
    return outcome.interrupted ? EXIT.interrupted : EXIT.ok;
  },
});

/** The tuner's result, and whether Ctrl-C stopped it before its end. */
interface SearchOutcome {
  result: Awaited<ReturnType<InstanceType<Awaited<ReturnType<typeof loadModels>>['RandomSearch']>['search']>>;
  interrupted: boolean;
  logFile: string;
  validationSpeakers: string[];
}

/** The message printed as soon as Ctrl-C arrives: what happens now and how to resume. */
export function resumeMessage(logFile: string): string {
  return `stopping after the current trial; the finished ones stay in ${logFile}, run the same command again to resume…`;
}

/**
 * Runs the search, trial lines on stderr. Ctrl-C (SIGINT) aborts it after the current trial, and says at once
 * how to resume.
 */
async function search(options: OptionValues<typeof TUNE_OPTIONS>, io: CliIo): Promise<SearchOutcome> {
  const { tuner: tunerName, arch, trials, factor, seed, workers } = options;
  const maxEpochs = options['max-epochs'];
  const batchSize = options['batch-size'];
  const data = parseCorpusRef(options.data, io.cwd);
  const logFile = resolve(io.cwd, options.log);

  const { corpusChecksums, defaultValidationSplit, loadCorpus } = await loadDatasets();
  const corpus = await loadCorpus(data.dir, data.name);
  let split: Split;
  try {
    split = defaultValidationSplit(corpus, { seed });
  } catch (error) {
    throw new CliError(`cannot hold out speakers for validation: ${(error as Error).message}`, { cause: error });
  }
  const inputShape = inputShapeFor(arch, corpus.shape.slice(1), corpus.featureConfig.featureSet);
  io.stderr.write(
    `${tunerName} search for ${arch} on ${split.train.length} rows; validation on held-out speakers ${split.testSpeakers.join(', ')} (${split.test.length} rows); log ${logFile}\n`,
  );

  await ensureBackend(io.env);
  const models = await loadModels();
  const { jsonTrialStore, createDataParallelStepper } = await loadModelsNode();
  const builders = {
    ogCnn: models.ogCnn,
    paperCnn: models.paperCnn,
    cnnLstm: models.cnnLstm,
    attentionCnn: models.attentionCnn,
    mlp: models.mlp,
  };
  const space = await searchSpaceFor(arch);
  const all = { x: corpus.x, shape: inputShape, labels: corpus.y };
  const numClasses = corpus.labelSet.labels.length;
  const objective = models.modelObjective({
    build: (hyperparameters, trialSeed) => builders[arch]({ inputShape, numClasses, hyperparameters, seed: trialSeed }),
    train: models.selectExamples(all, split.train),
    validation: models.selectExamples(all, split.test),
    batchSize,
    classWeights: 'balanced',
    ...(workers > 0
      ? {
          createStepper: (model: Parameters<typeof createDataParallelStepper>[0]) =>
            createDataParallelStepper(model, { workers }),
        }
      : {}),
  });
  const abort = new AbortController();
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
    io.stderr.write(`\n${resumeMessage(logFile)}\n`);
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  // Everything besides the tuner's own settings that changes a trial's score: refused on resume if it differs.
  const fingerprint = {
    data: {
      corpus: data.name,
      rows: corpus.shape[0] ?? 0,
      ...corpusChecksums(corpus),
      labels: [...corpus.labelSet.labels],
      featureSet: corpus.featureConfig.featureSet,
    },
    validationSpeakers: split.testSpeakers,
    arch,
    inputShape,
    batchSize,
    classWeights: 'balanced',
    // Data-parallel replicas average batch-norm statistics per replica: another count gives other scores.
    dataParallelWorkers: workers,
  };
  const common = {
    space,
    objective,
    seed,
    fingerprint,
    store: jsonTrialStore(logFile),
    signal: abort.signal,
    onTrialEnd: (trial: {
      trialId: string;
      epochs: number;
      score: number;
      ms: number;
      hyperparameters: Record<string, number>;
    }) => {
      const settings = Object.entries(trial.hyperparameters)
        .map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`)
        .join(' ');
      io.stderr.write(
        `trial ${trial.trialId.padEnd(10)} ${String(trial.epochs).padStart(3)} epochs  val_acc ${formatPercent(trial.score)}  ${formatDuration(trial.ms / 1000)}  ${settings}\n`,
      );
    },
  };
  try {
    const tuner =
      tunerName === 'hyperband'
        ? new models.Hyperband({ ...common, maxEpochs, factor })
        : new models.RandomSearch({ ...common, maxTrials: trials, epochs: maxEpochs });
    const result = await tuner.search();
    return { result, interrupted: interrupted && !result.completed, logFile, validationSpeakers: split.testSpeakers };
  } catch (error) {
    if (error instanceof Error && /tuner log/.test(error.message)) {
      throw new CliError(error.message, {
        hint: `pass another --log file, or delete ${logFile} to start over`,
        cause: error,
      });
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

/** Prints the search's result (JSON with --json), and after an interruption how to resume. */
function printSearch(outcome: SearchOutcome, options: OptionValues<typeof TUNE_OPTIONS>, io: CliIo): void {
  const { result, logFile } = outcome;
  const best = result.bestTrial;
  if (options.json) {
    const report = {
      tuner: options.tuner,
      arch: options.arch,
      log: logFile,
      completed: result.completed,
      resumedTrials: result.resumedTrials,
      validationSpeakers: outcome.validationSpeakers,
      bestTrial: best,
      trials: result.trials,
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [
      `${result.trials.length} trial(s)${result.resumedTrials ? `, ${result.resumedTrials} replayed from the log` : ''}; search ${result.completed ? 'complete' : 'stopped before its end (run again to resume)'}`,
    ];
    if (best) {
      lines.push(
        `best: trial ${best.trialId}, validation accuracy ${formatPercent(best.score)} after ${best.epochs} epochs`,
      );
      lines.push(
        `  ${Object.entries(best.hyperparameters)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
      lines.push(
        `train it: ser train --data ${options.data} --arch ${options.arch} --hparams ${logFile} --out <bundle>`,
      );
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  if (outcome.interrupted) {
    io.stderr.write(
      `interrupted after ${result.trials.length} trial(s), which ${logFile} keeps: run the same command again (same --log) to resume the search\n`,
    );
  }
}

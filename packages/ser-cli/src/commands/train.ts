/** `ser train --data <name> --arch … --out <bundle>`: train a model on a saved corpus, speaker-independently validated. */
import type { Split } from '@ser/datasets';
import { defineCommand, type CommandContext, type OptionValues } from '../command.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { loadDatasets, loadModels, loadModelsNode } from '../deps.js';
import { CliError, UsageError } from '../errors.js';
import { inputShapeFor, type ArchName } from '../model/architectures.js';
import { readHyperparameters, type HyperparametersOption } from '../model/hyperparameters-option.js';
import { architecturesSearching, searchSpaceFor } from '../model/search-space-for.js';
import { ensureBackend } from '../model/load-emotion-model.js';
import { formatDuration, formatPercent } from '../ui/format.js';
import { chooseProgressMode } from '../ui/progress.js';
import { trainingProgress } from '../ui/training-progress.js';
import { LEARNING_RATE_OPTION, RECIPE_OPTIONS, recipeTrainOptions } from '../model/training-recipe.js';
import { withTrainingWorkers } from '../model/training-workers.js';
import type { CliIo } from '../io.js';
import { number, text } from '../options.js';
import {
  batchSizeOption,
  dataOption,
  jsonOption,
  progressOption,
  requiredArchOption,
  seedOption,
  trainingWorkersOption,
} from '../shared-options.js';
import { resolve } from 'node:path';

/**
 * Refuses a tuner log searched for another architecture: by the architecture it records, or (logs written before
 * it was recorded) by the hyperparameters it searched.
 * @throws UsageError naming both architectures
 */
async function assertTunedFor(arch: ArchName, tuned: HyperparametersOption): Promise<void> {
  const hint = `train with the architecture the log was tuned for, or tune ${arch}: \`ser tune --arch ${arch} …\``;
  if (tuned.arch !== undefined && tuned.arch !== arch) {
    throw new UsageError(`--hparams: ${tuned.source} was searched for --arch ${tuned.arch}, not ${arch}`, { hint });
  }
  if (tuned.arch === undefined && tuned.searched) {
    const expected = (await searchSpaceFor(arch)).specs.map((s) => s.name);
    if ([...tuned.searched].sort().join(',') !== [...expected].sort().join(',')) {
      const matches = await architecturesSearching(tuned.searched);
      throw new UsageError(
        `--hparams: ${tuned.source} searched ${tuned.searched.join(', ')}` +
          (matches.length ? ` (the hyperparameters of ${matches.join(' / ')})` : '') +
          `, not those of ${arch} (${expected.join(', ')})`,
        { hint },
      );
    }
  }
}

/** `ser train`'s options. */
const TRAIN_OPTIONS = {
  data: dataOption(),
  arch: requiredArchOption(),
  out: text({ short: 'o', valueName: 'dir', description: 'bundle folder to write', required: true }),
  epochs: number({
    short: 'e',
    valueName: 'n',
    description: 'maximum epochs',
    default: { by: 'arch', cases: { attentionCnn: 30 }, otherwise: 50 },
    min: 1,
    integer: true,
    max: 100_000,
  }),
  'batch-size': batchSizeOption(),
  lr: LEARNING_RATE_OPTION,
  patience: number({
    valueName: 'n',
    description: 'early-stopping patience in epochs (0 = off)',
    default: { by: 'arch', cases: { attentionCnn: 0 }, otherwise: 10 },
    min: 0,
    integer: true,
  }),
  ...RECIPE_OPTIONS,
  workers: trainingWorkersOption(),
  seed: seedOption('seed of the split, initial weights, shuffling and dropout'),
  hparams: text({
    valueName: 'json|file',
    description:
      'hyperparameters as JSON, or a `ser tune` log (its best trial; refused when it was searched for another --arch); --lr overrides learning_rate',
  }),
  'val-speakers': text({
    valueName: 'ids',
    description: 'comma-separated speakers to hold out, e.g. ravdess:17,ravdess:18',
  }),
  json: jsonOption('print the training summary (history, held-out speakers, bundle path) as JSON'),
  progress: progressOption(),
};

/** What `ser train` was asked to do. */
interface TrainRequest {
  values: OptionValues<typeof TRAIN_OPTIONS>;
  data: ReturnType<typeof parseCorpusRef>;
  out: string;
  tuned: HyperparametersOption | undefined;
  /** The tuned hyperparameters with the learning rate used. */
  hyperparameters: Record<string, number>;
  learningRate: number;
}

/** What `ser train` prints (as JSON with --json). */
interface TrainSummary {
  out: string;
  arch: ArchName;
  labels: string[];
  inputShape: number[];
  epochs: number;
  bestEpoch: number;
  bestValAccuracy: number | null;
  stoppedEarly: boolean;
  validationSpeakers: string[];
  trainSpeakers: string[];
  numTrainExamples: number;
  numValidationExamples: number;
  seconds: number;
  history: unknown[];
}

export const trainCommand = defineCommand({
  name: 'train',
  summary: 'train a model on a saved feature corpus and save it as a bundle',
  usage: 'train --data <name> --arch ogCnn|paperCnn|cnnLstm|attentionCnn|mlp --out <bundle> [options]',
  description:
    'Validation is speaker-independent: by default RAVDESS actors 17–20 are held out when the corpus has them, ' +
    'otherwise about 20 % of the speakers (seeded); --val-speakers names them instead. The held-out speakers are ' +
    'printed and recorded in the bundle (`ser stats` evaluates on them). Features are standardised with statistics ' +
    'of the training part; classes are weighted to balance them; training stops early when validation accuracy has ' +
    "not improved for --patience epochs, keeping the best epoch's weights. attentionCnn trains with the default-model " +
    'recipe instead (AdamW, one-cycle learning rate peaking at --lr, label smoothing, time-shift + SpecAugment ' +
    'augmentation, a fixed number of epochs); --optimizer, --schedule, --label-smoothing and --augment change any ' +
    "architecture's recipe. Batches are shared with --workers threads. One line per epoch goes to stderr, and on a " +
    'terminal a bar shows the batches, samples/s and the time left. `ser tune` has the same --batch-size, --seed and ' +
    '--workers defaults.',
  options: TRAIN_OPTIONS,
  positionals: { min: 0, max: 0, name: 'no arguments' },
  examples: [
    'ser train --data ravdess-ser180 --arch mlp --out my-model',
    'ser train --data all-ser180 --arch ogCnn --epochs 60 --batch-size 32 --lr 0.001 --patience 8 --seed 1 --out models/og',
    'ser train --data tess-logmel --arch cnnLstm --val-speakers tess:OAF --out models/lstm',
    'ser train --data all-logmel-cmvn --arch attentionCnn --batch-size 64 --workers 1 --out models/attention',
  ],
  async run({ options, given, io }) {
    const request = await parseTrainRequest(options, given, io);
    const summary = await trainAndSave(request, io);
    printTrainSummary(summary, options.json, io);
    return 0;
  },
});

/** The request from the option values: the corpus and bundle paths, and the hyperparameters of --hparams and --lr. */
async function parseTrainRequest(
  values: TrainRequest['values'],
  given: CommandContext['given'],
  io: CliIo,
): Promise<TrainRequest> {
  const data = parseCorpusRef(values.data, io.cwd);
  const out = resolve(io.cwd, values.out);
  const tuned = values.hparams ? readHyperparameters(values.hparams, io.cwd) : undefined;
  if (tuned) await assertTunedFor(values.arch, tuned);
  // --lr given wins over the tuned learning rate, which wins over the architecture's default.
  const learningRate = given.has('lr') ? values.lr : (tuned?.values.learning_rate ?? values.lr);
  return { values, data, out, tuned, hyperparameters: { ...tuned?.values, learning_rate: learningRate }, learningRate };
}

/** The speaker-independent split of `corpus`: the named --val-speakers, else the default held-out speakers. */
async function validationSplit(
  corpus: Parameters<Awaited<ReturnType<typeof loadDatasets>>['speakerSplit']>[0],
  valSpeakers: string | undefined,
  seed: number,
): Promise<Split> {
  const { defaultValidationSplit, speakerSplit } = await loadDatasets();
  try {
    return valSpeakers
      ? speakerSplit(corpus, {
          testSpeakers: valSpeakers
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        })
      : defaultValidationSplit(corpus, { seed });
  } catch (error) {
    throw new CliError(`cannot hold out speakers for validation: ${(error as Error).message}`, {
      hint: 'a speaker-independent split needs at least two speakers; name them with --val-speakers <dataset:id,…>',
      cause: error,
    });
  }
}

/** Loads the corpus, trains with progress on stderr, saves the bundle; returns the summary. */
async function trainAndSave(request: TrainRequest, io: CliIo): Promise<TrainSummary> {
  const { values, data, out, tuned, hyperparameters, learningRate } = request;
  const { arch, epochs, seed, workers } = values;
  const batchSize = values['batch-size'];
  const { loadCorpus } = await loadDatasets();
  const corpus = await loadCorpus(data.dir, data.name);
  const rows = corpus.shape[0]!;
  if (rows < 2) throw new CliError(`corpus ${data.name} has ${rows} row(s); training needs more`);
  const split = await validationSplit(corpus, values['val-speakers'], seed);
  io.stderr.write(
    `training ${arch} on ${split.train.length} rows from ${split.trainSpeakers.length} speakers; ` +
      `validating on ${split.test.length} rows from held-out speakers ${split.testSpeakers.join(', ')}\n`,
  );

  await ensureBackend(io.env);
  const models = await loadModels();
  const { saveBundle } = await loadModelsNode();
  const architectures = {
    ogCnn: models.ogCnn,
    paperCnn: models.paperCnn,
    cnnLstm: models.cnnLstm,
    attentionCnn: models.attentionCnn,
    mlp: models.mlp,
  };
  const rowShape = corpus.shape.slice(1);
  const inputShape = inputShapeFor(arch, rowShape, corpus.featureConfig.featureSet);
  const labels = [...corpus.labelSet.labels];
  if (tuned)
    io.stderr.write(
      `hyperparameters from ${tuned.source}: ${Object.entries(hyperparameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}\n`,
    );
  const recipeOptions = await recipeTrainOptions(values, learningRate, rowShape);
  const model = architectures[arch]({ inputShape, numClasses: labels.length, hyperparameters, seed });
  const started = performance.now();
  const progress = trainingProgress(io.stderr, chooseProgressMode(io.stderr, values.progress), epochs);
  if (workers > 0) io.stderr.write(`sharing every batch with ${workers} worker thread(s)\n`);
  try {
    const result = await withTrainingWorkers(model, workers, (stepper) =>
      models.trainModel(
        model,
        { x: corpus.x, shape: inputShape, labels: corpus.y },
        {
          epochs,
          batchSize,
          seed,
          stepper,
          classWeights: 'balanced',
          validation: { indices: split.test },
          ...(values.patience > 0 ? { earlyStopping: { patience: values.patience } } : {}),
          ...recipeOptions,
          onBatchEnd: progress.onBatchEnd,
          onEpochEnd: progress.onEpochEnd,
        },
      ),
    );
    const metadata = models.createBundleMetadata(model, {
      labels,
      featureConfig: corpus.featureConfig,
      standardization: result.standardization,
      architecture: arch,
      hyperparameters,
      training: {
        corpora: [...new Set(corpus.items.map((item) => item.dataset))].sort(),
        corpus: data.name,
        labelSet: corpus.labelSet,
        validationSpeakers: split.testSpeakers,
        trainSpeakers: split.trainSpeakers,
        numTrainExamples: result.numTrainExamples,
        numValidationExamples: result.numValidationExamples,
        epochs: result.history.length,
        bestEpoch: result.bestEpoch + 1,
        batchSize,
        seed,
        optimizer: recipeOptions.optimizer?.name,
        schedule: recipeOptions.schedule ? 'one-cycle' : 'constant',
        labelSmoothing: recipeOptions.labelSmoothing,
        augmentation: recipeOptions.augment ? 'frames' : 'none',
      },
      metrics: { valAccuracy: result.bestValAccuracy },
    });
    progress.finish(`training: ${result.history.length} epoch(s)${result.stoppedEarly ? ', stopped early' : ''}`);
    await saveBundle(out, { model, metadata });
    return {
      out,
      arch,
      labels,
      inputShape,
      epochs: result.history.length,
      bestEpoch: result.bestEpoch + 1,
      bestValAccuracy: result.bestValAccuracy,
      stoppedEarly: result.stoppedEarly,
      validationSpeakers: split.testSpeakers,
      trainSpeakers: split.trainSpeakers,
      numTrainExamples: result.numTrainExamples,
      numValidationExamples: result.numValidationExamples,
      seconds: (performance.now() - started) / 1000,
      history: result.history,
    };
  } finally {
    progress.abort();
    model.dispose();
  }
}

/** Prints the summary: JSON with --json, else three lines. */
function printTrainSummary(summary: TrainSummary, json: boolean, io: CliIo): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  const accuracy = summary.bestValAccuracy === null ? 'n/a' : formatPercent(summary.bestValAccuracy);
  io.stdout.write(
    [
      `trained ${summary.arch} for ${summary.epochs} epoch(s) in ${formatDuration(summary.seconds)}${summary.stoppedEarly ? ' (stopped early)' : ''}`,
      `best epoch ${summary.bestEpoch}: validation accuracy ${accuracy} on held-out speakers ${summary.validationSpeakers.join(', ')}`,
      `saved bundle ${summary.out} (model.json, weights.bin, ser-model.json)`,
    ].join('\n') + '\n',
  );
}

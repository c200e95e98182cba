/** `ser train --data <name> --arch … --out <bundle>`: train a model on a saved corpus, speaker-independently validated. */
import type { Split } from '@ser/datasets';
import { choiceOption, flagOption, numberOption, requiredStringOption, stringOption } from '../args.js';
import { JSON_OPTION, PROGRESS_OPTION, type CommandSpec } from '../command.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { loadDatasets, loadModels, loadModelsNode } from '../deps.js';
import { CliError, UsageError } from '../errors.js';
import { ARCH_CHOICES, inputShapeFor, type ArchName } from '../model/architectures.js';
import { readHyperparameters, type HyperparametersOption } from '../model/hyperparameters-option.js';
import { architecturesSearching, searchSpaceFor } from '../model/search-space-for.js';
import { ensureBackend } from '../model/load-emotion-model.js';
import { formatDuration, formatPercent } from '../ui/format.js';
import { chooseProgressMode } from '../ui/progress.js';
import { trainingProgress } from '../ui/training-progress.js';
import { RECIPE_OPTIONS, recipeTrainOptions, usesFrameRecipe } from '../model/training-recipe.js';
import { WORKERS_OPTION, withTrainingWorkers, workersOption } from '../model/training-workers.js';
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

export const trainCommand: CommandSpec = {
  name: 'train',
  summary: 'train a model on a saved feature corpus and save it as a bundle',
  usage: 'train --data <name> --arch ogCnn|paperCnn|cnnLstm|attentionCnn|mlp --out <bundle> [options]',
  description:
    'Validation is speaker-independent: by default RAVDESS actors 17–20 are held out when the corpus has them, ' +
    'otherwise about 20 % of the speakers (seeded); --val-speakers names them instead. The held-out speakers are ' +
    'printed and recorded in the bundle (`ser stats` evaluates on them). Features are standardised with statistics ' +
    'of the training part; classes are weighted to balance them; training stops early when validation accuracy has ' +
    'not improved for --patience epochs, keeping the best epoch\'s weights. attentionCnn trains with the default-model ' +
    'recipe instead (AdamW, one-cycle learning rate peaking at --lr, label smoothing, time-shift + SpecAugment ' +
    'augmentation, a fixed number of epochs); --optimizer, --schedule, --label-smoothing and --augment change any ' +
    'architecture\'s recipe. Batches are shared with --workers threads. One line per epoch goes to stderr, and on a ' +
    'terminal a bar shows the batches, samples/s and the time left.',
  options: {
    data: { type: 'string', valueName: 'name', description: 'saved corpus, [dir/]name as `ser extract --out` wrote it (required)' },
    arch: { type: 'string', short: 'a', valueName: 'name', description: 'architecture: ogCnn, paperCnn, cnnLstm, attentionCnn or mlp (required)' },
    out: { type: 'string', short: 'o', valueName: 'dir', description: 'bundle folder to write (required)' },
    epochs: { type: 'string', short: 'e', valueName: 'n', description: 'maximum epochs', defaultText: '30 for attentionCnn, else 50' },
    'batch-size': { type: 'string', short: 'b', valueName: 'n', description: 'examples per step', defaultText: '32' },
    lr: { type: 'string', valueName: 'rate', description: 'learning rate (the peak of a one-cycle schedule)', defaultText: '0.002 for attentionCnn, else 0.001' },
    patience: { type: 'string', valueName: 'n', description: 'early-stopping patience in epochs (0 = off)', defaultText: '0 for attentionCnn, else 10' },
    ...RECIPE_OPTIONS,
    workers: WORKERS_OPTION,
    seed: { type: 'string', valueName: 'n', description: 'seed of the split, initial weights, shuffling and dropout', defaultText: '42' },
    hparams: { type: 'string', valueName: 'json|file', description: 'hyperparameters as JSON, or a `ser tune` log (its best trial; refused when it was searched for another --arch); --lr overrides learning_rate' },
    'val-speakers': { type: 'string', valueName: 'ids', description: 'comma-separated speakers to hold out, e.g. ravdess:17,ravdess:18' },
    json: { ...JSON_OPTION, description: 'print the training summary (history, held-out speakers, bundle path) as JSON' },
    progress: PROGRESS_OPTION,
  },
  positionals: { min: 0, max: 0, name: 'no arguments' },
  examples: [
    'ser train --data ravdess-ser180 --arch mlp --out my-model',
    'ser train --data all-ser180 --arch ogCnn --epochs 60 --batch-size 32 --lr 0.001 --patience 8 --seed 1 --out models/og',
    'ser train --data tess-logmel --arch cnnLstm --val-speakers tess:OAF --out models/lstm',
    'ser train --data all-logmel-cmvn --arch attentionCnn --batch-size 64 --workers 1 --out models/attention',
  ],
  async run({ options, io }) {
    const data = parseCorpusRef(requiredStringOption(options, 'data', 'train', 'name'), io.cwd);
    const arch = choiceOption(options, 'arch', ARCH_CHOICES);
    if (!arch) throw new UsageError(`ser train: --arch is required (${ARCH_CHOICES.join(', ')})`, { hint: 'run `ser train --help`' });
    const out = resolve(io.cwd, requiredStringOption(options, 'out', 'train', 'dir'));
    const recipe = usesFrameRecipe(arch);
    const epochs = numberOption(options, 'epochs', recipe ? 30 : 50, { min: 1, integer: true, max: 100_000 });
    const batchSize = numberOption(options, 'batch-size', recipe ? 64 : 32, { min: 1, integer: true });
    const hparamsOption = stringOption(options, 'hparams');
    const tuned = hparamsOption ? readHyperparameters(hparamsOption, io.cwd) : undefined;
    if (tuned) await assertTunedFor(arch, tuned);
    const learningRate = numberOption(options, 'lr', tuned?.values.learning_rate ?? (recipe ? 2e-3 : 1e-3), { min: 0, exclusiveMin: true, max: 10 });
    const hyperparameters = { ...tuned?.values, learning_rate: learningRate };
    const patience = numberOption(options, 'patience', recipe ? 0 : 10, { min: 0, integer: true });
    const workers = workersOption(options, arch);
    const seed = numberOption(options, 'seed', 42, { integer: true, min: 0 });
    const valSpeakers = stringOption(options, 'val-speakers');
    const json = flagOption(options, 'json');

    const { defaultValidationSplit, loadCorpus, speakerSplit } = await loadDatasets();
    const corpus = await loadCorpus(data.dir, data.name);
    const rows = corpus.shape[0]!;
    if (rows < 2) throw new CliError(`corpus ${data.name} has ${rows} row(s); training needs more`);
    let split: Split;
    try {
      split = valSpeakers
        ? speakerSplit(corpus, { testSpeakers: valSpeakers.split(',').map((s) => s.trim()).filter(Boolean) })
        : defaultValidationSplit(corpus, { seed });
    } catch (error) {
      throw new CliError(`cannot hold out speakers for validation: ${(error as Error).message}`, {
        hint: 'a speaker-independent split needs at least two speakers; name them with --val-speakers <dataset:id,…>',
        cause: error,
      });
    }
    io.stderr.write(
      `training ${arch} on ${split.train.length} rows from ${split.trainSpeakers.length} speakers; ` +
        `validating on ${split.test.length} rows from held-out speakers ${split.testSpeakers.join(', ')}\n`,
    );

    await ensureBackend(io.env);
    const models = await loadModels();
    const { saveBundle } = await loadModelsNode();
    const architectures = { ogCnn: models.ogCnn, paperCnn: models.paperCnn, cnnLstm: models.cnnLstm, attentionCnn: models.attentionCnn, mlp: models.mlp };
    const rowShape = corpus.shape.slice(1);
    const inputShape = inputShapeFor(arch, rowShape, corpus.featureConfig.featureSet);
    const labels = [...corpus.labelSet.labels];
    if (tuned) io.stderr.write(`hyperparameters from ${tuned.source}: ${Object.entries(hyperparameters).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    const recipeOptions = await recipeTrainOptions({ ...options, lr: String(learningRate) }, arch, rowShape);
    const model = architectures[arch]({ inputShape, numClasses: labels.length, hyperparameters, seed });
    const started = performance.now();
    const progress = trainingProgress(io.stderr, chooseProgressMode(io.stderr, flagOption(options, 'progress')), epochs);
    if (workers > 0) io.stderr.write(`sharing every batch with ${workers} worker thread(s)\n`);
    try {
      const result = await withTrainingWorkers(model, workers, (stepper) => models.trainModel(
        model,
        { x: corpus.x, shape: inputShape, labels: corpus.y },
        {
          epochs,
          batchSize,
          seed,
          stepper,
          classWeights: 'balanced',
          validation: { indices: split.test },
          ...(patience > 0 ? { earlyStopping: { patience } } : {}),
          ...recipeOptions,
          onBatchEnd: progress.onBatchEnd,
          onEpochEnd: progress.onEpochEnd,
        },
      ));
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
      const seconds = (performance.now() - started) / 1000;
      const summary = {
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
        seconds,
        history: result.history,
      };
      if (json) {
        io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        io.stdout.write(
          [
            `trained ${arch} for ${summary.epochs} epoch(s) in ${formatDuration(seconds)}${result.stoppedEarly ? ' (stopped early)' : ''}`,
            `best epoch ${summary.bestEpoch}: validation accuracy ${result.bestValAccuracy === null ? 'n/a' : formatPercent(result.bestValAccuracy)} on held-out speakers ${split.testSpeakers.join(', ')}`,
            `saved bundle ${out} (model.json, weights.bin, ser-model.json)`,
          ].join('\n') + '\n',
        );
      }
      return 0;
    } finally {
      progress.abort();
      model.dispose();
    }
  },
};

/** `ser tune --data <name> --tuner hyperband|random`: resumable hyperparameter search on a speaker-independent split. */
import { resolve } from 'node:path';
import type { Split } from '@ser/datasets';
import { choiceOption, flagOption, numberOption, requiredStringOption, stringOption } from '../args.js';
import { JSON_OPTION, type CommandSpec } from '../command.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { loadDatasets, loadModels, loadModelsNode } from '../deps.js';
import { CliError } from '../errors.js';
import { ARCH_CHOICES, inputShapeFor } from '../model/architectures.js';
import { ensureBackend } from '../model/load-emotion-model.js';
import { searchSpaceFor } from '../model/search-space-for.js';
import { WORKERS_OPTION, workersOption } from '../model/training-workers.js';
import { formatDuration, formatPercent } from '../ui/format.js';

/** Tuners `--tuner` accepts. */
export const TUNER_CHOICES = ['hyperband', 'random'] as const;

export const tuneCommand: CommandSpec = {
  name: 'tune',
  summary: 'search hyperparameters (Hyperband or random search) on a speaker-independent split; resumable',
  usage: 'tune --data <name> --tuner hyperband|random [options]',
  description:
    'The search space is the original project\'s keras-tuner space (units 16–256 step 16, dropout 0–0.5 step 0.05, ' +
    'learning rate 1e-2/1e-3/1e-4), restricted to the hyperparameters the architecture has. Validation uses the same ' +
    'held-out speakers as `ser train`. Every finished trial is appended to --log; running the same command again ' +
    'replays the logged trials and continues (Ctrl-C stops after the current trial). Train the best setting with ' +
    '`ser train … --hparams <log>`.',
  options: {
    data: { type: 'string', valueName: 'name', description: 'saved corpus, [dir/]name (required)' },
    tuner: { type: 'string', valueName: 'name', description: 'hyperband or random (required)' },
    arch: { type: 'string', short: 'a', valueName: 'name', description: 'architecture: ogCnn, paperCnn, cnnLstm, attentionCnn or mlp', defaultText: 'ogCnn' },
    'max-epochs': { type: 'string', valueName: 'n', description: 'hyperband: epochs of the longest trials; random: epochs of every trial', defaultText: '30 (hyperband), 20 (random)' },
    trials: { type: 'string', valueName: 'n', description: 'random search: number of settings to try', defaultText: '10' },
    factor: { type: 'string', valueName: 'n', description: 'hyperband reduction factor', defaultText: '3' },
    'batch-size': { type: 'string', short: 'b', valueName: 'n', description: 'examples per step', defaultText: '32' },
    seed: { type: 'string', valueName: 'n', description: 'seed of the split and the sampling', defaultText: '1' },
    log: { type: 'string', valueName: 'file.json', description: 'trial log to write and resume from', defaultText: 'tuner.json' },
    workers: WORKERS_OPTION,
    json: { ...JSON_OPTION, description: 'print the best trial and every trial as JSON' },
  },
  positionals: { min: 0, max: 0, name: 'no arguments' },
  examples: [
    'ser tune --data all-ser180 --tuner hyperband --max-epochs 30 --log tuner.json',
    'ser tune --data all-ser180 --arch mlp --tuner random --trials 20 --max-epochs 15 --log mlp-search.json',
    'ser train --data all-ser180 --arch ogCnn --hparams tuner.json --out tuned-model   # train the best setting',
  ],
  async run({ options, io }) {
    const dataOption = requiredStringOption(options, 'data', 'tune', 'name');
    const data = parseCorpusRef(dataOption, io.cwd);
    const tunerName = choiceOption(options, 'tuner', TUNER_CHOICES);
    if (!tunerName) throw new CliError('ser tune: --tuner is required (hyperband or random)');
    const arch = choiceOption(options, 'arch', ARCH_CHOICES, 'ogCnn');
    const maxEpochs = numberOption(options, 'max-epochs', tunerName === 'hyperband' ? 30 : 20, { min: 1, integer: true, max: 10_000 });
    const trials = numberOption(options, 'trials', 10, { min: 1, integer: true, max: 100_000 });
    const factor = numberOption(options, 'factor', 3, { min: 2, integer: true, max: 100 });
    const batchSize = numberOption(options, 'batch-size', 32, { min: 1, integer: true });
    const seed = numberOption(options, 'seed', 1, { min: 0, integer: true });
    const logFile = resolve(io.cwd, stringOption(options, 'log') ?? 'tuner.json');
    const workers = workersOption(options, arch);
    const json = flagOption(options, 'json');

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
    const builders = { ogCnn: models.ogCnn, paperCnn: models.paperCnn, cnnLstm: models.cnnLstm, attentionCnn: models.attentionCnn, mlp: models.mlp };
    const space = await searchSpaceFor(arch);
    const all = { x: corpus.x, shape: inputShape, labels: corpus.y };
    const numClasses = corpus.labelSet.labels.length;
    const objective = models.modelObjective({
      build: (hyperparameters, trialSeed) => builders[arch]({ inputShape, numClasses, hyperparameters, seed: trialSeed }),
      train: models.selectExamples(all, split.train),
      validation: models.selectExamples(all, split.test),
      batchSize,
      classWeights: 'balanced',
      ...(workers > 0 ? { createStepper: (model: Parameters<typeof createDataParallelStepper>[0]) => createDataParallelStepper(model, { workers }) } : {}),
    });
    const abort = new AbortController();
    let interrupted = false;
    const onSigint = (): void => {
      interrupted = true;
      io.stderr.write(`\nstopping after the current trial; the finished ones stay in ${logFile}, run the same command again to resume…\n`);
      abort.abort();
    };
    process.once('SIGINT', onSigint);
    // Everything besides the tuner's own settings that changes a trial's score: refused on resume if it differs.
    const fingerprint = {
      data: { corpus: data.name, rows: corpus.shape[0] ?? 0, ...corpusChecksums(corpus), labels: [...corpus.labelSet.labels], featureSet: corpus.featureConfig.featureSet },
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
      onTrialEnd: (trial: { trialId: string; epochs: number; score: number; ms: number; hyperparameters: Record<string, number> }) => {
        const settings = Object.entries(trial.hyperparameters).map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`).join(' ');
        io.stderr.write(`trial ${trial.trialId.padEnd(10)} ${String(trial.epochs).padStart(3)} epochs  val_acc ${formatPercent(trial.score)}  ${formatDuration(trial.ms / 1000)}  ${settings}\n`);
      },
    };
    let result;
    try {
      const tuner =
        tunerName === 'hyperband'
          ? new models.Hyperband({ ...common, maxEpochs, factor })
          : new models.RandomSearch({ ...common, maxTrials: trials, epochs: maxEpochs });
      result = await tuner.search();
    } catch (error) {
      if (error instanceof Error && /tuner log/.test(error.message)) {
        throw new CliError(error.message, { hint: `pass another --log file, or delete ${logFile} to start over`, cause: error });
      }
      throw error;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    const best = result.bestTrial;
    // Ctrl-C: the shell's convention for a command stopped by SIGINT (128 + 2), so scripts see it did not finish.
    const exitCode = interrupted && !result.completed ? 130 : 0;
    const resumeNote = (): void => {
      if (exitCode === 0) return;
      io.stderr.write(`interrupted after ${result.trials.length} trial(s), which ${logFile} keeps: run the same command again (same --log) to resume the search\n`);
    };
    if (json) {
      io.stdout.write(`${JSON.stringify({ tuner: tunerName, arch, log: logFile, completed: result.completed, resumedTrials: result.resumedTrials, validationSpeakers: split.testSpeakers, bestTrial: best, trials: result.trials }, null, 2)}\n`);
      resumeNote();
      return exitCode;
    }
    const lines = [
      `${result.trials.length} trial(s)${result.resumedTrials ? `, ${result.resumedTrials} replayed from the log` : ''}; search ${result.completed ? 'complete' : 'stopped before its end (run again to resume)'}`,
    ];
    if (best) {
      lines.push(`best: trial ${best.trialId}, validation accuracy ${formatPercent(best.score)} after ${best.epochs} epochs`);
      lines.push(`  ${Object.entries(best.hyperparameters).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      lines.push(`train it: ser train --data ${dataOption} --arch ${arch} --hparams ${logFile} --out <bundle>`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
    resumeNote();
    return exitCode;
  },
};

/** `ser evaluate <dir> --dataset …`: score a model on a labelled corpus folder, file by file. */
import { mapItemsToModel } from '../analysis/label-mapping.js';
import { resolve } from 'node:path';
import type { ScanResult } from '@ser/datasets';
import type { EvaluationReport } from '@ser/models';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { choice } from '../options.js';
import { featureWorkersOption, jsonOption, modelOption, progressOption } from '../shared-options.js';
import { loadDatasets, loadModels } from '../deps.js';
import { CliError } from '../errors.js';
import { loadEmotionModel } from '../model/load-emotion-model.js';
import { resolveModelDir, type ModelLocation } from '../model/resolve-model-dir.js';
import { formatDuration, formatPercent } from '../ui/format.js';
import { ProgressReporter, chooseProgressMode, withStatus } from '../ui/progress.js';
import { renderConfusionTable } from '../ui/table.js';
import { datasetOption } from './extract.js';
import { runCalibratedEvaluation } from './evaluate-calibrated.js';

export const evaluateCommand = defineCommand({
  name: 'evaluate',
  summary: 'accuracy, macro-F1, per-class report and confusion matrix of a model on a labelled corpus folder',
  usage: 'evaluate <dir> --dataset ravdess|tess|cremad [options]',
  description:
    "Scans the folder with the corpus's naming convention, maps its emotions onto the model's labels (through the " +
    'label set recorded in the bundle; recordings whose emotion the model does not have are dropped and counted), ' +
    "and predicts every recording whole: the model's exact features are computed on worker threads (decode, mono, " +
    "resample to the model's rate) and standardised as in training. Files that cannot be decoded are listed and left out.\n\n" +
    'A model scores well on the speakers it was trained on whatever it learnt: when the bundle lists some of the ' +
    "folder's speakers among its training speakers, a warning says so (also in --json) and the figures for the " +
    'speakers new to the model are reported separately.',
  options: {
    dataset: datasetOption(),
    model: modelOption(),
    json: jsonOption(
      'print { accuracy, macroF1, n, labels, confusion, report, speakers, trainingSpeakers, unseen, warning, dropped, failures } as JSON',
    ),
    workers: featureWorkersOption('feature-extraction threads (0 = in the main thread)'),
    progress: progressOption(),
    calibrate: choice({
      valueName: 'neutral',
      description:
        "score each recording with the speaker-calibrated model, calibrated with its speaker's neutral recordings of other words (RAVDESS: the other statement; CREMA-D: other sentences; TESS: other words)",
      choices: ['neutral'],
    }),
  },
  positionals: { min: 1, max: 1, name: '<dir> (the corpus folder)' },
  examples: [
    'ser evaluate data/ravdess/Actor_21 --dataset ravdess',
    'ser evaluate data/tess --dataset tess --model ./my-model --json > tess-eval.json',
    'ser evaluate data/ravdess --dataset ravdess --calibrate neutral --json',
  ],
  async run({ positionals, options, io }) {
    const { dataset, calibrate, workers } = options;
    const location = await resolveModelDir(options.model, io.cwd, { calibrated: calibrate !== undefined });
    const { scanDataset } = await loadDatasets();
    // relative to the command's working directory (a program running it in-process may have another)
    const scan = await scanDataset(resolve(io.cwd, positionals[0]!), dataset);
    if (scan.items.length === 0) {
      throw new CliError(
        `no ${dataset} recordings found in ${positionals[0]} (${scan.skipped.length} other file(s) skipped)`,
        {
          hint: `check the folder and that its file names follow the ${dataset} naming convention`,
        },
      );
    }
    if (calibrate !== undefined) {
      return runCalibratedEvaluation({
        items: scan.items,
        dataset,
        dir: positionals[0]!,
        location,
        workers,
        json: options.json,
        io,
      });
    }
    const evaluation = await evaluateFolder(
      { scan, dataset, dir: positionals[0]!, location, workers, progress: options.progress },
      io,
    );
    await printEvaluation(evaluation, options.json, io);
    return EXIT.ok;
  },
});

/** What {@link evaluateFolder} evaluates. */
interface EvaluateRequest {
  scan: ScanResult;
  dataset: string;
  /** The folder as given, for messages. */
  dir: string;
  location: ModelLocation;
  workers: number;
  progress: boolean;
}

/** What `ser evaluate --json` prints, and the notes the text output adds. */
interface Evaluation {
  result: {
    accuracy: number;
    macroF1: number;
    n: number;
    labels: string[];
    confusion: number[][];
    report: EvaluationReport;
    dataset: string;
    dir: string;
    model: string;
    speakers: string[];
    trainingSpeakers: string[];
    trainSpeakersKnown: boolean;
    unseen: { n: number; speakers: string[]; accuracy: number; macroF1: number } | null;
    warning: string | null;
    dropped: Record<string, number>;
    droppedCount: number;
    skippedFiles: number;
    failures: { path: string; error: string }[];
    seconds: number;
  };
  isDefault: boolean;
  speakersNote: string | undefined;
}

/**
 * Maps the recordings onto the model's labels, computes the model's exact features on worker threads, predicts
 * and scores them, separately for the speakers new to the model.
 */
async function evaluateFolder(request: EvaluateRequest, io: CliIo): Promise<Evaluation> {
  const { scan, dataset, dir, location, workers } = request;
  const { extractFeatures, LABEL_SETS } = await loadDatasets();
  const { argmaxRows, evaluatePredictions } = await loadModels();
  const progressMode = chooseProgressMode(io.stderr, request.progress);
  const model = await withStatus(io.stderr, progressMode, 'loading the model', () => loadEmotionModel(location.dir));
  const started = performance.now();
  try {
    // The label set recorded in the bundle; else a built-in one with exactly the model's labels (ekman7 maps calm to neutral).
    const labelSet =
      model.labelSet ??
      Object.values(LABEL_SETS).find((set) => set.labels.join('\u0000') === model.labels.join('\u0000'));
    const mapped = mapItemsToModel(scan.items, model.labels, labelSet);
    if (mapped.kept.length === 0) {
      throw new CliError(
        `none of the ${scan.items.length} recordings has an emotion the model knows (${model.labels.join(', ')})`,
      );
    }
    const progress = new ProgressReporter({
      stream: io.stderr,
      mode: progressMode,
      label: 'evaluating',
      total: mapped.kept.length,
      delayMs: 1000,
    });
    // The model's own feature configuration, computed on worker threads exactly as `predict` computes it
    // (decode → mono → resample to its rate → features); undecodable files are listed, not fatal.
    let corpus;
    try {
      corpus = await extractFeatures(
        mapped.kept.map((k) => k.item),
        {
          featureConfig: model.featureConfig,
          workers,
          onProgress: (p) => progress.update(p.done, p.failed ? `(${p.failed} failed)` : undefined),
        },
      );
    } catch (error) {
      progress.abort();
      throw error;
    }
    progress.finish();
    const failures = corpus.failures.map((f) => ({ path: f.path, error: f.error }));
    const rows = corpus.shape[0]!;
    if (rows === 0) throw new CliError(`every recording failed to decode; the first: ${failures[0]?.error}`);
    const labelIdByPath = new Map(mapped.kept.map((k) => [k.item.path, k.labelId]));
    const actual = corpus.items.map((item) => labelIdByPath.get(item.path)!);
    const predicted = argmaxRows(await model.predictFeatureRows(corpus.x, rows), model.labels.length);
    const report = evaluatePredictions(actual, predicted, model.labels);
    // Speakers the model was trained on: its score on them is no evidence about new speakers.
    const speakers = [...new Set(corpus.items.map((item) => item.speaker))].sort();
    const trained = new Set(model.trainSpeakers ?? []);
    const trainingSpeakers = speakers.filter((speaker) => trained.has(speaker));
    const unseenRows = corpus.items.flatMap((item, row) => (trained.has(item.speaker) ? [] : [row]));
    const unseenReport =
      unseenRows.length > 0
        ? evaluatePredictions(
            unseenRows.map((r) => actual[r]!),
            unseenRows.map((r) => predicted[r]!),
            model.labels,
          )
        : null;
    const unseen = unseenReport
      ? {
          n: unseenRows.length,
          speakers: speakers.filter((speaker) => !trained.has(speaker)),
          accuracy: unseenReport.accuracy,
          macroF1: unseenReport.macroAvg.f1,
        }
      : null;
    const warning =
      trainingSpeakers.length === 0
        ? null
        : `${trainingSpeakers.length} of the ${speakers.length} speaker(s) in ${dir} (${trainingSpeakers.join(', ')}) were training speakers of this model: ` +
          `its figures on them do not show how it does on new speakers; ` +
          (unseen
            ? `on the ${unseen.speakers.length} new speaker(s) alone: accuracy ${formatPercent(unseen.accuracy)}`
            : 'none of the speakers is new to it');
    return {
      result: {
        accuracy: report.accuracy,
        macroF1: report.macroAvg.f1,
        n: rows,
        labels: model.labels,
        confusion: report.confusionMatrix,
        report,
        dataset,
        dir,
        model: location.dir,
        speakers,
        trainingSpeakers,
        trainSpeakersKnown: model.trainSpeakers !== undefined,
        unseen,
        warning,
        dropped: mapped.dropped,
        droppedCount: mapped.droppedCount,
        skippedFiles: scan.skipped.length,
        failures,
        seconds: (performance.now() - started) / 1000,
      },
      isDefault: location.isDefault,
      speakersNote: model.trainSpeakers
        ? undefined
        : 'the bundle does not list its training speakers: whether these speakers are new to the model is unknown',
    };
  } finally {
    model.dispose();
  }
}

/** Prints the evaluation: the warning on stderr, then JSON with --json, else the figures, report and confusion matrix. */
async function printEvaluation(evaluation: Evaluation, json: boolean, io: CliIo): Promise<void> {
  const { result, speakersNote } = evaluation;
  if (result.warning) io.stderr.write(`warning: ${result.warning}\n`);
  if (json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const { formatReport } = await loadModels();
  const { unseen, trainingSpeakers, failures } = result;
  const lines = [
    `evaluated ${result.n} ${result.dataset} recording(s) from ${result.speakers.length} speaker(s) with ${evaluation.isDefault ? 'the pretrained default model' : result.model} in ${formatDuration(result.seconds)}`,
  ];
  if (speakersNote) lines.push(`note: ${speakersNote}`);
  if (result.droppedCount > 0) {
    lines.push(
      `dropped ${result.droppedCount} recording(s) whose emotion the model does not have: ${Object.entries(
        result.dropped,
      )
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
  }
  if (failures.length > 0)
    lines.push(`${failures.length} file(s) could not be read:`, ...failures.map((f) => `  ${f.error}`));
  lines.push(
    `accuracy ${formatPercent(result.accuracy)}   macro-F1 ${result.macroF1.toFixed(3)}${trainingSpeakers.length ? '   (including its training speakers)' : ''}`,
  );
  if (trainingSpeakers.length > 0) {
    lines.push(
      unseen
        ? `speakers new to the model (${unseen.speakers.join(', ')}; ${unseen.n} recording(s)): accuracy ${formatPercent(unseen.accuracy)}   macro-F1 ${unseen.macroF1.toFixed(3)}`
        : 'speakers new to the model: none, so there is no figure for new speakers',
    );
  }
  lines.push(
    '',
    formatReport(result.report, 3).trimEnd(),
    '',
    'confusion matrix (rows: true, columns: predicted)',
    renderConfusionTable(result.labels, result.confusion),
  );
  io.stdout.write(`${lines.join('\n')}\n`);
}

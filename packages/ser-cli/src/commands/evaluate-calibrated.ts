/** `ser evaluate <dir> --dataset … --calibrate neutral`: the calibrated evaluation protocol (issue 13). */
import type { DatasetItem } from '@ser/datasets';
import { mapItemsToModel } from '../analysis/label-mapping.js';
import type { CommandContext } from '../command.js';
import { loadDatasets, loadModels, loadModelsNode } from '../deps.js';
import { CliError } from '../errors.js';
import type { ModelLocation } from '../model/resolve-model-dir.js';
import { formatPercent } from '../ui/format.js';
import { renderConfusionTable } from '../ui/table.js';

/** What `--calibrate neutral` evaluates. */
export interface CalibratedEvaluationRun {
  items: readonly DatasetItem[];
  dataset: string;
  dir: string;
  location: ModelLocation;
  workers: number;
  json: boolean;
  io: CommandContext['io'];
}

/**
 * Scores every recording with the speaker-calibrated model, each with a calibration enrolled from its speaker's
 * neutral recordings of other words (`evaluateCalibrated` of @ser/models/node), and prints `ser evaluate`'s
 * fields plus the enrollment per speaker.
 */
export async function runCalibratedEvaluation(run: CalibratedEvaluationRun): Promise<number> {
  const { initBackend, formatReport } = await loadModels();
  const { loadBundle, evaluateCalibrated } = await loadModelsNode();
  const { LABEL_SETS } = await loadDatasets();
  await initBackend();
  const bundle = await loadBundle(run.location.dir);
  try {
    if (bundle.metadata.calibration === undefined) {
      throw new CliError(`--calibrate: the model in ${run.location.dir} takes no speaker calibration`, {
        hint: 'leave out --model to use the calibrated default model, or give a speaker-calibrated bundle',
      });
    }
    const labels = bundle.metadata.labels;
    const labelSet = Object.values(LABEL_SETS).find((set) => set.labels.join('\u0000') === labels.join('\u0000'));
    const mapped = mapItemsToModel(run.items, labels, labelSet);
    const started = performance.now();
    const result = await evaluateCalibrated(bundle, mapped.kept, { workers: run.workers });
    const seconds = (performance.now() - started) / 1000;
    if (run.json) {
      const { items: _items, actual: _actual, predicted: _predicted, ...figures } = result;
      run.io.stdout.write(
        `${JSON.stringify(
          {
            ...figures,
            calibrate: 'neutral',
            dataset: run.dataset,
            dir: run.dir,
            model: run.location.dir,
            dropped: mapped.dropped,
            droppedCount: mapped.droppedCount,
            seconds,
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const enrollment = Object.entries(result.enrollment).map(
      ([speaker, e]) =>
        `  ${speaker}: ${e.neutralRecordings} neutral recording(s), ${e.perRecording.min}–${e.perRecording.max} enrolled per scored recording`,
    );
    run.io.stdout.write(
      [
        `evaluated ${result.n} ${run.dataset} recording(s), each calibrated with its speaker's neutral recordings of other words, with ${run.location.isDefault ? 'the calibrated default model' : run.location.dir}`,
        ...enrollment,
        ...(result.failures.length > 0
          ? [`${result.failures.length} file(s) could not be read:`, ...result.failures.map((f) => `  ${f.error}`)]
          : []),
        `accuracy ${formatPercent(result.accuracy)}   macro-F1 ${result.macroF1.toFixed(3)}`,
        '',
        formatReport(result.report, 3).trimEnd(),
        '',
        'confusion matrix (rows: true, columns: predicted)',
        renderConfusionTable(labels, result.confusion),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    bundle.model.dispose();
  }
}

/**
 * What `ser train` shows while it trains: one line per epoch (always), and on a terminal (or with --progress) a bar
 * of the current epoch's batches below them, with samples/s, the epoch's time left, the running loss and the time
 * left for the whole run.
 */
import type { BatchProgress, EpochLog } from '@ser/models';
import type { OutputStream } from '../io.js';
import { formatDuration, formatPercent } from './format.js';
import { ProgressReporter, type ProgressMode } from './progress.js';

/** Callbacks for trainModel and a way to end the display. */
export interface TrainingProgress {
  onBatchEnd?: (progress: BatchProgress) => void;
  onEpochEnd: (log: EpochLog) => void;
  finish(summary: string): void;
  abort(): void;
}

/** The epoch line: `epoch  3/30  loss 0.9123  acc 61.0%  val_loss … val_acc …  12 s`. */
export function formatEpochLine(log: EpochLog, epochs: number): string {
  const val =
    log.valAccuracy === null || log.valLoss === null
      ? ''
      : `  val_loss ${log.valLoss.toFixed(4)}  val_acc ${formatPercent(log.valAccuracy)}`;
  return `epoch ${String(log.epoch + 1).padStart(String(epochs).length)}/${epochs}  loss ${log.loss.toFixed(4)}  acc ${formatPercent(log.accuracy)}${val}  ${formatDuration(log.ms / 1000)}`;
}

/** Progress display for `epochs` epochs on `stream` in `mode` ('bar' draws batch progress, 'lines' only epoch lines). */
export function trainingProgress(stream: OutputStream, mode: ProgressMode, epochs: number): TrainingProgress {
  let bar: ProgressReporter | undefined;
  const newBar = (epoch: number, batches: number) =>
    new ProgressReporter({ stream, mode: 'bar', label: `epoch ${epoch + 1}/${epochs}`, total: batches });
  let batches = 0;
  return {
    onBatchEnd:
      mode === 'bar'
        ? (p) => {
            batches = p.batches;
            bar ??= newBar(p.epoch, p.batches);
            bar.update(
              p.batch,
              `${p.samplesPerSecond.toFixed(0)} samples/s, loss ${p.loss.toFixed(3)}, run ${formatDuration(p.etaSeconds)} left`,
            );
          }
        : undefined,
    onEpochEnd: (log) => {
      const line = formatEpochLine(log, epochs);
      if (!bar) {
        stream.write(`${line}\n`);
        return;
      }
      // The finished epoch's bar gives way to its line; the next epoch's bar starts its clock now.
      bar.abort();
      stream.write(`${line}\n`);
      bar = log.epoch + 1 < epochs ? newBar(log.epoch + 1, batches) : undefined;
    },
    finish: (summary) => {
      bar?.finish(summary);
    },
    abort: () => bar?.abort(),
  };
}

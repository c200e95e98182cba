/** The state of a batch while it runs, and its progress line (pure). */

/** Counts of a batch's distinct jobs. */
export interface BatchCounts {
  total: number;
  done: number;
  failed: number;
}

/** Tracks which of a batch's jobs have finished, and how. */
export class BatchProgress {
  private readonly pending: Set<string>;
  private readonly failures = new Map<string, string>();
  private doneCount = 0;
  /** Jobs that were finished before the watch began (not counted in the rate). */
  private finishedAtStart = 0;
  private readonly startedAt: number;

  constructor(jobIds: Iterable<string>, now: number = Date.now()) {
    this.pending = new Set(jobIds);
    this.total = this.pending.size;
    this.startedAt = now;
  }

  readonly total: number;

  /** Ids still waiting or running. */
  pendingIds(): string[] {
    return [...this.pending];
  }

  /**
   * Marks `jobId` done; false when it was not pending (already counted, or not in the batch).
   * @param before true for a job whose result was stored before the batch was submitted (not in the rate)
   */
  markDone(jobId: string, before = false): boolean {
    if (!this.pending.delete(jobId)) return false;
    this.doneCount++;
    if (before) this.finishedAtStart++;
    return true;
  }

  /** Marks `jobId` failed with `reason`; false when it was not pending. */
  markFailed(jobId: string, reason: string): boolean {
    if (!this.pending.delete(jobId)) return false;
    this.failures.set(jobId, reason);
    return true;
  }

  /** The failed jobs and their reasons. */
  failed(): ReadonlyMap<string, string> {
    return this.failures;
  }

  counts(): BatchCounts {
    return { total: this.total, done: this.doneCount, failed: this.failures.size };
  }

  get finished(): boolean {
    return this.pending.size === 0;
  }

  /** Jobs finished per second since the watch began (those finished before it excluded). */
  rate(now: number = Date.now()): number {
    const seconds = (now - this.startedAt) / 1000;
    const finished = this.doneCount + this.failures.size - this.finishedAtStart;
    return seconds > 0 ? finished / seconds : 0;
  }

  /** Seconds until every job has finished at the current rate; undefined before any finished. */
  etaSeconds(now: number = Date.now()): number | undefined {
    const rate = this.rate(now);
    return rate > 0 ? this.pending.size / rate : undefined;
  }

  /** e.g. `batch 1f3a…: 12/20 done, 1 failed, 7 waiting · 3.1 recordings/s · ETA 2 s`. */
  line(batchId: string, now: number = Date.now()): string {
    const { total, done, failed } = this.counts();
    const eta = this.etaSeconds(now);
    const waiting = total - done - failed;
    return (
      `batch ${batchId}: ${done}/${total} done, ${failed} failed, ${waiting} waiting · ${this.rate(now).toFixed(1)} recordings/s` +
      (waiting > 0 ? ` · ETA ${eta === undefined ? '?' : formatSeconds(eta)}` : '')
    );
  }
}

/** `42 s`, `3 min 5 s`, `2 h 4 min`. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * A concurrency limit with a bounded waiting queue.
 */
import { HttpError } from './http-error.js';

/** Counts of a {@link ConcurrencyLimit}. */
export interface ConcurrencyStats {
  running: number;
  queued: number;
  maxConcurrent: number;
  maxQueue: number;
}

/**
 * Runs at most `maxConcurrent` tasks at a time; up to `maxQueue` more wait in order; beyond that a task
 * is refused at once with {@link HttpError} 503 (`Retry-After: 1`).
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly maxConcurrent: number, readonly maxQueue: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError(`maxConcurrent must be an integer ≥ 1, got ${maxConcurrent}`);
    if (!Number.isInteger(maxQueue) || maxQueue < 0) throw new RangeError(`maxQueue must be an integer ≥ 0, got ${maxQueue}`);
  }

  /** Current numbers of running and waiting tasks. */
  stats(): ConcurrencyStats {
    return { running: this.running, queued: this.waiting.length, maxConcurrent: this.maxConcurrent, maxQueue: this.maxQueue };
  }

  /**
   * Takes a slot (waiting in the queue if needed), runs `task`, and frees the slot.
   * @throws HttpError 503 when all slots and queue places are taken
   */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxConcurrent) {
      if (this.waiting.length >= this.maxQueue) {
        throw new HttpError(503, 'busy',
          `the service is busy (${this.running} analyses running, ${this.waiting.length} waiting): retry shortly`, { headers: { 'Retry-After': '1' } });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot over directly
      else this.running--;
    }
  }
}

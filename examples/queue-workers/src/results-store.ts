/**
 * The results store: one Redis hash, field = job id, value = the `ser analyze --json` text of that job.
 *
 * Why a Redis hash (and not JSON Lines): workers run on many machines and delivery is at-least-once (a job
 * whose worker died is run again). `HSET` of a field is atomic and idempotent — a job written twice leaves
 * one entry, the last — so no deduplication pass is needed, no shared filesystem, no file locking between
 * machines; and a worker can ask "is this job done already?" in one round trip before starting the work.
 * The export (`results --out batch.jsonl`) turns it into JSON Lines in the batch's order.
 */
import type { Redis } from 'ioredis';
import { resultsKey, type QueueConfig } from './queue-config.js';

/** How many fields one HMGET asks for. */
const READ_CHUNK = 1000;

/** Reads and writes results of jobs by job id. */
export class ResultsStore {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    config: QueueConfig,
  ) {
    this.key = resultsKey(config);
  }

  /** Stores (or overwrites with the same content) the result of `jobId`. */
  async put(jobId: string, json: string): Promise<void> {
    await this.redis.hset(this.key, jobId, json);
  }

  /** True when `jobId` has a result. */
  async has(jobId: string): Promise<boolean> {
    return (await this.redis.hexists(this.key, jobId)) === 1;
  }

  /** The results of `jobIds`, in the same order (`null` for a job without one). */
  async getMany(jobIds: readonly string[]): Promise<(string | null)[]> {
    const out: (string | null)[] = [];
    for (let first = 0; first < jobIds.length; first += READ_CHUNK) {
      const ids = jobIds.slice(first, first + READ_CHUNK);
      if (ids.length > 0) out.push(...(await this.redis.hmget(this.key, ...ids)));
    }
    return out;
  }
}

/**
 * A batch: the ordered list of `{ jobId, input }` the producer submitted, kept in Redis under a batch id so
 * that `results` can export it in input order from any machine.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { batchKey, type QueueConfig } from './queue-config.js';

/** One recording of a batch. */
export interface BatchEntry {
  jobId: string;
  /** The path or URL as submitted (absolute). */
  input: string;
}

/** Entries per RPUSH. */
const WRITE_CHUNK = 1000;

/**
 * The batch id of an ordered list of job ids: the first 16 hex digits of their sha256 (pure). Submitting
 * the same recordings in the same order with the same options gives the same batch id again.
 */
export function batchIdFor(jobIds: readonly string[]): string {
  return createHash('sha256').update(jobIds.join('\n')).digest('hex').slice(0, 16);
}

/** Writes (or rewrites, atomically) the entries of `batchId`. */
export async function recordBatch(
  redis: Redis,
  config: QueueConfig,
  batchId: string,
  entries: readonly BatchEntry[],
): Promise<void> {
  const key = batchKey(config, batchId);
  const transaction = redis.multi().del(key);
  for (let first = 0; first < entries.length; first += WRITE_CHUNK) {
    transaction.rpush(key, ...entries.slice(first, first + WRITE_CHUNK).map((entry) => JSON.stringify(entry)));
  }
  const replies = await transaction.exec();
  const failed = replies?.find(([error]) => error);
  if (!replies || failed)
    throw new Error(`could not record batch ${batchId} in Redis: ${failed?.[0]?.message ?? 'transaction aborted'}`);
}

/**
 * The entries of `batchId`, in input order.
 * @throws Error when Redis has no such batch
 */
export async function readBatch(redis: Redis, config: QueueConfig, batchId: string): Promise<BatchEntry[]> {
  const items = await redis.lrange(batchKey(config, batchId), 0, -1);
  if (items.length === 0)
    throw new Error(
      `no batch ${batchId} in Redis (${config.redisUrl}, prefix ${config.prefix}): give the id \`enqueue\` printed`,
    );
  return items.map((item) => JSON.parse(item) as BatchEntry);
}

/**
 * Where the queue lives: the Redis URL, and the names of the BullMQ queue and of this app's own keys
 * (results, batches), all under one prefix so several deployments can share a Redis.
 */
import type { ConnectionOptions } from 'bullmq';

/** The Redis of a deployment and the prefix of its keys. */
export interface QueueConfig {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). */
  redisUrl: string;
  /** Prefix of every key (default `ser`). */
  prefix: string;
}

/** `REDIS_URL`, else the local default. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** The BullMQ queue's name. */
export const QUEUE_NAME = 'analyze';
/** The one job name (BullMQ requires names; all jobs are analyses). */
export const JOB_NAME = 'analyze';

/** The config from options and the environment. */
export function queueConfig(redisUrl?: string, prefix?: string, env: NodeJS.ProcessEnv = process.env): QueueConfig {
  return { redisUrl: redisUrl ?? env.REDIS_URL ?? DEFAULT_REDIS_URL, prefix: prefix ?? 'ser' };
}

/**
 * BullMQ connection options. `maxRetriesPerRequest: null` is what BullMQ requires for workers' blocking
 * connections: commands wait for a reconnect instead of failing while Redis restarts.
 */
export function connectionOptions(config: QueueConfig): ConnectionOptions {
  return { url: config.redisUrl, maxRetriesPerRequest: null };
}

/** The Redis hash of results: field = job id, value = the `ser analyze --json` text. */
export function resultsKey(config: QueueConfig): string {
  return `${config.prefix}:results`;
}

/** The Redis list of a batch's entries in input order (JSON `{ jobId, input }` each). */
export function batchKey(config: QueueConfig, batchId: string): string {
  return `${config.prefix}:batch:${batchId}`;
}

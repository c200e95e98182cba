#!/usr/bin/env node
/**
 * `ser-queue enqueue | worker | results`: batch emotion analysis on a BullMQ queue (see the README).
 */
import { parseArgs } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { ANALYSIS_OPTION_NAMES, type AnalysisOptions } from './analysis-options.js';
import { BatchInputError, expandBatchInputs } from './batch-inputs.js';
import { formatSeconds, type BatchProgress } from './batch-progress.js';
import { readBatch } from './batch-record.js';
import { enqueueBatch, watchBatch } from './enqueue-batch.js';
import { exportBatch } from './export-batch.js';
import type { AnalysisJobData } from './process-job.js';
import { connectionOptions, QUEUE_NAME, queueConfig, type QueueConfig } from './queue-config.js';
import { ResultsStore } from './results-store.js';
import { defaultConcurrency, startWorker } from './start-worker.js';

const HELP = `ser-queue: emotions of whole archives on a BullMQ job queue (Redis); workers on any number of machines

  ser-queue enqueue <recordings… | list.txt | folder> [--chunk s] [--hop s] [--model dir] [--attempts n] [--backoff-ms ms] [--no-wait]
      one job per recording (path or http(s) URL), id = sha256 of its bytes and options; prints the batch id,
      then the batch's progress until it has finished (exit code 1 when any recording failed)
  ser-queue worker [--concurrency n] [--lock-ms ms] [--stalled-ms ms] [--grace-ms ms] [--name text]
      analyses jobs (\`ser analyze --json\`), --concurrency at once (default: the cores, ${defaultConcurrency()} here);
      SIGTERM finishes the running jobs and exits (a second SIGTERM, or --grace-ms, exits at once)
  ser-queue results --batch <id> --out <file.jsonl|file.csv>
      the batch's results in input order

Every command: --redis <url> (default $REDIS_URL or redis://127.0.0.1:6379), --prefix <text> (default ser)
`;

/** A bad command line (exit code 2). */
class UsageError extends Error {}

type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type Values = Record<string, string | boolean | undefined>;

const COMMON: OptionSpecs = {
  redis: { type: 'string' },
  prefix: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** A string option's value. */
function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** The queue config from --redis and --prefix. */
function configOf(values: Values): QueueConfig {
  return queueConfig(text(values, 'redis'), text(values, 'prefix'));
}

/** A whole number ≥ `min` from an option, else `fallback`. */
function integerOption(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min)
    throw new UsageError(`--${name} expects a whole number ≥ ${min}, got "${value}"`);
  return parsed;
}

function parse(args: string[], options: OptionSpecs, positionals = false): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: positionals, strict: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function enqueueCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      chunk: { type: 'string' },
      hop: { type: 'string' },
      model: { type: 'string' },
      attempts: { type: 'string' },
      'backoff-ms': { type: 'string' },
      'no-wait': { type: 'boolean' },
    },
    true,
  );
  if (values.help) return help();
  if (positionals.length === 0) throw new UsageError('enqueue: give recordings, a list file or a folder');
  const config = configOf(values);
  const analysis: AnalysisOptions = {};
  for (const name of ANALYSIS_OPTION_NAMES) {
    const value = text(values, name);
    if (value !== undefined) analysis[name] = value;
  }
  const retry = {
    attempts: integerOption('attempts', text(values, 'attempts'), 5),
    backoffMs: integerOption('backoff-ms', text(values, 'backoff-ms'), 2000, 0),
  };
  const inputs = await expandBatchInputs(positionals);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<AnalysisJobData>(QUEUE_NAME, {
    connection: connectionOptions(config),
    prefix: config.prefix,
  });
  // Listening starts before the jobs are added, so no completion is missed.
  const events = new QueueEvents(QUEUE_NAME, { connection: connectionOptions(config), prefix: config.prefix });
  try {
    await events.waitUntilReady();
    const started = Date.now();
    const batch = await enqueueBatch(queue, redis, config, inputs, analysis, retry);
    process.stdout.write(
      `batch ${batch.batchId}: ${batch.entries.length} recording(s), ${batch.jobIds.length} distinct, ${batch.alreadyDone.length} already analysed\n`,
    );
    if (values['no-wait']) return 0;
    const inputOf = new Map(batch.entries.map((entry) => [entry.jobId, entry.input]));
    const progress = await watchBatch(queue, events, new ResultsStore(redis, config), batch, {
      onProgress: progressPrinter(batch.batchId),
      onFailed: (jobId, reason) => process.stderr.write(`failed: ${inputOf.get(jobId)} (${jobId}): ${reason}\n`),
    });
    const { done, failed, total } = progress.counts();
    process.stdout.write(
      `batch ${batch.batchId} finished in ${formatSeconds((Date.now() - started) / 1000)}: ${done}/${total} done, ${failed} failed\n` +
        `export: ser-queue results --batch ${batch.batchId} --out batch.jsonl\n`,
    );
    return failed > 0 ? 1 : 0;
  } finally {
    await Promise.allSettled([events.close(), queue.close()]);
    redis.disconnect();
  }
}

/** Progress on stderr: one rewritten line on a terminal, else a line per change (at most one a second). */
function progressPrinter(batchId: string): (progress: BatchProgress) => void {
  const tty = Boolean(process.stderr.isTTY); // undefined when stderr is not a terminal
  let last = '';
  let lastAt = 0;
  let finalPrinted = false;
  return (progress) => {
    if (finalPrinted) return;
    finalPrinted = progress.finished;
    const counts = JSON.stringify(progress.counts());
    const now = Date.now();
    if (tty) {
      process.stderr.write(`\r\x1b[2K${progress.line(batchId, now)}${progress.finished ? '\n' : ''}`);
    } else if (progress.finished || (counts !== last && now - lastAt >= 1000)) {
      process.stderr.write(`${progress.line(batchId, now)}\n`);
      last = counts;
      lastAt = now;
    }
  };
}

async function workerCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    concurrency: { type: 'string' },
    'lock-ms': { type: 'string' },
    'stalled-ms': { type: 'string' },
    'grace-ms': { type: 'string' },
    name: { type: 'string' },
  });
  if (values.help) return help();
  const config = configOf(values);
  const concurrency = integerOption('concurrency', text(values, 'concurrency'), defaultConcurrency());
  const graceMs = integerOption('grace-ms', text(values, 'grace-ms'), 25_000, 0);
  const worker = await startWorker({
    queue: config,
    concurrency,
    lockMs: integerOption('lock-ms', text(values, 'lock-ms'), 30_000),
    stalledCheckMs: integerOption('stalled-ms', text(values, 'stalled-ms'), 30_000),
    ...(text(values, 'name') !== undefined ? { name: text(values, 'name')! } : {}),
  });
  process.stdout.write(
    `ready: worker ${worker.id} on ${config.redisUrl} (prefix ${config.prefix}), concurrency ${concurrency}, pid ${process.pid}\n`,
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        process.stdout.write(
          `${signal} again: exiting now; running jobs return to the queue when their locks expire\n`,
        );
        process.exit(1);
      }
      stopping = true;
      process.stdout.write(`${signal}: finishing the running job(s), taking no new ones\n`);
      const timer = setTimeout(() => {
        process.stdout.write(
          `still running after ${graceMs} ms: exiting; the jobs return to the queue when their locks expire\n`,
        );
        process.exit(1);
      }, graceMs);
      worker.close().then(
        () => {
          clearTimeout(timer);
          process.stdout.write('stopped\n');
          resolve(0);
        },
        (error: unknown) => {
          process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

async function resultsCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { batch: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return help();
  const batchId = text(values, 'batch');
  const out = text(values, 'out');
  if (batchId === undefined || out === undefined)
    throw new UsageError('results: give --batch <id> and --out <file.jsonl|file.csv>');
  const config = configOf(values);
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection: connectionOptions(config), prefix: config.prefix });
  try {
    const records = await exportBatch(
      queue,
      new ResultsStore(redis, config),
      await readBatch(redis, config, batchId),
      out,
    );
    const count = (status: string): number => records.filter((record) => record.status === status).length;
    const other = records.length - count('done') - count('failed');
    process.stdout.write(
      `${out}: ${records.length} recording(s): ${count('done')} done, ${count('failed')} failed, ${other} not finished\n`,
    );
    return 0;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

function help(): number {
  process.stdout.write(HELP);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'enqueue':
      return enqueueCommand(rest);
    case 'worker':
      return workerCommand(rest);
    case 'results':
      return resultsCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return help();
    default:
      throw new UsageError(`unknown command "${command}" (enqueue, worker, results)`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A Redis socket or a worker thread must not keep a finished command alive.
    setTimeout(() => process.exit(code), 500).unref();
  },
  (error: unknown) => {
    const usage = error instanceof UsageError;
    const known = usage || error instanceof BatchInputError;
    process.stderr.write(
      `ser-queue: ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    if (usage) process.stderr.write('run `ser-queue --help`\n');
    process.exitCode = usage ? 2 : 1;
    setTimeout(() => process.exit(process.exitCode), 500).unref();
  },
);

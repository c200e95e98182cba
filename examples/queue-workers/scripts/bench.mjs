#!/usr/bin/env node
// @ts-check
/**
 * `npm run bench -w examples/queue-workers`: recordings per second through the whole system (producer,
 * Redis, BullMQ, worker processes, `ser analyze`) with 1 and 2 worker processes over the same batch, and the
 * raw throughput of BullMQ with empty jobs, on a throwaway local Redis. Prints tables and the machine load.
 *
 *   --recordings <n>  batch size (default 40)      --seconds <s>  length of each recording (default 10)
 *   --empty <n>       empty jobs for the raw BullMQ figure (default 20000)
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { connectionOptions, JOB_NAME, queueConfig, resultsKey, startLocalRedis } from '../dist/index.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const { values } = parseArgs({
  options: { recordings: { type: 'string' }, seconds: { type: 'string' }, empty: { type: 'string' } },
});
const RECORDINGS = Number(values.recordings ?? 40);
const SECONDS = Number(values.seconds ?? 10);
const EMPTY_JOBS = Number(values.empty ?? 20_000);

const SENTENCES = [
  'Kids are talking by the door.',
  'Dogs are sitting by the door.',
  'I cannot believe you did that again.',
  'What a wonderful surprise this is.',
  'Please leave me alone right now.',
  'We won the match, we really won!',
  'This is the worst day of my life.',
  'Thank you, that is very kind.',
];

/** `RECORDINGS` distinct recordings of `SECONDS` s of speech (espeak-ng at several speeds, repeated by sox). */
function makeBatch(dir) {
  return Array.from({ length: RECORDINGS }, (_, i) => {
    const raw = join(dir, `raw-${i}.wav`);
    execFileSync('espeak-ng', [
      '-s',
      String(120 + 7 * Math.floor(i / SENTENCES.length)),
      '-w',
      raw,
      SENTENCES[i % SENTENCES.length],
    ]);
    const out = join(dir, `speech-${String(i).padStart(3, '0')}.flac`);
    execFileSync('sox', [
      raw,
      '-r',
      '16000',
      out,
      'repeat',
      String(Math.ceil(SECONDS / 1.5)),
      'trim',
      '0',
      String(SECONDS),
    ]);
    return out;
  });
}

/** Runs `node dist/main.js …args`; resolves with its stdout when it exits 0 or 1. */
function app(args, onLine) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text) => {
      stdout += text;
      if (onLine) for (const line of text.split('\n')) if (line) onLine(line, child);
    });
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('exit', (code) =>
      code === 0
        ? resolve({ stdout, child })
        : reject(new Error(`ser-queue ${args[0]} exited with ${code}: ${stderr}`)),
    );
  });
}

/** Starts worker processes on `prefix` (each `--concurrency threads`); resolves once all are ready. */
async function startWorkers(redisUrl, prefix, processes, threads) {
  const children = [];
  await Promise.all(
    Array.from(
      { length: processes },
      () =>
        new Promise((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [MAIN, 'worker', '--redis', redisUrl, '--prefix', prefix, '--concurrency', String(threads)],
            { stdio: ['ignore', 'pipe', 'inherit'] },
          );
          children.push(child);
          child.stdout.setEncoding('utf8').on('data', (text) => text.includes('ready: ') && resolve(undefined));
          child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)));
        }),
    ),
  );
  return children;
}

/** Stops worker processes with SIGTERM and waits for them. */
async function stopWorkers(children) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.removeAllListeners('exit');
          child.on('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * One row: `processes` × `--concurrency threads` on a fresh prefix; warmed up on a third of the batch with
 * other options (other job ids), then the batch is timed from `enqueue` to its end.
 */
async function measure(redisUrl, files, processes, threads) {
  const prefix = `bench-${processes}x${threads}`;
  const workers = await startWorkers(redisUrl, prefix, processes, threads);
  try {
    await app([
      'enqueue',
      ...files.slice(0, Math.max(processes * threads * 2, Math.ceil(files.length / 3))),
      '--chunk',
      '2.5',
      '--redis',
      redisUrl,
      '--prefix',
      prefix,
    ]);
    const start = performance.now();
    await app(['enqueue', ...files, '--redis', redisUrl, '--prefix', prefix]);
    const seconds = (performance.now() - start) / 1000;
    return {
      processes,
      threads,
      seconds,
      perSecond: files.length / seconds,
      audioPerSecond: (files.length * SECONDS) / seconds,
      timing: await meanTiming(redisUrl, prefix),
    };
  } finally {
    await stopWorkers(workers);
  }
}

/** The mean `timing` (decode, model load, analysis; ms) of the timed batch's reports under `prefix` (not the warm-up's). */
async function meanTiming(redisUrl, prefix) {
  const client = new Redis(redisUrl);
  try {
    const reports = Object.values(await client.hgetall(resultsKey(queueConfig(redisUrl, prefix))))
      .map((json) => JSON.parse(json))
      .filter((report) => report.chunkSeconds === 2)
      .map((report) => report.timing);
    const mean = (key) => reports.reduce((sum, timing) => sum + timing[key], 0) / reports.length;
    return { decodeMs: mean('decodeMs'), modelLoadMs: mean('modelLoadMs'), analyzeMs: mean('analyzeMs') };
  } finally {
    client.disconnect();
  }
}

/** Raw BullMQ: adding `count` empty jobs (addBulk of 1000) and completing them with an empty processor. */
async function emptyJobThroughput(redisUrl) {
  const config = queueConfig(redisUrl, 'bench-empty');
  const queue = new Queue('empty', { connection: connectionOptions(config), prefix: config.prefix });
  let addSeconds;
  {
    const start = performance.now();
    for (let first = 0; first < EMPTY_JOBS; first += 1000) {
      const n = Math.min(1000, EMPTY_JOBS - first);
      await queue.addBulk(
        Array.from({ length: n }, () => ({ name: JOB_NAME, data: {}, opts: { removeOnComplete: true } })),
      );
    }
    addSeconds = (performance.now() - start) / 1000;
  }
  const start = performance.now();
  let done = 0;
  const worker = new Worker('empty', async () => {}, {
    connection: connectionOptions(config),
    prefix: config.prefix,
    concurrency: 100,
  });
  await new Promise((resolve) => worker.on('completed', () => ++done === EMPTY_JOBS && resolve(undefined)));
  const processSeconds = (performance.now() - start) / 1000;
  await worker.close();
  await queue.close();
  return { added: EMPTY_JOBS / addSeconds, processed: EMPTY_JOBS / processSeconds };
}

/** `redis-benchmark -q` figures for SET and LPUSH, when redis-benchmark is installed. */
function redisBenchmark(port) {
  try {
    return execFileSync('redis-benchmark', ['-p', String(port), '-q', '-n', '100000', '-t', 'set,lpush'], {
      encoding: 'utf8',
    })
      .split(/[\r\n]+/)
      .map((line) => line.trim())
      .filter((line) => /requests per second/.test(line));
  } catch {
    return ['(redis-benchmark not installed)'];
  }
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
const dir = mkdtempSync(join(tmpdir(), 'ser-queue-bench-'));
const redis = await startLocalRedis();
try {
  console.log(
    `queue-workers benchmark, ${new Date().toISOString()}, ${RECORDINGS} × ${SECONDS}-s recordings; load average before: ${load()}`,
  );
  const files = makeBatch(dir);
  const rows = [];
  for (const [processes, threads] of [
    [1, 1],
    [2, 1],
    [1, 2],
  ])
    rows.push(await measure(redis.url, files, processes, threads));
  const reference = rows[0].perSecond;
  console.log(
    '\n| worker processes × threads | batch time | recordings/s | audio s / s | vs 1 × 1 | per job: decode / model load / analysis |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const t = row.timing;
    console.log(
      `| ${row.processes} × ${row.threads} | ${row.seconds.toFixed(2)} s | ${row.perSecond.toFixed(2)} | ${row.audioPerSecond.toFixed(0)} | ${(row.perSecond / reference).toFixed(2)} | ` +
        `${t.decodeMs.toFixed(0)} / ${t.modelLoadMs.toFixed(0)} / ${t.analyzeMs.toFixed(0)} ms |`,
    );
  }
  const empty = await emptyJobThroughput(redis.url);
  console.log(
    `\nraw BullMQ, ${EMPTY_JOBS} empty jobs on one local Redis: added ${empty.added.toFixed(0)} jobs/s (addBulk of 1000), processed ${empty.processed.toFixed(0)} jobs/s (one worker, concurrency 100)`,
  );
  console.log(`redis-benchmark: ${redisBenchmark(redis.port).join('; ')}`);
  console.log(`\nload average after: ${load()} (${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores)`);
} finally {
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The whole system on a real Redis: two worker processes, the producer, the export. Every good recording is
 * analysed exactly once with the result of the `ser` binary; hostile files fail at once with their
 * messages; a worker SIGKILLed in the middle of a job loses nothing; a URL that fails twice is retried with
 * backoff; a resubmitted batch does no work; SIGTERM lets the running job finish.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { fileJobId, urlJobId } from '../src/job-id.js';
import { mapLimited } from '../src/map-limited.js';
import { queueConfig, QUEUE_NAME, resultsKey, connectionOptions } from '../src/queue-config.js';
import { AppProcess } from './app-process.js';
import { makeRecordings, type TestRecordings } from './recordings.js';
import { startLocalRedis, type LocalRedis } from '../src/local-redis.js';

const run = promisify(execFile);
const SER = join(dirname(createRequire(import.meta.url).resolve('@ser/cli/package.json')), 'bin', 'ser.js');

/** `ser analyze <input> --json` of the built binary, without `timing` (milliseconds differ run to run). */
async function referenceReport(input: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [SER, 'analyze', input, '--json'], { maxBuffer: 64 << 20 });
  return withoutTiming(stdout);
}

function withoutTiming(json: string): unknown {
  const { timing, ...rest } = JSON.parse(json) as { timing: unknown };
  expect(timing).toBeTypeOf('object');
  return rest;
}

describe('queue workers on a real Redis', needs('redis-server', 'espeak-ng', 'sox'), () => {
  let dir: string;
  let redis: LocalRedis;
  let client: Redis;
  let queue: Queue;
  let files: TestRecordings;
  let http: Server;
  let url: string;
  let urlRequests = 0;
  const workers: AppProcess[] = [];
  let listFile: string;
  let batchId: string;

  const workerArgs = (name: string): string[] => [
    'worker',
    '--redis',
    redis.url,
    '--concurrency',
    '1',
    '--lock-ms',
    '8000',
    '--stalled-ms',
    '1000',
    '--name',
    name,
  ];
  const enqueueArgs = (): string[] => ['enqueue', listFile, '--redis', redis.url, '--backoff-ms', '200'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ser-queue-test-'));
    files = makeRecordings(dir);
    redis = await startLocalRedis();
    const config = queueConfig(redis.url);
    client = new Redis(redis.url);
    queue = new Queue(QUEUE_NAME, { connection: connectionOptions(config), prefix: config.prefix });
    // The URL job's server answers 503 twice (a transient fault), then serves the recording.
    const wav = readFileSync(files.urlSource);
    http = createServer((request, response) => {
      urlRequests++;
      if (urlRequests <= 2) return void response.writeHead(503, 'Service Unavailable').end();
      response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length }).end(wav);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/from-url.wav`;
    // The batch: the long recording first (a worker takes it at once), one recording listed twice.
    const inputs = [files.long, ...files.speech, url, ...files.hostile.map((h) => h.path), files.speech[0]!];
    listFile = join(dir, 'batch.txt');
    writeFileSync(listFile, `# the test batch\n${inputs.join('\n')}\n`);
    for (const name of ['a', 'b']) workers.push(new AppProcess(workerArgs(name)));
    await Promise.all(workers.map((worker) => worker.waitForLine(/^ready: /)));
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.allSettled(workers.map((worker) => worker.exit));
    await queue?.close();
    client?.disconnect();
    await redis?.stop();
    http?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('analyses each recording once, fails hostile ones at once, survives a SIGKILLed worker', async () => {
    const longId = await fileJobId(files.long, {});
    const producer = new AppProcess(enqueueArgs());
    // Kill whichever worker took the long recording, while it runs.
    const [victim] = await Promise.race(
      workers.map((worker) => worker.waitForLine(new RegExp(`^active ${longId} `)).then(() => [worker])),
    );
    victim!.kill('SIGKILL');
    expect(await victim!.exit).toBe('SIGKILL');
    const survivor = workers.find((worker) => worker !== victim)!;

    expect(await producer.exit).toBe(1); // three recordings failed
    const batchLine = producer.lines.find((line) => / recording\(s\), /.test(line));
    expect(batchLine).toMatch(/^batch [0-9a-f]{16}: 23 recording\(s\), 22 distinct, 0 already analysed$/);
    batchId = batchLine!.slice(6, 22);
    expect(producer.lines).toContainEqual(expect.stringMatching(/finished in .*: 19\/22 done, 3 failed$/));

    // The long job: started by both, finished only by the survivor, after the dead worker's lock expired.
    expect(victim!.linesFor('active', longId)).toHaveLength(1);
    expect(victim!.linesFor('done', longId)).toHaveLength(0);
    expect(survivor.linesFor('stalled', longId)).toHaveLength(1);
    expect(survivor.linesFor('done', longId)).toHaveLength(1);

    const all = (word: string, id: string): string[] => workers.flatMap((worker) => worker.linesFor(word, id));
    // Delivery is at-least-once: a job starts again only when the stalled-job check put it back (on a starved
    // machine a lock can expire under a live worker too); it completes, and is stored, once.
    const starts = (id: string): number => 1 + all('stalled', id).length;
    const stored = await client.hgetall(resultsKey(queueConfig(redis.url)));
    // What the binary prints (two at a time, once the queue is done: the workers' locks had the CPU to themselves).
    const good = [files.long, ...files.speech];
    const references = await mapLimited(good, 2, referenceReport);
    for (const [i, path] of good.entries()) {
      const id = await fileJobId(path, {});
      expect(all('done', id), path).toHaveLength(1);
      expect(all('active', id), path).toHaveLength(starts(id));
      expect(withoutTiming(stored[id]!), path).toEqual(references[i]);
    }

    // The URL: two 503 answers (retried with backoff), then analysed like the binary analyses it.
    const urlId = urlJobId(url, {});
    expect(all('retry', urlId)).toHaveLength(2);
    expect(all('done', urlId)).toHaveLength(1);
    expect(withoutTiming(stored[urlId]!)).toEqual(await referenceReport(url));

    // Hostile files: failed on the first attempt with the decoder's message, never retried.
    for (const { path, message } of files.hostile) {
      const id = await fileJobId(path, {});
      const job = (await queue.getJob(id))!;
      expect(await job.getState(), path).toBe('failed');
      expect(job.attemptsMade, path).toBe(1);
      expect(job.failedReason, path).toMatch(message);
      expect(all('active', id), path).toHaveLength(starts(id));
      expect(all('retry', id), path).toHaveLength(0);
      expect(producer.stderr).toContain(`failed: ${path} (${id}): `);
    }
    expect(Object.keys(stored)).toHaveLength(19);
  }, 600_000); // about 30 s on an idle machine; 5 min and more on one shared with training jobs

  it('exports the batch in input order, as JSON Lines and CSV', async () => {
    const jsonl = join(dir, 'batch.jsonl');
    const exporter = new AppProcess(['results', '--redis', redis.url, '--batch', batchId, '--out', jsonl]);
    expect(await exporter.exit).toBe(0);
    expect(exporter.lines[0]).toBe(`${jsonl}: 23 recording(s): 20 done, 3 failed, 0 not finished`);
    const records = readFileSync(jsonl, 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { input: string; status: string; error?: unknown; result: { source: string } },
      );
    const listed = readFileSync(listFile, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(records.map((record) => record.input)).toEqual(listed);
    expect(records[0]!.result.source).toBe(files.long);
    expect(records.at(-1)).toEqual(records[1]); // the recording listed twice
    expect(records.filter((record) => record.status === 'failed').map((record) => record.error)).toEqual(
      files.hostile.map(({ message }) => expect.stringMatching(message)),
    );
    const csv = join(dir, 'batch.csv');
    expect(await new AppProcess(['results', '--redis', redis.url, '--batch', batchId, '--out', csv]).exit).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^input,job_id,status,duration_s,emotion,p_\w+,.*,error$/);
    expect(rows).toHaveLength(24);
    expect(rows[1]).toMatch(new RegExp(`^${files.long},[0-9a-f]{64},done,\\d`));
  }, 120_000);

  it('does no work twice when the batch is submitted again', async () => {
    const survivor = workers.find((worker) => worker.child.exitCode === null && worker.child.signalCode === null)!;
    const activeBefore = survivor.lines.filter((line) => line.startsWith('active ')).length;
    const producer = new AppProcess(enqueueArgs());
    expect(await producer.exit).toBe(1); // the hostile files are still failed
    expect(producer.lines[0]).toBe(`batch ${batchId}: 23 recording(s), 22 distinct, 19 already analysed`);
    expect(producer.lines).toContainEqual(expect.stringMatching(/19\/22 done, 3 failed$/));
    expect(survivor.lines.filter((line) => line.startsWith('active '))).toHaveLength(activeBefore);
  }, 120_000);

  it('on SIGTERM finishes the running job, then exits 0', async () => {
    const survivor = workers.find((worker) => worker.child.exitCode === null && worker.child.signalCode === null)!;
    const longer = join(dir, 'sigterm.flac');
    await run('sox', [files.long, longer, 'trim', '0', '120']);
    const id = await fileJobId(longer, {});
    expect(await new AppProcess(['enqueue', longer, '--redis', redis.url, '--no-wait']).exit).toBe(0);
    await survivor.waitForLine(new RegExp(`^active ${id} `));
    survivor.kill('SIGTERM');
    expect(await survivor.exit).toBe(0);
    expect(survivor.linesFor('done', id)).toHaveLength(1);
    expect(survivor.lines.at(-1)).toBe('stopped');
    expect(await client.hexists(resultsKey(queueConfig(redis.url)), id)).toBe(1);
  }, 120_000);
});

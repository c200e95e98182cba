/**
 * The parts: options, content-hash ids, batch inputs, progress, export formats, and which failures are
 * retried — the last with the real errors of the real pipeline (hostile files, a real HTTP server).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AudioFeaturesError } from '@ser/audio-features';
import { CliError } from '@ser/cli';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { speechWav } from '@ser/test-support/speech';
import { analyzeArguments, canonicalOptions } from '../src/analysis-options.js';
import { analyzeRecording } from '../src/analyze-recording.js';
import { BatchInputError, expandBatchInputs, parseListFile } from '../src/batch-inputs.js';
import { BatchProgress, formatSeconds } from '../src/batch-progress.js';
import { batchIdFor } from '../src/batch-record.js';
import { csvField, exportFormatOf, toCsv, toJsonLines, type ExportRecord } from '../src/export-batch.js';
import { failureKind } from '../src/failure-kind.js';
import { fileJobId, urlJobId } from '../src/job-id.js';
import { processAnalysisJob } from '../src/process-job.js';
import { queueConfig } from '../src/queue-config.js';
import { ResultsStore } from '../src/results-store.js';
import { oneHertzWav } from './recordings.js';
import { freePort, startLocalRedis } from '../src/local-redis.js';

const dir = mkdtempSync(join(tmpdir(), 'ser-queue-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('analysis options', () => {
  it('are canonical (fixed order, unset dropped) and become `ser analyze` arguments', () => {
    expect(canonicalOptions({ model: '/m', chunk: '3', hop: undefined })).toEqual({ chunk: '3', model: '/m' });
    expect(JSON.stringify(canonicalOptions({ model: '/m', chunk: '3' }))).toBe(
      JSON.stringify(canonicalOptions({ chunk: '3', model: '/m' })),
    );
    expect(analyzeArguments({ hop: '1', chunk: '2' })).toEqual(['--chunk', '2', '--hop', '1']);
  });
});

describe('job ids from content', () => {
  it('depend on the bytes and the options, not on the name or the option order', async () => {
    const a = join(dir, 'a.bin');
    writeFileSync(a, 'some bytes');
    copyFileSync(a, join(dir, 'copy-of-a.bin'));
    writeFileSync(join(dir, 'b.bin'), 'other bytes');
    const id = await fileJobId(a, { chunk: '2', hop: '1' });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await fileJobId(join(dir, 'copy-of-a.bin'), { hop: '1', chunk: '2' })).toBe(id);
    expect(await fileJobId(a, { chunk: '3', hop: '1' })).not.toBe(id);
    expect(await fileJobId(join(dir, 'b.bin'), { chunk: '2', hop: '1' })).not.toBe(id);
    expect(urlJobId('https://example.org/a.wav', {})).toBe(urlJobId('https://example.org/a.wav', {}));
    expect(urlJobId('https://example.org/a.wav', {})).not.toBe(urlJobId('https://example.org/b.wav', {}));
  });

  it('name the file that cannot be read', async () => {
    await expect(fileJobId(join(dir, 'missing.wav'), {})).rejects.toThrow(/missing\.wav/);
  });

  it('make a batch id that is stable and depends on the order', () => {
    expect(batchIdFor(['a', 'b'])).toMatch(/^[0-9a-f]{16}$/);
    expect(batchIdFor(['a', 'b'])).toBe(batchIdFor(['a', 'b']));
    expect(batchIdFor(['b', 'a'])).not.toBe(batchIdFor(['a', 'b']));
  });
});

describe('batch inputs', () => {
  it('expand files, folders (sorted, recursive, audio only), list files and URLs in order', async () => {
    const archive = join(dir, 'archive');
    mkdirSync(join(archive, '2024', 'b'), { recursive: true });
    for (const name of ['2024/b/z.flac', '2024/a.WAV', 'notes.md', 'm.mp3']) writeFileSync(join(archive, name), 'x');
    writeFileSync(join(dir, 'single.ogg'), 'x');
    writeFileSync(join(dir, 'batch.txt'), '# comment\n\nsingle.ogg\n  https://example.org/x.flac  \n/abs/path.wav\r\n');
    const inputs = await expandBatchInputs(['single.ogg', 'archive', 'batch.txt', 'http://example.org/y.wav'], dir);
    expect(inputs).toEqual([
      join(dir, 'single.ogg'),
      join(archive, '2024', 'a.WAV'),
      join(archive, '2024', 'b', 'z.flac'),
      join(archive, 'm.mp3'),
      join(dir, 'single.ogg'),
      'https://example.org/x.flac',
      '/abs/path.wav',
      'http://example.org/y.wav',
    ]);
    expect(parseListFile('a.wav\n#b.wav\n', '/data')).toEqual(['/data/a.wav']);
  });

  it('refuse a missing path, a folder without audio and an empty batch, naming them', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    await expect(expandBatchInputs(['nope.wav'], dir)).rejects.toThrow(
      new BatchInputError('nope.wav: no such file or folder (expected recordings, a list file or a folder)'),
    );
    await expect(expandBatchInputs(['empty'], dir)).rejects.toThrow(/^empty: no audio files in this folder/);
    writeFileSync(join(dir, 'blank.txt'), '# nothing\n');
    await expect(expandBatchInputs(['blank.txt'], dir)).rejects.toThrow('no recordings to enqueue');
  });
});

describe('batch progress', () => {
  it('counts distinct jobs once and gives rate and ETA', () => {
    const progress = new BatchProgress(['a', 'b', 'c', 'd', 'a'], 0);
    expect(progress.total).toBe(4);
    expect(progress.markDone('a', true)).toBe(true); // stored before: not in the rate
    expect(progress.markDone('a')).toBe(false);
    expect(progress.markDone('x')).toBe(false);
    expect(progress.etaSeconds(1000)).toBeUndefined();
    progress.markDone('b');
    progress.markFailed('c', 'bad audio');
    expect(progress.counts()).toEqual({ total: 4, done: 2, failed: 1 });
    expect(progress.rate(4000)).toBe(0.5);
    expect(progress.etaSeconds(4000)).toBe(2);
    expect(progress.line('f00', 4000)).toBe('batch f00: 2/4 done, 1 failed, 1 waiting · 0.5 recordings/s · ETA 2 s');
    expect(progress.finished).toBe(false);
    progress.markDone('d');
    expect(progress.finished).toBe(true);
    expect([...progress.failed()]).toEqual([['c', 'bad audio']]);
    expect([formatSeconds(59.6), formatSeconds(185), formatSeconds(7440)]).toEqual([
      '1 min 0 s',
      '3 min 5 s',
      '2 h 4 min',
    ]);
  });
});

describe('export formats', () => {
  const records: ExportRecord[] = [
    {
      jobId: 'j1',
      input: '/a, "quoted".wav',
      status: 'done',
      result: {
        duration: 2.5,
        model: { labels: ['angry', 'calm'] },
        summary: { label: 'calm', probabilities: { angry: 0.2, calm: 0.8 } },
      },
    },
    { jobId: 'j2', input: '/b.wav', status: 'failed', error: '/b.wav: corrupt\n  hint: check it' },
    { jobId: 'j3', input: '/c.wav', status: 'waiting' },
  ];

  it('CSV: one row per recording, quoted where needed, errors on one line', () => {
    expect(toCsv(records)).toBe(
      'input,job_id,status,duration_s,emotion,p_angry,p_calm,error\n' +
        '"/a, ""quoted"".wav",j1,done,2.5,calm,0.2,0.8,\n' +
        '/b.wav,j2,failed,,,,,/b.wav: corrupt; hint: check it\n' +
        '/c.wav,j3,waiting,,,,,\n',
    );
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('JSON Lines: one record a line; the format follows the extension', () => {
    const lines = toJsonLines(records).split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[1]!)).toEqual(records[1]);
    expect([exportFormatOf('x.CSV'), exportFormatOf('x.jsonl'), exportFormatOf('x')]).toEqual([
      'csv',
      'jsonl',
      'jsonl',
    ]);
  });
});

describe('which failures are retried (real errors of the real pipeline)', needs('espeak-ng'), () => {
  let server: Server;
  let base: string;
  let speech: string;

  beforeAll(async () => {
    speech = speechWav(dir, 'speech', 'Hello, this is a short test.');
    server = createServer((request, response) => {
      const status = Number(request.url!.slice(1, 4));
      response.writeHead(status).end(status === 200 ? '' : 'no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  /** The error `analyzeRecording` throws for `input`. */
  async function failureOf(input: string, options = {}): Promise<unknown> {
    return analyzeRecording(input, options).then(
      () => expect.fail(`${input} was analysed`),
      (error: unknown) => error,
    );
  }

  it('analyses good speech in-process, with the options given', async () => {
    const report = JSON.parse(await analyzeRecording(speech, { chunk: '1' })) as {
      source: string;
      chunkSeconds: number;
      chunks: unknown[];
    };
    expect(report).toMatchObject({ source: speech, chunkSeconds: 1 });
    expect(report.chunks.length).toBeGreaterThanOrEqual(2);
  });

  it('permanent: undecodable audio (typed decoder errors), a missing file, a bad option, HTTP 404', async () => {
    const truncated = join(dir, 'truncated.wav');
    writeFileSync(truncated, readFileSync(speech).subarray(0, 2000));
    for (const input of [
      oneHertzWav(join(dir, 'one-hertz.wav')),
      truncated,
      join(dir, 'missing.wav'),
      `${base}/404/x.wav`,
    ]) {
      const error = await failureOf(input);
      expect(error, input).toBeInstanceOf(CliError);
      expect(failureKind(error), `${input}: ${(error as Error).message}`).toBe('permanent');
    }
    const oneHertz = await failureOf(join(dir, 'one-hertz.wav'));
    expect((oneHertz as Error).cause).toBeInstanceOf(AudioFeaturesError);
    expect(failureKind(await failureOf(speech, { chunk: '0.01' }))).toBe('permanent');
  });

  it('transient: HTTP 503 and 429, a refused connection, an I/O error, a crash', async () => {
    for (const input of [`${base}/503/x.wav`, `${base}/429/x.wav`, `http://127.0.0.1:${await freePort()}/x.wav`]) {
      const error = await failureOf(input);
      expect(failureKind(error), `${input}: ${(error as Error).message}`).toBe('transient');
    }
    const io = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    expect(
      failureKind(
        new CliError('cannot read x', {
          cause: new AudioFeaturesError('FILE_NOT_READABLE', 'read failed', { cause: io }),
        }),
      ),
    ).toBe('transient');
    expect(failureKind(new TypeError('Cannot read properties of undefined'))).toBe('transient');
  });
});

describe('a redelivered job whose result is stored', needs('redis-server'), () => {
  it('is not analysed again', async () => {
    const redis = await startLocalRedis();
    const client = new Redis(redis.url);
    try {
      const store = new ResultsStore(client, queueConfig(redis.url));
      await store.put('job-1', '{"stored":true}\n');
      // The input does not exist: analysing it would fail.
      await expect(processAnalysisJob('job-1', { input: join(dir, 'gone.wav'), options: {} }, store)).resolves.toEqual({
        reused: true,
      });
      await expect(processAnalysisJob('job-2', { input: join(dir, 'gone.wav'), options: {} }, store)).rejects.toThrow(
        /gone\.wav/,
      );
      expect(await store.getMany(['job-1', 'job-2'])).toEqual(['{"stored":true}\n', null]);
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});

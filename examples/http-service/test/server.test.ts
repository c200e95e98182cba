import { request as httpRequest, type ClientRequest, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { flacClaimingAnHourOf8ChannelAudio, wavClaimingRate } from '@ser/test-support/hostile-audio';
import type { AnalysisReport } from '@ser/models';
import {
  createRecognizerPool,
  type RecognizerModelInfo,
  type RecognizerPool,
  type RecognizerPoolOptions,
} from '@ser/models/node';
import { createAnalysisServer, type AnalysisServerOptions } from '../src/server.js';
import { encode, speechWav } from './make-audio.js';
import { DATASETS, testModelDir } from './model-dir.js';

const MAX_BODY = 2 * 1024 * 1024;
let work: string;
let model: RecognizerModelInfo;
let base: string;
const servers: Server[] = [];
const pools: RecognizerPool[] = [];
/** The test recordings, made in beforeAll. */
const audio = { wav: '', opus: '', mp3: '', long: '' };

async function start(
  options: Omit<AnalysisServerOptions, 'pool'> = {},
  poolOptions: RecognizerPoolOptions = {},
): Promise<{ server: Server; base: string; pool: RecognizerPool }> {
  const pool = createRecognizerPool({ modelDir: testModelDir(), workers: 1, maxQueue: 2, ...poolOptions });
  pools.push(pool);
  await pool.ready();
  const s = createAnalysisServer({ pool, onError: () => {}, ...options });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  servers.push(s);
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, pool };
}

/** The JSON error body every non-2xx answer has. */
interface ErrorBody {
  error: { status: number; code: string; message: string };
}

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

async function postFile(url: string, path: string, contentType: string): Promise<Response> {
  return fetch(`${url}/analyze`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: readFileSync(path),
  });
}

function expectAnalysis(result: AnalysisReport, labels: string[]): void {
  expect(result.chunks.length).toBeGreaterThan(0);
  expect(result.model.labels).toEqual(labels);
  for (const chunk of result.chunks) {
    expect(chunk.end).toBeGreaterThan(chunk.start);
    if (chunk.silent) continue;
    expect(labels).toContain(chunk.label);
    const values = Object.values(chunk.probabilities!);
    expect(Object.keys(chunk.probabilities!)).toEqual(labels);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(chunk.probabilities![chunk.label!]).toBe(Math.max(...values));
  }
  expect(result.chunks.at(-1)!.end).toBeCloseTo(result.duration, 2);
  expect(result.summary.chunkCount).toBe(result.chunks.length);
  expect(result.summary.chunkCount - result.summary.silentChunkCount).toBeGreaterThan(0);
  expect(labels).toContain(result.summary.label);
}

/** Opens a POST /analyze that declares `declaredBytes` and sends only `sentBytes` of them, resolving with its status. */
function partialUpload(
  url: string,
  declaredBytes: number,
  sentBytes: number,
): {
  request: ClientRequest;
  status: Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>;
} {
  let request!: ClientRequest;
  const status = new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
    (resolve, reject) => {
      request = httpRequest(
        `${url}/analyze`,
        { method: 'POST', headers: { 'content-type': 'audio/wav', 'content-length': String(declaredBytes) } },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        },
      );
      request.on('error', reject);
      if (sentBytes > 0) request.write(new Uint8Array(sentBytes));
      else request.flushHeaders();
    },
  );
  return { request, status };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ser-http-service-'));
  const speech = speechWav(
    work,
    'speech',
    'I cannot believe you did this again. Every single time, the same thing happens, and nobody listens to me at all.',
  );
  audio.wav = speech;
  audio.opus = encode(speech, work, 'speech.ogg', ['-ar', '48000', '-c:a', 'libopus', '-b:a', '32k']);
  audio.mp3 = encode(speech, work, 'speech.mp3', ['-c:a', 'libmp3lame', '-b:a', '64k']);
  // ~32 s of speech for the burst: long enough that analyses overlap.
  audio.long = encode(speech, work, 'long.wav', ['-af', 'aloop=loop=3:size=1000000', '-ac', '1']);
  const started = await start({ maxBodyBytes: MAX_BODY }, { workers: 1, maxQueue: 2 });
  base = started.base;
  model = await started.pool.ready();
});

afterAll(async () => {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections();
          s.close(resolve);
        }),
    ),
  );
  await Promise.all(pools.map((p) => p.close()));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('http-service', needs('espeak-ng', 'ffmpeg', 'ravdess'), () => {
  it('reports health with the model labels', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({
      status: 'ok',
      labels: model.labels,
      running: 0,
      queued: 0,
      reserved: 0,
      workers: 1,
      maxQueue: 2,
    });
  });

  it('analyses a raw WAV body chunk by chunk', async () => {
    const response = await postFile(base, audio.wav, 'audio/wav');
    expect(response.status).toBe(200);
    const result = (await response.json()) as AnalysisReport;
    expect(result.format).toBe('wav');
    expect(result.sampleRate).toBe(22050);
    expect(result.duration).toBeGreaterThan(4);
    expect(result.chunks.length).toBeGreaterThanOrEqual(2);
    expectAnalysis(result, model.labels);
  });

  it('analyses OGG/Opus and MP3 the way chat apps send them', async () => {
    for (const [file, type, format] of [
      [audio.opus, 'audio/ogg', 'ogg-opus'],
      [audio.mp3, 'audio/mpeg', 'mp3'],
    ] as const) {
      const response = await postFile(base, file, type);
      expect(response.status, format).toBe(200);
      const result = (await response.json()) as AnalysisReport;
      expect(result.format).toBe(format);
      expectAnalysis(result, model.labels);
    }
  });

  it('analyses a multipart/form-data upload of a real RAVDESS recording', async () => {
    const file = join(DATASETS, 'ravdess', 'Actor_03', '03-01-05-02-01-01-03.flac');
    const form = new FormData();
    form.set('note', 'angry, strong');
    form.set('file', new Blob([readFileSync(file)], { type: 'audio/flac' }), '03-01-05-02-01-01-03.flac');
    const response = await fetch(`${base}/analyze`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const result = (await response.json()) as AnalysisReport;
    expect(result).toMatchObject({ source: '03-01-05-02-01-01-03.flac', format: 'flac', sampleRate: 16000 });
    expectAnalysis(result, model.labels);
  });

  it('refuses wrong content types with 415', async () => {
    for (const type of ['text/plain', 'application/json', 'image/png']) {
      const response = await fetch(`${base}/analyze`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: 'hello',
      });
      expect(response.status, type).toBe(415);
      expect((await errorOf(response)).message).toContain('audio/*');
    }
  });

  it('refuses oversized uploads with 413, declared or streamed', async () => {
    const big = new Uint8Array(MAX_BODY + 1);
    const declared = await fetch(`${base}/analyze`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe('payload_too_large');
    // Chunked transfer: no Content-Length, the limit is enforced while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${base}/analyze`,
        { method: 'POST', headers: { 'content-type': 'audio/wav', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const piece = new Uint8Array(256 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < MAX_BODY * 2) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
  });

  it('answers undecodable audio with 422 naming the problem', async () => {
    const garbage = new Uint8Array(50_000).map((_, i) => (i * 7919) % 251);
    const truncatedWav = readFileSync(audio.wav).subarray(0, 30);
    const opus = readFileSync(audio.opus);
    const truncatedOgg = opus.subarray(0, opus.length >> 1);
    for (const [body, type] of [
      [garbage, 'audio/wav'],
      [truncatedWav, 'audio/wav'],
      [truncatedOgg, 'audio/ogg'],
      [new Uint8Array(0), 'audio/ogg'],
    ] as const) {
      const response = await fetch(`${base}/analyze`, {
        method: 'POST',
        headers: { 'content-type': type, 'x-file-name': 'bad.wav' },
        body,
      });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('undecodable_audio');
      expect(error.message).toMatch(/UNSUPPORTED_FORMAT|CORRUPT_AUDIO|EMPTY_AUDIO/);
    }
  });

  it('answers a form without a file with 400, and unknown routes with 404/405', async () => {
    const form = new FormData();
    form.set('comment', 'no file here');
    expect((await fetch(`${base}/analyze`, { method: 'POST', body: form })).status).toBe(400);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const wrongMethod = await fetch(`${base}/analyze`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('times out a slow upload with 408 and a slow analysis with 504', async () => {
    const slowUpload = await start({ bodyTimeoutMs: 300 });
    const status408 = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${slowUpload.base}/analyze`,
        { method: 'POST', headers: { 'content-type': 'audio/wav', 'content-length': '100000' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(new Uint8Array(1000)); // … and never the rest
    });
    expect(status408).toBe(408);
    const slowAnalysis = await start({}, { timeoutMs: 1 });
    const response = await postFile(slowAnalysis.base, audio.long, 'audio/wav');
    expect(response.status).toBe(504);
    expect((await errorOf(response)).code).toBe('analysis_timeout');
    expect((await fetch(`${slowAnalysis.base}/health`)).status).toBe(200);
  });

  it('keeps a bounded queue under a burst (503 beyond it) and stays healthy', async () => {
    const body = readFileSync(audio.long);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3); // 1 running + 2 queued
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    for (const response of burst) {
      if (response.status === 503) expect(response.headers.get('retry-after')).toBe('1');
      const json = await response.json();
      if (response.status === 200) expectAnalysis(json as AnalysisReport, model.labels);
    }
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', running: 0, queued: 0, reserved: 0 });
  });

  it('answers 503 with Retry-After before reading the body when every place is taken', async () => {
    const full = await start({}, { workers: 1, maxQueue: 0 });
    // The only place: an upload that declares 100 kB and sends 1 kB, then waits.
    const holder = partialUpload(full.base, 100_000, 1000);
    holder.status.catch(() => {}); // destroyed below, unanswered
    await expect.poll(() => full.pool.stats().reserved).toBe(1);
    // A second upload sends its headers only: it is refused without its body.
    const refused = partialUpload(full.base, 5_000_000, 0);
    const answer = await refused.status;
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('1');
    refused.request.destroy();
    expect((await fetch(`${full.base}/health`)).status).toBe(200);
    holder.request.destroy();
    await expect.poll(() => full.pool.stats().reserved).toBe(0);
    expect((await postFile(full.base, audio.wav, 'audio/wav')).status).toBe(200);
  });

  it('keeps /health answering within a second while hostile and long uploads are refused or analysed', async () => {
    const hostile = await start({}, { workers: 2, maxQueue: 6 });
    const oneHertz = wavClaimingRate(1, 62_000);
    const hour = flacClaimingAnHourOf8ChannelAudio();
    const long = readFileSync(audio.long);
    const uploads: Promise<Response>[] = [];
    const send = (body: Uint8Array, name: string) =>
      uploads.push(
        fetch(`${hostile.base}/analyze`, {
          method: 'POST',
          headers: { 'content-type': 'audio/wav', 'x-file-name': name },
          body,
        }),
      );
    for (let round = 0; round < 3; round++) {
      send(long, `long-${round}.wav`);
      send(oneHertz, `one-hertz-${round}.wav`);
      send(hour, `hour-${round}.flac`);
    }
    const latencies: number[] = [];
    const busy = () => hostile.pool.stats().running + hostile.pool.stats().queued > 0;
    let polls = 0;
    do {
      const t = performance.now();
      const health = await fetch(`${hostile.base}/health`);
      latencies.push(performance.now() - t);
      expect(health.status).toBe(200);
      await health.json();
      polls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    } while (busy() || polls < 5);
    const responses = await Promise.all(uploads);
    const statuses = responses.map((r) => r.status);
    // 6 places for 9 uploads: every answer is an analysis, a refusal of the header, or 503 with Retry-After.
    for (const [i, response] of responses.entries()) {
      const name = ['long', 'one-hertz', 'hour'][i % 3]!;
      if (response.status === 503) {
        expect(response.headers.get('retry-after')).toBe('1');
        continue;
      }
      if (name === 'long') expect(response.status).toBe(200);
      else {
        expect(response.status, name).toBe(422);
        expect((await errorOf(response)).message).toMatch(name === 'hour' ? /TOO_LARGE/ : /CORRUPT_AUDIO.*1 Hz/);
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))]!;
    const slowest = sorted.at(-1)!;
    console.log(
      `/health under hostile load: ${latencies.length} polls, p90 ${p90.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms, statuses ${statuses.join(' ')}`,
    );
    // An event loop busy decoding would hold most polls for as long as an analysis takes; a machine shared with
    // other jobs can still stall a single poll now and then, so the bound is on 9 polls in 10 (and the worst).
    expect(p90).toBeLessThan(1000);
    expect(slowest).toBeLessThan(5000);
  });
});

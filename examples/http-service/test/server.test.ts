import { request as httpRequest, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import type { ModelBundle } from '@ser/models';
import { loadEmotionModel } from '../src/emotion-model.js';
import { createAnalysisServer, type AnalysisServerOptions } from '../src/server.js';
import type { AnalysisResult } from '../src/analyze-audio.js';
import { encode, speechWav } from './make-audio.js';
import { DATASETS, testModelDir } from './model-dir.js';

const MAX_BODY = 2 * 1024 * 1024;
let work: string;
let bundle: ModelBundle;
let base: string;
const servers: Server[] = [];
/** The test recordings, made in beforeAll. */
const audio = { wav: '', opus: '', mp3: '', long: '' };

async function start(options: Omit<AnalysisServerOptions, 'bundle'>): Promise<{ server: Server; base: string }> {
  const s = createAnalysisServer({ bundle, onError: () => {}, ...options });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  servers.push(s);
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

/** The JSON error body every non-2xx answer has. */
interface ErrorBody {
  error: { status: number; code: string; message: string };
}

async function errorOf(response: Response): Promise<ErrorBody['error']> {
  return ((await response.json()) as ErrorBody).error;
}

async function postFile(url: string, path: string, contentType: string): Promise<Response> {
  return fetch(`${url}/analyze`, { method: 'POST', headers: { 'content-type': contentType }, body: readFileSync(path) });
}

function expectAnalysis(result: AnalysisResult, labels: string[]): void {
  expect(result.chunks.length).toBeGreaterThan(0);
  let previousEnd = 0;
  for (const chunk of result.chunks) {
    expect(chunk.start).toBeCloseTo(previousEnd, 3);
    expect(chunk.end).toBeGreaterThan(chunk.start);
    previousEnd = chunk.end;
    if (chunk.label === null) continue;
    expect(labels).toContain(chunk.label);
    const values = Object.values(chunk.probabilities!);
    expect(Object.keys(chunk.probabilities!)).toEqual(labels);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(chunk.probabilities![chunk.label]).toBe(Math.max(...values));
  }
  expect(previousEnd).toBeCloseTo(result.duration, 2);
  expect(result.summary.analysedChunks).toBeGreaterThan(0);
  expect(labels).toContain(result.summary.label);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ser-http-service-'));
  bundle = (await loadEmotionModel(testModelDir())).bundle;
  const speech = speechWav(work, 'speech',
    'I cannot believe you did this again. Every single time, the same thing happens, and nobody listens to me at all.');
  audio.wav = speech;
  audio.opus = encode(speech, work, 'speech.ogg', ['-ar', '48000', '-c:a', 'libopus', '-b:a', '32k']);
  audio.mp3 = encode(speech, work, 'speech.mp3', ['-c:a', 'libmp3lame', '-b:a', '64k']);
  // ~32 s of speech for the burst: long enough that analyses overlap.
  audio.long = encode(speech, work, 'long.wav', ['-af', 'aloop=loop=3:size=1000000', '-ac', '1']);
  ({ base } = await start({ maxBodyBytes: MAX_BODY, maxConcurrent: 1, maxQueue: 2 }));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('http-service', needs('espeak-ng', 'ffmpeg', 'ravdess'), () => {
  it('reports health with the model labels', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({ status: 'ok', labels: bundle.metadata.labels, running: 0, queued: 0 });
  });

  it('analyses a raw WAV body chunk by chunk', async () => {
    const response = await postFile(base, audio.wav, 'audio/wav');
    expect(response.status).toBe(200);
    const result = (await response.json()) as AnalysisResult;
    expect(result.format).toBe('wav');
    expect(result.sampleRate).toBe(22050);
    expect(result.duration).toBeGreaterThan(4);
    expect(result.chunks.length).toBeGreaterThanOrEqual(2);
    expectAnalysis(result, bundle.metadata.labels);
  });

  it('analyses OGG/Opus and MP3 the way chat apps send them', async () => {
    for (const [file, type, format] of [[audio.opus, 'audio/ogg', 'ogg-opus'], [audio.mp3, 'audio/mpeg', 'mp3']] as const) {
      const response = await postFile(base, file, type);
      expect(response.status, format).toBe(200);
      const result = (await response.json()) as AnalysisResult;
      expect(result.format).toBe(format);
      expectAnalysis(result, bundle.metadata.labels);
    }
  });

  it('analyses a multipart/form-data upload of a real RAVDESS recording', async () => {
    const file = join(DATASETS, 'ravdess', 'Actor_03', '03-01-05-02-01-01-03.flac');
    const form = new FormData();
    form.set('note', 'angry, strong');
    form.set('file', new Blob([readFileSync(file)], { type: 'audio/flac' }), '03-01-05-02-01-01-03.flac');
    const response = await fetch(`${base}/analyze`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const result = (await response.json()) as AnalysisResult;
    expect(result).toMatchObject({ fileName: '03-01-05-02-01-01-03.flac', format: 'flac', sampleRate: 16000 });
    expectAnalysis(result, bundle.metadata.labels);
  });

  it('refuses wrong content types with 415', async () => {
    for (const type of ['text/plain', 'application/json', 'image/png']) {
      const response = await fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': type }, body: 'hello' });
      expect(response.status, type).toBe(415);
      expect((await errorOf(response)).message).toContain('audio/*');
    }
  });

  it('refuses oversized uploads with 413, declared or streamed', async () => {
    const big = new Uint8Array(MAX_BODY + 1);
    const declared = await fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: big });
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe('payload_too_large');
    // Chunked transfer: no Content-Length, the limit is enforced while reading.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${base}/analyze`, { method: 'POST', headers: { 'content-type': 'audio/wav', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
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
    for (const [body, type] of [[garbage, 'audio/wav'], [truncatedWav, 'audio/wav'], [truncatedOgg, 'audio/ogg'], [new Uint8Array(0), 'audio/ogg']] as const) {
      const response = await fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': type, 'x-file-name': 'bad.wav' }, body });
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
      const req = httpRequest(`${slowUpload.base}/analyze`, { method: 'POST', headers: { 'content-type': 'audio/wav', 'content-length': '100000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(new Uint8Array(1000)); // … and never the rest
    });
    expect(status408).toBe(408);
    const slowAnalysis = await start({ analysisTimeoutMs: 1 });
    const response = await postFile(slowAnalysis.base, audio.long, 'audio/wav');
    expect(response.status).toBe(504);
    expect((await fetch(`${slowAnalysis.base}/health`)).status).toBe(200);
  });

  it('keeps a bounded queue under a burst (503 beyond it) and stays healthy', async () => {
    const body = readFileSync(audio.long);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${base}/analyze`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3); // 1 running + 2 queued
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    for (const response of burst) {
      if (response.status === 503) expect(response.headers.get('retry-after')).toBe('1');
      const json = await response.json();
      if (response.status === 200) expectAnalysis(json as AnalysisResult, bundle.metadata.labels);
    }
    const health = await (await fetch(`${base}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', running: 0, queued: 0 });
  });
});

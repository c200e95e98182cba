import { describe, expect, it } from 'vitest';
import { AudioFeaturesError } from '@ser/audio-features';
import { planChunks } from '../src/chunk-plan.js';
import { ConcurrencyLimit } from '../src/concurrency-limit.js';
import { HttpError } from '../src/http-error.js';
import { toHttpError } from '../src/server.js';
import { rmsDbfs } from '../src/signal-level.js';
import { summarizeChunks } from '../src/summary.js';
import { assertUploadContentType, extractUpload, mediaType } from '../src/upload.js';

describe('planChunks', () => {
  it('cuts whole chunks and merges a short tail into the last one', () => {
    // A tail of exactly half a chunk stays a chunk of its own; a shorter one joins the previous chunk.
    expect(planChunks(100, 40)).toEqual([{ start: 0, end: 40 }, { start: 40, end: 80 }, { start: 80, end: 100 }]);
    expect(planChunks(90, 40)).toEqual([{ start: 0, end: 40 }, { start: 40, end: 90 }]);
    expect(planChunks(30, 40)).toEqual([{ start: 0, end: 30 }]);
  });

  it('refuses empty signals and bad chunk lengths', () => {
    expect(() => planChunks(0, 40)).toThrow(/positive number of samples/);
    expect(() => planChunks(100, 0)).toThrow(/positive chunk length/);
  });
});

describe('summarizeChunks', () => {
  const labels = ['angry', 'happy', 'sad'];
  it('averages the analysed chunks and counts their labels, ignoring silent ones', () => {
    const summary = summarizeChunks([
      { label: 'angry', probabilities: { angry: 0.6, happy: 0.3, sad: 0.1 } },
      { label: null, probabilities: null },
      { label: 'happy', probabilities: { angry: 0.2, happy: 0.5, sad: 0.3 } },
    ], labels);
    expect(summary).toEqual({
      label: 'angry',
      probabilities: { angry: 0.4, happy: 0.4, sad: 0.2 },
      labelCounts: { angry: 1, happy: 1, sad: 0 },
      chunks: 3,
      analysedChunks: 2,
    });
  });

  it('has no label when nothing was analysed', () => {
    expect(summarizeChunks([{ label: null, probabilities: null }], labels)).toMatchObject({ label: null, probabilities: null, analysedChunks: 0 });
  });
});

describe('ConcurrencyLimit', () => {
  it('runs at most maxConcurrent tasks, queues maxQueue more, refuses the rest with 503', async () => {
    const limit = new ConcurrencyLimit(2, 1);
    let running = 0;
    let peak = 0;
    const releases: Array<() => void> = [];
    const task = () => limit.run(async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running--;
      return 'done';
    });
    const accepted = [task(), task(), task()];
    await expect(task()).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '1' } });
    expect(limit.stats()).toMatchObject({ running: 2, queued: 1 });
    while (releases.length > 0 || limit.stats().running > 0) {
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await Promise.all(accepted)).toEqual(['done', 'done', 'done']);
    expect(peak).toBe(2);
    expect(limit.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1, 0);
    await expect(limit.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await limit.run(async () => 1)).toBe(1);
  });
});

describe('request checks', () => {
  it('accepts audio/* and multipart/form-data only', () => {
    expect(mediaType('Audio/OGG; codecs=opus')).toBe('audio/ogg');
    expect(() => assertUploadContentType('audio/ogg; codecs=opus')).not.toThrow();
    expect(() => assertUploadContentType('multipart/form-data; boundary=x')).not.toThrow();
    expect(() => assertUploadContentType('video/mp4')).toThrow(expect.objectContaining({ status: 415 }));
    expect(() => assertUploadContentType(undefined)).toThrow(/\(none\)/);
  });

  it('takes the raw body for audio/* and the named file field from a form', async () => {
    const raw = new Uint8Array([1, 2, 3]);
    expect(await extractUpload(raw, 'audio/wav', 'a.wav')).toEqual({ bytes: raw, fileName: 'a.wav' });
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array([9, 8])]), 'b.flac');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const body = new Uint8Array(await request.arrayBuffer());
    const upload = await extractUpload(body, request.headers.get('content-type')!);
    expect(upload).toEqual({ bytes: new Uint8Array([9, 8]), fileName: 'b.flac' });
  });

  it('maps decoding errors to 422 and unknown errors to 500', () => {
    expect(toHttpError(new AudioFeaturesError('CORRUPT_AUDIO', 'bad header', { file: 'x.wav' })).status).toBe(422);
    expect(toHttpError(new HttpError(413, 'payload_too_large', 'big')).status).toBe(413);
    expect(toHttpError(new TypeError('oops'))).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('measures levels in dBFS', () => {
    expect(rmsDbfs(new Float32Array(100))).toBe(-Infinity);
    expect(rmsDbfs(new Float32Array(100).fill(0.5))).toBeCloseTo(-6.02, 2);
  });
});

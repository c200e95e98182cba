/**
 * Speaker calibration through the service: POST /calibrations with a RAVDESS actor's calm speech, analyses with the
 * id, DELETE, and the bounded store (eviction, expiry) — on a real server, the real calibrated default model.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { ravdessFile, ravdessSpeechWav } from '@ser/test-support/ravdess-speech';
import { createCalibrationStore, type AnalysisReport, type CalibrationStore } from '@ser/models';
import { createRecognizerPool, type RecognizerPool } from '@ser/models/node';
import { createAnalysisServer, type CalibrationInfo } from '../src/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let work: string;
let pool: RecognizerPool;
const servers: Server[] = [];
/** The test recordings, made in beforeAll. */
const audio = { calm: '', angryStrong: '', short: '', silence: '', angry: '' };

/** Starts a server on the shared pool with its own calibration store. */
async function start(calibrations?: CalibrationStore): Promise<string> {
  const server = createAnalysisServer({
    pool,
    onError: () => {},
    ...(calibrations === undefined ? {} : { calibrations }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function post(url: string, path: string, contentType = 'audio/wav'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-file-name': path.split('/').at(-1)! },
    body: readFileSync(path),
  });
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  return ((await response.json()) as { error: { status: number; code: string; message: string } }).error;
}

/** POST /calibrations with `path`, expecting 201. */
async function calibrate(base: string, path = audio.calm): Promise<CalibrationInfo> {
  const response = await post(`${base}/calibrations`, path);
  expect(response.status).toBe(201);
  return (await response.json()) as CalibrationInfo;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ser-http-calibrations-'));
  // Without modelDir the pool also loads the calibrated default model for calibrations.
  pool = createRecognizerPool({ workers: 1, maxQueue: 2 });
  await pool.ready();
  audio.calm = ravdessSpeechWav(work, { actor: 3, emotion: 'neutral' });
  audio.angryStrong = ravdessSpeechWav(work, { actor: 3, emotion: 'angry', intensity: 2 });
  audio.short = ravdessFile(3, 'neutral', 1, 1, 1); // 3.4 s with 1.6 s of speech
  audio.angry = ravdessFile(3, 'angry', 2, 2, 2);
  audio.silence = join(work, 'silence.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-b', '16', '-c', '1', audio.silence, 'trim', '0', '6']);
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
  await pool?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('http-service calibrations', needs('sox', 'ravdess'), () => {
  it('enrolls calm speech (201 + a random id) and analyses with it', async () => {
    const base = await start();
    const before = Date.now();
    const created = await calibrate(base);
    expect(created.id).toMatch(UUID);
    expect(created.recordings).toBe(1);
    expect(created.speechSeconds).toBeGreaterThan(3);
    expect(created.speechSeconds).toBeLessThan(10.5);
    const expires = Date.parse(created.expiresAt);
    expect(expires - before).toBeGreaterThan(59 * 60_000);
    expect(expires - before).toBeLessThan(61 * 60_000);
    expect((await calibrate(base)).id).not.toBe(created.id);

    const plain = (await (await post(`${base}/analyze`, audio.angry, 'audio/flac')).json()) as AnalysisReport & {
      calibration?: unknown;
    };
    const response = await post(`${base}/analyze?calibration=${created.id}`, audio.angry, 'audio/flac');
    expect(response.status).toBe(200);
    const calibrated = (await response.json()) as AnalysisReport & { calibration?: CalibrationInfo };
    expect(calibrated.calibrated).toBe(true);
    expect(calibrated.calibration).toEqual(created);
    expect(plain.calibrated).toBe(false);
    expect(plain.calibration).toBeUndefined();
    // The same chunks, classified by the calibrated model with the speaker's offset: other probabilities.
    expect(calibrated.chunks.map((c) => [c.start, c.end, c.silent])).toEqual(
      plain.chunks.map((c) => [c.start, c.end, c.silent]),
    );
    expect(calibrated.model.labels).toEqual(plain.model.labels);
    expect(calibrated.model.labels).toContain(calibrated.summary.label);
    expect(calibrated.summary.probabilities).not.toEqual(plain.summary.probabilities);
    const sum = Object.values(calibrated.summary.probabilities!).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 4);
    console.log(
      `actor 3 angry (strong): uncalibrated ${plain.summary.label} ${plain.summary.confidence.toFixed(2)}, calibrated ${calibrated.summary.label} ${calibrated.summary.confidence.toFixed(2)}`,
    );
  });

  it('takes the calm speech as multipart/form-data too', async () => {
    const base = await start();
    const form = new FormData();
    form.set('file', new Blob([readFileSync(audio.calm)], { type: 'audio/wav' }), 'calm.wav');
    const response = await fetch(`${base}/calibrations`, { method: 'POST', body: form });
    expect(response.status).toBe(201);
    expect(((await response.json()) as CalibrationInfo).id).toMatch(UUID);
  });

  it('answers 404 naming an unknown id, and DELETE 204 then 404', async () => {
    const base = await start();
    const unknown = await post(`${base}/analyze?calibration=no-such-id`, audio.angry, 'audio/flac');
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({
      code: 'unknown_calibration',
      message: expect.stringContaining('"no-such-id"'),
    });
    const { id } = await calibrate(base);
    expect((await fetch(`${base}/calibrations/${id}`, { method: 'DELETE' })).status).toBe(204);
    const again = await fetch(`${base}/calibrations/${id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await errorOf(again)).message).toContain(id);
    expect((await post(`${base}/analyze?calibration=${id}`, audio.angry, 'audio/flac')).status).toBe(404);
    expect((await post(`${base}/analyze?calibration=`, audio.angry, 'audio/flac')).status).toBe(400);
    const wrongMethod = await fetch(`${base}/calibrations/${id}`);
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'DELETE']);
    expect((await fetch(`${base}/calibrations`)).status).toBe(405);
  });

  it('refuses silent, too short, not calm and undecodable enrollments with 422 and the code', async () => {
    const base = await start();
    const cases = [
      [audio.silence, 'enrollment_silent', /silent/],
      [audio.short, 'enrollment_too_short', /1\.\d s of speech.*at least 3 s/],
      [audio.angryStrong, 'enrollment_not_calm', /does not sound calm.*hears/],
    ] as const;
    for (const [path, code, message] of cases) {
      const response = await post(`${base}/calibrations`, path);
      expect(response.status, code).toBe(422);
      expect(await errorOf(response)).toMatchObject({ status: 422, code, message: expect.stringMatching(message) });
    }
    const garbage = await fetch(`${base}/calibrations`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav' },
      body: new Uint8Array(4000).fill(7),
    });
    expect(garbage.status).toBe(422);
    expect((await errorOf(garbage)).code).toBe('undecodable_audio');
    // ?allowNotCalm=true takes speech the calm check refuses.
    expect((await post(`${base}/calibrations?allowNotCalm=true`, audio.angryStrong)).status).toBe(201);
    const health = (await (await fetch(`${base}/health`)).json()) as { calibrations: number };
    expect(health.calibrations).toBe(1);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const base = await start(createCalibrationStore({ maxEntries: 2 }));
    const first = await calibrate(base);
    const second = await calibrate(base);
    expect((await post(`${base}/analyze?calibration=${first.id}`, audio.angry, 'audio/flac')).status).toBe(200); // first is now the newest use
    const third = await calibrate(base); // evicts second
    const statuses = await Promise.all(
      [first, second, third].map(
        async ({ id }) => (await fetch(`${base}/calibrations/${id}`, { method: 'DELETE' })).status,
      ),
    );
    expect(statuses).toEqual([204, 404, 204]);
    const health = (await (await fetch(`${base}/health`)).json()) as { calibrations: number; maxCalibrations: number };
    expect(health).toMatchObject({ calibrations: 0, maxCalibrations: 2 });
  });

  it('forgets a calibration after its time to live', async () => {
    let clock = Date.now();
    const base = await start(createCalibrationStore({ ttlMs: 60_000, now: () => clock }));
    const created = await calibrate(base);
    expect(Date.parse(created.expiresAt)).toBe(clock + 60_000);
    clock += 60_000;
    const expired = await post(`${base}/analyze?calibration=${created.id}`, audio.angry, 'audio/flac');
    expect(expired.status).toBe(404);
    expect((await errorOf(expired)).message).toMatch(/expired/);
  });
});

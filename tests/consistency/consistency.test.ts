/**
 * One recording, one answer (issue #13): the built `ser analyze --json`, the HTTP service (a real server on a
 * loopback port, analysing on its worker pool) and the voice bot (its real webhook adapter and handler) give the
 * same chunks and the same summary — all three run @ser/models' createRecognizer — plain, and with the same
 * speaker calibration made by each of them from the same calm speech. (The web page: web-page.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { ravdessSpeechWav } from '@ser/test-support/ravdess-speech';
import { createCalibrationStore, type AnalysisReport } from '@ser/models';
import { createRecognizerPool, type RecognizerPool } from '@ser/models/node';
import { createAnalysisServer } from '../../examples/http-service/src/server.js';
import { CALIBRATE_PROMPT, calibratedReply } from '../../examples/voice-bot/src/calibration-replies.js';
import { emotionReply } from '../../examples/voice-bot/src/emotion-replies.js';
import { recognizeEmotion } from '../../examples/voice-bot/src/recognize-emotion.js';
import { createVoiceBot } from '../../examples/voice-bot/src/voice-bot.js';
import { WebhookAdapter } from '../../examples/voice-bot/src/webhook-adapter.js';
import { agreed, assertCliBuilt, cliReport, describeReport, runCli } from './cli-report.js';
import { ANGRY, mixedRecording } from './recordings.js';

let work: string;
let pool: RecognizerPool;
let server: Server;
let serviceUrl: string;
let adapter: WebhookAdapter;
let botUrl: string;
/** The bot's calibrations by sender. */
const botCalibrations = createCalibrationStore();
const recordings: Record<string, string> = {};

async function serviceReport(file: string, calibrationId?: string): Promise<AnalysisReport> {
  const query = calibrationId === undefined ? '' : `?calibration=${encodeURIComponent(calibrationId)}`;
  const response = await fetch(`${serviceUrl}/analyze${query}`, {
    method: 'POST',
    headers: { 'content-type': 'audio/wav', 'x-file-name': file },
    body: readFileSync(file),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as AnalysisReport;
}

/** Sends `message` (with `file` as a WAV voice message when given) to the bot's webhook; returns its replies. */
async function sendToBot(message: Record<string, string>, file?: string): Promise<string[]> {
  const body =
    file === undefined ? message : { ...message, audio: readFileSync(file).toString('base64'), mimeType: 'audio/wav' };
  const response = await fetch(`${botUrl}/voice`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { replies: string[] }).replies;
}

beforeAll(async () => {
  assertCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'ser-consistency-'));
  recordings.angry = ANGRY;
  recordings.mixed = mixedRecording(work);
  // No modelDir: the pool loads the calibrated default model too, as `ser analyze --calibration` does.
  pool = createRecognizerPool({ workers: 1, maxQueue: 2 });
  await pool.ready();
  server = createAnalysisServer({ pool });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adapter = new WebhookAdapter({ isBusy: () => pool.full });
  createVoiceBot(adapter, { pool, calibrations: botCalibrations });
  botUrl = await adapter.listen();
});

afterAll(async () => {
  await adapter?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
  await pool?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('one recording, one answer', needs('ravdess', 'sox'), () => {
  for (const name of ['angry', 'mixed']) {
    it(`ser analyze --json, the HTTP service and the voice bot agree on the ${name} recording`, async () => {
      const file = recordings[name]!;
      const cli = cliReport(file);
      const service = await serviceReport(file);
      const bot = await recognizeEmotion(pool, readFileSync(file), file);
      expect(bot.kind).toBe('emotion');
      if (bot.kind !== 'emotion') return;
      expect(agreed(service)).toEqual(agreed(cli));
      expect(agreed(bot.report)).toEqual(agreed(cli));
      expect(service.source).toBe(file);
      expect(bot.label).toBe(cli.summary.label);
      expect(bot.confidence).toBe(cli.summary.confidence);

      // The bot's reply through its real webhook names the summary's emotion and confidence.
      expect(await sendToBot({ chatId: name }, file)).toEqual([
        emotionReply(cli.summary.label!, cli.summary.confidence),
      ]);
      console.log(describeReport(name, cli));
    });
  }

  it('the mixed recording exercises the rules: silent chunks left out, a short remainder joining the last chunk', async () => {
    const report = cliReport(recordings.mixed!);
    expect(report).toMatchObject({ sampleRate: 48000, channels: 2, format: 'wav' });
    expect(report.summary.silentChunkCount).toBeGreaterThan(0);
    expect(report.chunks.some((c) => c.silent)).toBe(true);
    const last = report.chunks.at(-1)!;
    expect(last.end).toBeCloseTo(report.duration, 6);
    expect(last.end - last.start).toBeGreaterThan(2); // 10.1 s: the 0.1-s remainder joined the fifth chunk
    expect(report.summary.speechSeconds).toBeLessThan(report.summary.totalSeconds);
    expect(report.chunks.map((c) => c.end - c.start).every((d) => d >= 1 - 1e-9 && d < 3)).toBe(true);
  });
});

describe('one calibrated recording, one answer', needs('ravdess', 'sox'), () => {
  it("ser calibrate + analyze --calibration, POST /calibrations + /analyze?calibration=, and the bot's calibrate agree on both recordings", async () => {
    // Actor 1's neutral speech (≈ 10 s) is enrolled by each front end in its own way: the CLI's file, the service's
    // id, the bot's calibration of the sender.
    const calm = ravdessSpeechWav(work, { actor: 1, emotion: 'neutral' });
    const calibrationFile = join(work, 'actor1.calibration.json');
    runCli(['calibrate', calm, '--out', calibrationFile]);

    const enrollment = await fetch(`${serviceUrl}/calibrations`, {
      method: 'POST',
      headers: { 'content-type': 'audio/wav' },
      body: readFileSync(calm),
    });
    expect(enrollment.status).toBe(201);
    const { id, speechSeconds } = (await enrollment.json()) as { id: string; speechSeconds: number };

    expect(await sendToBot({ chatId: 'calibrated', userId: 'actor1', text: 'calibrate' })).toEqual([CALIBRATE_PROMPT]);
    expect(await sendToBot({ chatId: 'calibrated', userId: 'actor1' }, calm)).toEqual([calibratedReply(speechSeconds)]);
    const botCalibration = botCalibrations.get('actor1');
    expect(botCalibration).toBeDefined();
    // The same calibration: the bot's is the one `ser calibrate` wrote, but for when it was made.
    const { createdAt: botMade, ...botKept } = JSON.parse(JSON.stringify(botCalibration)) as Record<string, unknown>;
    const { createdAt: cliMade, ...cliKept } = JSON.parse(readFileSync(calibrationFile, 'utf8')) as Record<
      string,
      unknown
    >;
    expect(botKept).toEqual(cliKept);
    expect([typeof botMade, typeof cliMade]).toEqual(['string', 'string']);
    expect(botCalibration!.speechSeconds).toBe(speechSeconds);
    for (const [name, file] of Object.entries(recordings)) {
      const cli = cliReport(file, ['--calibration', calibrationFile]);
      const service = await serviceReport(file, id);
      const bot = await recognizeEmotion(pool, readFileSync(file), file, { calibration: botCalibration });
      expect(bot.kind).toBe('emotion');
      if (bot.kind !== 'emotion') return;
      expect(cli.calibrated).toBe(true);
      expect(agreed(service)).toEqual(agreed(cli));
      expect(agreed(bot.report)).toEqual(agreed(cli));
      // The voice message through the webhook: the calibrated summary, tuned to the sender.
      expect(await sendToBot({ chatId: 'calibrated', userId: 'actor1' }, file)).toEqual([
        emotionReply(cli.summary.label!, cli.summary.confidence, { calibrated: true }),
      ]);
      // The calibration changed the answer (else the test could not tell calibrated from plain analysis).
      expect(cli.summary.probabilities).not.toEqual(cliReport(file).summary.probabilities);
      console.log(describeReport(`${name}, calibrated (${speechSeconds} s of calm speech)`, cli));
    }
  });
});

/**
 * One recording, one answer (issue #13): the built `ser analyze --json`, the HTTP service (a real server on a
 * loopback port, analysing on its worker pool) and the voice bot (its real webhook adapter and handler) give the
 * same chunks and the same summary — all three run @ser/models' createRecognizer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, REPO_ROOT, needs } from '@ser/test-support';
import type { AnalysisReport } from '@ser/models';
import { createRecognizerPool, type RecognizerPool } from '@ser/models/node';
import { createAnalysisServer } from '../../examples/http-service/src/server.js';
import { emotionReply } from '../../examples/voice-bot/src/emotion-replies.js';
import { recognizeEmotion } from '../../examples/voice-bot/src/recognize-emotion.js';
import { createVoiceBot } from '../../examples/voice-bot/src/voice-bot.js';
import { WebhookAdapter } from '../../examples/voice-bot/src/webhook-adapter.js';

const CLI = resolve(REPO_ROOT, 'packages/ser-cli/dist/cli.js');
/** The recording of issue #13: RAVDESS actor 1, angry, normal intensity (the CLI said angry, the others happy). */
const ANGRY = join(DATASETS_DIR, 'ravdess/Actor_01/03-01-05-01-01-01-01.flac');
const SAD = join(DATASETS_DIR, 'ravdess/Actor_02/03-01-04-01-02-01-02.flac');

let work: string;
let pool: RecognizerPool;
let server: Server;
let serviceUrl: string;
let adapter: WebhookAdapter;
let botUrl: string;
const recordings: Record<string, string> = {};

/** What all front ends must agree on. */
function agreed(report: AnalysisReport): Pick<AnalysisReport, 'chunks' | 'summary' | 'chunkSeconds' | 'hopSeconds' | 'silenceThresholdDbfs' | 'model' | 'format' | 'sampleRate' | 'channels'> {
  const { chunks, summary, chunkSeconds, hopSeconds, silenceThresholdDbfs, format, sampleRate, channels } = report;
  return { chunks, summary, chunkSeconds, hopSeconds, silenceThresholdDbfs, format, sampleRate, channels, model: { labels: report.model.labels, sampleRate: report.model.sampleRate, featureSet: report.model.featureSet } };
}

function cliReport(file: string): AnalysisReport {
  const run = spawnSync(process.execPath, [CLI, 'analyze', file, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as AnalysisReport;
}

async function serviceReport(file: string): Promise<AnalysisReport> {
  const response = await fetch(`${serviceUrl}/analyze`, { method: 'POST', headers: { 'content-type': 'audio/wav', 'x-file-name': file }, body: readFileSync(file) });
  expect(response.status).toBe(200);
  return (await response.json()) as AnalysisReport;
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @ser/cli first (npx nx run @ser/cli:build)`);
  work = mkdtempSync(join(tmpdir(), 'ser-consistency-'));
  recordings.angry = ANGRY;
  // 48 kHz stereo: the angry sentence, 2.5 s of silence, the sad one — resampling, the mono mix, silent chunks and
  // the remainder rule all take part.
  recordings.mixed = join(work, 'angry-pause-sad-48k-stereo.wav');
  const pause = join(work, 'pause.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', pause, 'trim', '0', '2.5']);
  execFileSync('sox', [ANGRY, pause, SAD, '-r', '48000', '-c', '2', '-b', '24', recordings.mixed]);
  pool = createRecognizerPool({ workers: 1, maxQueue: 2 });
  await pool.ready();
  server = createAnalysisServer({ pool });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adapter = new WebhookAdapter({ isBusy: () => pool.full });
  createVoiceBot(adapter, { pool });
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
      const response = await fetch(`${botUrl}/voice`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chatId: name, audio: readFileSync(file).toString('base64'), mimeType: 'audio/wav' }),
      });
      expect(response.status).toBe(200);
      const { replies } = (await response.json()) as { replies: string[] };
      expect(replies).toEqual([emotionReply(cli.summary.label!, cli.summary.confidence)]);

      console.log(`${name}: ${cli.chunks.map((c) => `${c.start.toFixed(2)}–${c.end.toFixed(2)} ${c.silent ? 'silent' : `${c.label} ${c.confidence.toFixed(2)}`}`).join(' | ')} → ${cli.summary.label} ${cli.summary.confidence.toFixed(3)}`);
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

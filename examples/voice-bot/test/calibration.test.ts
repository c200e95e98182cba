/**
 * The `calibrate` command through the local webhook: a RAVDESS actor's calm speech as an Ogg/Opus voice note
 * tunes the bot to that sender, later messages say so, `forget calibration` drops it; refused enrollments get a
 * polite reason; both stores stay bounded. Real pool, real calibrated default model.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { ravdessFile, ravdessSpeechWav } from '@ser/test-support/ravdess-speech';
import { createCalibrationStore } from '@ser/models';
import { createRecognizerPool, type RecognizerPool } from '@ser/models/node';
import {
  CALIBRATE_PROMPT,
  ENROLLMENT_REPLIES,
  FORGOTTEN_REPLY,
  NOTHING_TO_FORGET_REPLY,
} from '../src/calibration-replies.js';
import { SILENT_AUDIO_REPLY } from '../src/emotion-replies.js';
import { createVoiceBot, type VoiceBotOptions } from '../src/voice-bot.js';
import { WebhookAdapter } from '../src/webhook-adapter.js';
import { encode } from './make-audio.js';

let work: string;
let pool: RecognizerPool;
let labels: string[];
const adapters: WebhookAdapter[] = [];
const unexpectedErrors: unknown[] = [];
/** The test recordings, made in beforeAll. */
const audio = { calm: '', angryStrong: '', short: '', silence: '', angry: '' };

/** A bot on the shared pool behind its own webhook; returns a sender of messages to it. */
async function startBot(
  options: Omit<VoiceBotOptions, 'pool'> = {},
): Promise<(message: Record<string, string>, file?: string) => Promise<string[]>> {
  const adapter = new WebhookAdapter();
  adapters.push(adapter);
  createVoiceBot(adapter, { pool, onError: (error) => unexpectedErrors.push(error), ...options });
  const url = await adapter.listen();
  return async (message, file) => {
    const body =
      file === undefined
        ? message
        : { ...message, audio: readFileSync(file).toString('base64'), mimeType: 'audio/ogg' };
    const response = await fetch(`${url}/voice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { replies: string[] }).replies;
  };
}

/** The emotion a reply names and whether it says it was tuned to the sender's voice. */
function heard(replies: string[]): { label: string; tuned: boolean } {
  expect(replies).toHaveLength(1);
  const match = /^I hear (\S+) in your voice \(\d+% confident(, tuned to your voice)?\)\. \S/.exec(replies[0]!);
  expect(match, replies[0]).not.toBeNull();
  expect(labels).toContain(match![1]);
  return { label: match![1]!, tuned: match![2] !== undefined };
}

/** The seconds of speech a calibration confirmation names. */
function confirmedSeconds(replies: string[]): number {
  const match = /tuned to your voice \((\d+\.\d) seconds of speech\)/.exec(replies[0] ?? '');
  expect(match, replies[0]).not.toBeNull();
  return Number(match![1]);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ser-voice-bot-calibration-'));
  pool = createRecognizerPool({ workers: 1, maxQueue: 2 }); // no modelDir: the calibrated default model too
  labels = (await pool.ready()).labels;
  const voiceNote = (wav: string, name: string): string =>
    encode(wav, work, name, ['-ar', '48000', '-ac', '1', '-c:a', 'libopus', '-b:a', '32k']);
  audio.calm = voiceNote(ravdessSpeechWav(work, { actor: 3, emotion: 'neutral' }), 'calm.ogg');
  audio.angryStrong = voiceNote(ravdessSpeechWav(work, { actor: 3, emotion: 'angry', intensity: 2 }), 'angry-long.ogg');
  audio.short = voiceNote(ravdessFile(3, 'neutral', 1, 1, 1), 'short.ogg');
  audio.angry = voiceNote(ravdessFile(3, 'angry', 2, 2, 2), 'angry.ogg');
  const silence = join(work, 'silence.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-b', '16', '-c', '1', silence, 'trim', '0', '6']);
  audio.silence = voiceNote(silence, 'silence.ogg');
});

afterAll(async () => {
  await Promise.all(adapters.map((adapter) => adapter.close()));
  await pool?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('voice bot calibration', needs('sox', 'ffmpeg', 'ravdess'), () => {
  it('takes the voice message after "calibrate" as calm speech, tunes later replies, and forgets on request', async () => {
    const send = await startBot();
    expect(await send({ chatId: 'group', userId: 'alice', text: 'calibrate' })).toEqual([CALIBRATE_PROMPT]);
    const seconds = confirmedSeconds(await send({ chatId: 'group', userId: 'alice' }, audio.calm));
    expect(seconds).toBeGreaterThan(3);
    expect(seconds).toBeLessThan(10.5);
    expect(heard(await send({ chatId: 'group', userId: 'alice' }, audio.angry)).tuned).toBe(true);
    // Kept per user: bob in the same chat has none.
    expect(heard(await send({ chatId: 'group', userId: 'bob' }, audio.angry)).tuned).toBe(false);
    expect(await send({ chatId: 'group', userId: 'alice', text: 'Forget calibration' })).toEqual([FORGOTTEN_REPLY]);
    expect(heard(await send({ chatId: 'group', userId: 'alice' }, audio.angry)).tuned).toBe(false);
    expect(await send({ chatId: 'group', userId: 'alice', text: '/uncalibrate' })).toEqual([NOTHING_TO_FORGET_REPLY]);
    // /calibrate works too; without a userId the chat is the sender.
    expect(await send({ chatId: 'dm-7', text: '/calibrate' })).toEqual([CALIBRATE_PROMPT]);
    confirmedSeconds(await send({ chatId: 'dm-7' }, audio.calm));
    expect(heard(await send({ chatId: 'dm-7' }, audio.angry)).tuned).toBe(true);
    expect(unexpectedErrors).toEqual([]);
  });

  it('explains a refused enrollment politely and takes only the next message', async () => {
    const send = await startBot();
    const cases = [
      [audio.silence, ENROLLMENT_REPLIES.ENROLLMENT_SILENT],
      [audio.short, ENROLLMENT_REPLIES.ENROLLMENT_TOO_SHORT],
      [audio.angryStrong, ENROLLMENT_REPLIES.ENROLLMENT_NOT_CALM],
    ] as const;
    for (const [file, reply] of cases) {
      expect(await send({ chatId: 'c', text: 'calibrate' })).toEqual([CALIBRATE_PROMPT]);
      expect(await send({ chatId: 'c' }, file)).toEqual([reply]);
    }
    expect(await send({ chatId: 'c', text: 'calibrate' })).toEqual([CALIBRATE_PROMPT]);
    const corrupt = {
      chatId: 'c',
      audio: Buffer.from(new Uint8Array(5000).fill(9)).toString('base64'),
      mimeType: 'audio/ogg',
    };
    expect(await send(corrupt)).toEqual([ENROLLMENT_REPLIES.UNREADABLE]);
    // The failed attempts left no calibration and no pending request: the next messages are analysed as usual.
    expect(await send({ chatId: 'c' }, audio.silence)).toEqual([SILENT_AUDIO_REPLY]);
    expect(heard(await send({ chatId: 'c' }, audio.angry)).tuned).toBe(false);
    expect(unexpectedErrors).toEqual([]);
  });

  it('keeps calibrations and pending requests bounded', async () => {
    let clock = Date.now();
    const send = await startBot({
      calibrations: createCalibrationStore({ maxEntries: 1 }),
      awaitingCalibration: createCalibrationStore<true>({ ttlMs: 60_000, now: () => clock }),
    });
    for (const user of ['u1', 'u2']) {
      await send({ chatId: user, text: 'calibrate' });
      confirmedSeconds(await send({ chatId: user }, audio.calm));
    }
    // One place: u2's calibration dropped u1's.
    expect(heard(await send({ chatId: 'u1' }, audio.angry)).tuned).toBe(false);
    expect(heard(await send({ chatId: 'u2' }, audio.angry)).tuned).toBe(true);
    // A "calibrate" not followed by a voice message within the minute lapses.
    await send({ chatId: 'u3', text: 'calibrate' });
    clock += 60_000;
    expect(heard(await send({ chatId: 'u3' }, audio.calm)).tuned).toBe(false);
  });
});

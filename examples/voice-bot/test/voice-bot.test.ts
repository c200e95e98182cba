import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { createRecognizerPool, type RecognizerPool } from '@ser/models/node';
import type { ChatAdapter, TextMessageHandler, VoiceMessageHandler } from '../src/chat-adapter.js';
import { HELP_REPLY } from '../src/calibration-replies.js';
import { BUSY_REPLY, SILENT_AUDIO_REPLY, UNREADABLE_AUDIO_REPLY } from '../src/emotion-replies.js';
import { recognizeEmotion } from '../src/recognize-emotion.js';
import { createVoiceBot, replyToVoiceMessage } from '../src/voice-bot.js';
import { WebhookAdapter } from '../src/webhook-adapter.js';
import { encode, speechWav } from './make-audio.js';
import { testModelDir } from './model-dir.js';

let work: string;
let pool: RecognizerPool;
let labels: string[];
let adapter: WebhookAdapter;
let url: string;
/** The test recordings, made in beforeAll. */
const audio = { opus: '', mp3: '', wav48: '', silence: '' };
const unexpectedErrors: unknown[] = [];

interface WebhookAnswer {
  chatId: string;
  replies: string[];
}

async function sendJson(chatId: string | number, bytes: Uint8Array, mimeType: string): Promise<WebhookAnswer> {
  const response = await fetch(`${url}/voice`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId, audio: Buffer.from(bytes).toString('base64'), mimeType }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as WebhookAnswer;
}

/** The emotion word a reply names (`I hear <label> in your voice …`). */
function namedEmotion(reply: string): string {
  const match = /^I hear (\S+) in your voice \((\d+)% confident\)\. \S/.exec(reply);
  expect(match, reply).not.toBeNull();
  expect(Number(match![2])).toBeGreaterThan(100 / labels.length - 1);
  return match![1]!;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ser-voice-bot-'));
  pool = createRecognizerPool({ modelDir: testModelDir(), workers: 1, maxQueue: 2 });
  labels = (await pool.ready()).labels;
  const speech = speechWav(
    work,
    'speech',
    'Oh no, not again! Why does this always happen to me? I am so tired of this.',
  );
  // A Telegram/Discord-style voice note: Ogg Opus, 48 kHz mono.
  audio.opus = encode(speech, work, 'voice.ogg', [
    '-ar',
    '48000',
    '-ac',
    '1',
    '-c:a',
    'libopus',
    '-b:a',
    '32k',
    '-application',
    'voip',
  ]);
  audio.mp3 = encode(speech, work, 'voice.mp3', ['-c:a', 'libmp3lame', '-b:a', '48k']);
  audio.wav48 = join(work, 'voice-48k.wav');
  execFileSync('sox', [speech, '-r', '48000', '-b', '16', audio.wav48]);
  audio.silence = join(work, 'silence.wav');
  execFileSync('sox', ['-n', '-r', '16000', '-b', '16', '-c', '1', audio.silence, 'trim', '0', '2']);
  adapter = new WebhookAdapter({ maxBodyBytes: 4 * 1024 * 1024 });
  createVoiceBot(adapter, { pool, onError: (error) => unexpectedErrors.push(error) });
  url = await adapter.listen();
});

afterAll(async () => {
  await adapter?.close();
  await pool?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('voice bot behind the local webhook', needs('espeak-ng', 'ffmpeg', 'sox'), () => {
  it('replies to an OGG/Opus voice note (JSON + base64) naming an emotion of the model', async () => {
    const answer = await sendJson(12345, readFileSync(audio.opus), 'audio/ogg');
    expect(answer.chatId).toBe('12345');
    expect(answer.replies).toHaveLength(1);
    expect(labels).toContain(namedEmotion(answer.replies[0]!));
  });

  it('replies to a multipart MP3 upload and a 48 kHz WAV', async () => {
    const form = new FormData();
    form.set('chatId', 'discord-channel-7');
    form.set('audio', new Blob([readFileSync(audio.mp3)], { type: 'audio/mpeg' }), 'voice.mp3');
    const response = await fetch(`${url}/voice`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as WebhookAnswer;
    expect(answer.chatId).toBe('discord-channel-7');
    expect(labels).toContain(namedEmotion(answer.replies[0]!));
    const wav = await sendJson('chat-wav', readFileSync(audio.wav48), 'audio/wav');
    expect(labels).toContain(namedEmotion(wav.replies[0]!));
  });

  it('decodes each codec from its bytes and gives a probability for every label', async () => {
    const opus = await recognizeEmotion(pool, readFileSync(audio.opus), 'voice.ogg');
    const wav = await recognizeEmotion(pool, readFileSync(audio.wav48), 'voice-48k.wav');
    expect(opus.kind === 'emotion' && opus.report.format).toBe('ogg-opus');
    expect(wav.kind === 'emotion' && wav.report.format).toBe('wav');
    for (const result of [opus, wav]) {
      if (result.kind !== 'emotion') continue;
      expect(Object.keys(result.probabilities)).toEqual(labels);
      expect(Object.values(result.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(result.probabilities[result.label]).toBe(Math.max(...Object.values(result.probabilities)));
      expect(result.confidence).toBe(result.probabilities[result.label]);
      expect(result.report.duration).toBeGreaterThan(3);
      expect(result.report.chunks.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('answers corrupt files politely instead of crashing, then keeps working', async () => {
    const scrambledOgg = Uint8Array.from(readFileSync(audio.opus));
    for (let i = 100; i < scrambledOgg.length; i++) scrambledOgg[i] = (scrambledOgg[i]! * 31 + i) & 255;
    const noise = new Uint8Array(20_000).map((_, i) => (i * 7919) % 251);
    const truncatedWav = readFileSync(audio.wav48).subarray(0, 30);
    const opus = readFileSync(audio.opus);
    const truncatedOgg = opus.subarray(0, opus.length >> 1); // a voice note cut off mid-upload
    for (const [bytes, type] of [
      [scrambledOgg, 'audio/ogg'],
      [truncatedOgg, 'audio/ogg'],
      [noise, 'audio/ogg'],
      [truncatedWav, 'audio/wav'],
    ] as const) {
      const answer = await sendJson('corrupt', bytes, type);
      expect(answer.replies).toEqual([UNREADABLE_AUDIO_REPLY]);
    }
    expect(unexpectedErrors).toEqual([]);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(labels).toContain(
      namedEmotion((await sendJson('after', readFileSync(audio.opus), 'audio/ogg')).replies[0]!),
    );
  });

  it('says when it hears nothing', async () => {
    expect((await sendJson('quiet', readFileSync(audio.silence), 'audio/wav')).replies).toEqual([SILENT_AUDIO_REPLY]);
  });

  it('answers 503 with Retry-After before reading the body, and a busy reply, when its pool is full', async () => {
    const small = createRecognizerPool({ modelDir: testModelDir(), workers: 1, maxQueue: 0 });
    const busyAdapter = new WebhookAdapter({ isBusy: () => small.full });
    try {
      await small.ready();
      createVoiceBot(busyAdapter, { pool: small });
      const busyUrl = await busyAdapter.listen();
      const held = small.reserve();
      expect(held).not.toBeNull();
      const refused = await fetch(`${busyUrl}/voice`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await replyToVoiceMessage({ chatId: 'c', audio: readFileSync(audio.opus) }, { pool: small })).toBe(
        BUSY_REPLY,
      );
      held!.release();
      const answer = await fetch(`${busyUrl}/voice`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          chatId: 'c',
          audio: readFileSync(audio.opus).toString('base64'),
          mimeType: 'audio/ogg',
        }),
      });
      expect(answer.status).toBe(200);
      expect(labels).toContain(namedEmotion(((await answer.json()) as WebhookAnswer).replies[0]!));
    } finally {
      await busyAdapter.close();
      await small.close();
    }
  });

  it('rejects malformed webhook requests with 4xx', async () => {
    const post = (body: string | Uint8Array, type: string) =>
      fetch(`${url}/voice`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{"audio": "AAAA"}', 'application/json')).status).toBe(400); // no chatId
    expect((await post('{"chatId": 1, "audio": "not base64!!"}', 'application/json')).status).toBe(400);
    expect((await post('{not json', 'application/json')).status).toBe(400);
    expect((await post('hello', 'text/plain')).status).toBe(415);
    expect((await post(new Uint8Array(5 * 1024 * 1024), 'application/json')).status).toBe(413);
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});

describe('voice bot with any ChatAdapter', needs('espeak-ng', 'ffmpeg', 'sox'), () => {
  it('replies through the adapter it is given', async () => {
    const sent: Array<[string, string]> = [];
    let deliver: VoiceMessageHandler = async () => {};
    let deliverText: TextMessageHandler = async () => {};
    const inMemory: ChatAdapter = {
      onVoiceMessage: (handler) => void (deliver = handler),
      onTextMessage: (handler) => void (deliverText = handler),
      sendReply: async (chatId, text) => void sent.push([chatId, text]),
    };
    createVoiceBot(inMemory, { pool });
    await deliver({ chatId: 'tg-42', audio: readFileSync(audio.opus), mimeType: 'audio/ogg', fileName: 'voice.oga' });
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]).toBe('tg-42');
    expect(labels).toContain(namedEmotion(sent[0]![1]));
    await deliverText({ chatId: 'tg-42', text: 'hello' });
    expect(sent[1]).toEqual(['tg-42', HELP_REPLY]);
  });
});

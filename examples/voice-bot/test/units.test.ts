import { describe, expect, it } from 'vitest';
import { EKMAN7_LABELS } from '@ser/core';
import { parseCommand } from '../src/bot-commands.js';
import { calibratedReply } from '../src/calibration-replies.js';
import { EMOTION_RESPONSES, emotionReply, responseFor } from '../src/emotion-replies.js';
import { parseWebhookRequest } from '../src/webhook-request.js';

describe('replies', () => {
  it('has a response for every ekman7 label and a neutral one for others', () => {
    for (const label of EKMAN7_LABELS) expect(EMOTION_RESPONSES[label]).toBeTruthy();
    expect(responseFor('fearful')).toBe(EMOTION_RESPONSES.fear);
    expect(responseFor('Surprised')).toBe(EMOTION_RESPONSES.surprise);
    expect(responseFor('bored')).toMatch(/How can I help/);
    expect(emotionReply('happy', 0.716)).toMatch(/^I hear happy in your voice \(72% confident\)\. You sound cheerful/);
    expect(emotionReply('sad', 0.5, { calibrated: true })).toMatch(
      /^I hear sad in your voice \(50% confident, tuned to your voice\)\. You sound a bit down/,
    );
    expect(calibratedReply(4.876)).toMatch(/tuned to your voice \(4\.9 seconds of speech\)/);
  });
});

describe('parseCommand', () => {
  it('knows calibrate and forget calibration, in their spellings', () => {
    for (const text of ['calibrate', '/calibrate', ' Calibrate! ', '/calibrate@MoodBot', 'CALIBRATE.'])
      expect(parseCommand(text), text).toBe('calibrate');
    for (const text of ['forget calibration', 'Forget   calibration', '/uncalibrate', '/uncalibrate@MoodBot'])
      expect(parseCommand(text), text).toBe('forget-calibration');
    for (const text of ['hello', 'calibrate me please', '', '/start', 'forget'])
      expect(parseCommand(text), text).toBeNull();
  });
});

describe('parseWebhookRequest', () => {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it('reads JSON with base64 audio', async () => {
    const message = await parseWebhookRequest(
      json({ chatId: 7, audio: Buffer.from([1, 2, 3]).toString('base64'), mimeType: 'audio/ogg' }),
      'application/json; charset=utf-8',
    );
    expect(message).toEqual({
      chatId: '7',
      audio: new Uint8Array([1, 2, 3]),
      mimeType: 'audio/ogg',
      fileName: undefined,
    });
  });

  it('reads multipart forms with an audio file field', async () => {
    const form = new FormData();
    form.set('chatId', 'c1');
    form.set('audio', new Blob([new Uint8Array([4, 5])], { type: 'audio/mpeg' }), 'v.mp3');
    const request = new Request('http://x/', { method: 'POST', body: form });
    const message = await parseWebhookRequest(
      new Uint8Array(await request.arrayBuffer()),
      request.headers.get('content-type')!,
    );
    expect(message).toEqual({ chatId: 'c1', audio: new Uint8Array([4, 5]), mimeType: 'audio/mpeg', fileName: 'v.mp3' });
  });

  it('reads text messages, with an optional userId', async () => {
    expect(await parseWebhookRequest(json({ chatId: 7, text: 'calibrate' }), 'application/json')).toEqual({
      chatId: '7',
      text: 'calibrate',
    });
    expect(
      await parseWebhookRequest(json({ chatId: 'g', userId: 42, text: '/uncalibrate' }), 'application/json'),
    ).toEqual({ chatId: 'g', userId: '42', text: '/uncalibrate' });
    const form = new FormData();
    form.set('chatId', 'c1');
    form.set('userId', 'u1');
    form.set('text', 'calibrate');
    const request = new Request('http://x/', { method: 'POST', body: form });
    expect(
      await parseWebhookRequest(new Uint8Array(await request.arrayBuffer()), request.headers.get('content-type')!),
    ).toEqual({ chatId: 'c1', userId: 'u1', text: 'calibrate' });
    await expect(
      parseWebhookRequest(json({ chatId: 'x', userId: '', text: 'hi' }), 'application/json'),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/userId/) });
  });

  it('names what is wrong with a bad request', async () => {
    await expect(parseWebhookRequest(json({ audio: 'AAAA' }), 'application/json')).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/chatId/),
    });
    await expect(parseWebhookRequest(json({ chatId: 'x', audio: '' }), 'application/json')).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/base64/),
    });
    await expect(parseWebhookRequest(json({ chatId: 'x', audio: '###' }), 'application/json')).rejects.toMatchObject({
      status: 400,
    });
    await expect(parseWebhookRequest(new Uint8Array([1]), 'audio/ogg')).rejects.toMatchObject({ status: 415 });
    const form = new FormData();
    form.set('chatId', 'c1');
    const request = new Request('http://x/', { method: 'POST', body: form });
    await expect(
      parseWebhookRequest(new Uint8Array(await request.arrayBuffer()), request.headers.get('content-type')!),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/file field named "audio"/) });
  });
});

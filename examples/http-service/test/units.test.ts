import { describe, expect, it } from 'vitest';
import { AudioFeaturesError } from '@ser/audio-features';
import { ModelError } from '@ser/models';
import { HttpError } from '../src/http-error.js';
import { toHttpError } from '../src/server.js';
import { assertUploadContentType, extractUpload, mediaType } from '../src/upload.js';

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
    expect(toHttpError(new ModelError('ABORTED', 'x.wav: took too long'))).toMatchObject({
      status: 504,
      code: 'analysis_timeout',
    });
    expect(toHttpError(new ModelError('WORKER_FAILED', 'x.wav: out of memory'))).toMatchObject({
      status: 422,
      code: 'unusable_audio',
    });
    for (const code of ['ENROLLMENT_SILENT', 'ENROLLMENT_TOO_SHORT', 'ENROLLMENT_NOT_CALM'] as const) {
      expect(toHttpError(new ModelError(code, 'calm.wav: why'))).toMatchObject({
        status: 422,
        code: code.toLowerCase(),
        message: 'calm.wav: why',
      });
    }
    expect(toHttpError(new ModelError('INCOMPATIBLE_CALIBRATION', 'no calibrated model'))).toMatchObject({
      status: 501,
      code: 'calibration_unavailable',
    });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAudio } from '@ser/audio-features/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@ser/test-support';
import { analyzeSpeechText as analyzeNode, transcribe as transcribeNode } from '../src/node.js';
import {
  analyzeSpeechText,
  isSilent,
  ModelNotFoundError,
  prepareSpeechAudio,
  transcribe,
  whisperFiles,
} from '../src/index.js';
import { pcm16Wav } from './helpers/wav.js';

// The repository's sample recording (samples/README.md): 8 s of speech, 48 kHz stereo WAV.
const stereo48k = path.join(REPO_ROOT, 'samples/speech-48k-stereo.wav');
const speech48k = stereo48k;

let tmp: string;
let emptyModels: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ser-text-asr-'));
  emptyModels = path.join(tmp, 'models');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('audio preparation for Whisper (16 kHz mono)', () => {
  it('decodes a 48 kHz stereo WAV from bytes and resamples it like loadAudio(path, { sr: 16000 })', async () => {
    const bytes = new Uint8Array(readFileSync(stereo48k));
    const samples = await prepareSpeechAudio(bytes, { fileName: stereo48k });
    const reference = await loadAudio(stereo48k, { sr: 16000 });
    expect(samples.length).toBe(reference.samples.length);
    let maxDiff = 0;
    for (let i = 0; i < samples.length; i++) maxDiff = Math.max(maxDiff, Math.abs(samples[i]! - reference.samples[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    expect(samples.length / 16000).toBeCloseTo(reference.duration, 3);
  });

  it('resamples { samples, sampleRate } and mixes { channels } down', async () => {
    const sine = Float32Array.from({ length: 22050 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 22050));
    const out = await prepareSpeechAudio({ samples: sine, sampleRate: 22050 });
    expect(out.length).toBe(16000);
    // the tone survives: peak near 0.5
    expect(Math.max(...out.subarray(100, 15900))).toBeGreaterThan(0.49);
    const mixed = await prepareSpeechAudio({
      channels: [new Float32Array([1, 1, 0.5]), new Float32Array([0, 1, -0.5])],
      sampleRate: 16000,
    });
    expect(Array.from(mixed)).toEqual([0.5, 1, 0]);
    const same = new Float32Array([0.1, 0.2]);
    expect(await prepareSpeechAudio({ samples: same, sampleRate: 16000 })).toBe(same);
  });

  it('rejects empty, non-finite, bad-rate and wrongly typed audio with INVALID_AUDIO', async () => {
    await expect(prepareSpeechAudio({ samples: new Float32Array(0), sampleRate: 16000 })).rejects.toThrow(/no samples/);
    await expect(prepareSpeechAudio({ samples: new Float32Array([0, Number.NaN]), sampleRate: 16000 })).rejects.toThrow(
      /sample 1 is NaN/,
    );
    await expect(prepareSpeechAudio({ samples: new Float32Array(4), sampleRate: 0 })).rejects.toThrow(
      /sampleRate must be a finite number of Hz > 0/,
    );
    await expect(prepareSpeechAudio({ samples: [0, 1] as never, sampleRate: 16000 })).rejects.toMatchObject({
      code: 'INVALID_AUDIO',
    });
    await expect(prepareSpeechAudio('x.wav' as never)).rejects.toThrow(/expected \{ samples, sampleRate \}/);
    // bytes that are not audio: the decoder's typed error
    await expect(
      prepareSpeechAudio(new TextEncoder().encode('not audio at all'), { fileName: 'notes.wav' }),
    ).rejects.toThrow(/notes\.wav/);
  });

  it('silence detection', () => {
    expect(isSilent(new Float32Array(100))).toBe(true);
    expect(isSilent(new Float32Array(100).fill(0.0005))).toBe(true); // −66 dBFS
    expect(isSilent(new Float32Array(100).fill(0.01))).toBe(false);
  });
});

describe('transcribe / analyzeSpeechText without model weights', () => {
  it('silent audio gives empty text without loading any model', async () => {
    const silent = { samples: new Float32Array(48000), sampleRate: 48000 };
    const r = await transcribe(silent, { modelsDir: emptyModels });
    expect(r).toEqual({ text: '', language: null, task: 'transcribe', segments: [], duration: 1 });
    expect((await transcribe(silent, { modelsDir: emptyModels, language: 'German' })).language).toBe('de');
    const analysis = await analyzeSpeechText(silent, { transcribe: { modelsDir: emptyModels } });
    expect(analysis).toMatchObject({ text: '', englishText: '', language: null, emotions: null });
  });

  it('the node entry takes a file path (silent 44.1 kHz stereo WAV file)', async () => {
    const file = path.join(tmp, 'silence.wav');
    writeFileSync(file, pcm16Wav([new Float32Array(44100 / 2), new Float32Array(44100 / 2)], 44100));
    const r = await transcribeNode(file, { modelsDir: emptyModels });
    expect(r.text).toBe('');
    expect(r.duration).toBeCloseTo(0.5, 3);
    expect((await analyzeNode(file, { transcribe: { modelsDir: emptyModels } })).emotions).toBeNull();
    await expect(transcribeNode(path.join(tmp, 'nope.wav'), { modelsDir: emptyModels })).rejects.toThrow(/nope\.wav/);
  });

  it('speech with no Whisper model on disk: one ModelNotFoundError naming folder and files, nothing downloaded', async () => {
    const bytes = new Uint8Array(readFileSync(speech48k));
    const error = await transcribe(bytes, { modelsDir: emptyModels, fileName: speech48k }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    const dir = path.join(emptyModels, 'Xenova/whisper-base');
    expect((error as ModelNotFoundError).modelDir).toBe(dir);
    for (const f of whisperFiles()) expect((error as Error).message).toContain(f);
    expect((error as Error).message).toContain(dir);
    expect(existsSync(emptyModels)).toBe(false);
    await expect(analyzeSpeechText(bytes, { transcribe: { modelsDir: emptyModels } })).rejects.toBeInstanceOf(
      ModelNotFoundError,
    );
  });

  it('the node entry lists every missing Whisper file (q8 → *_quantized.onnx)', async () => {
    const error = await transcribeNode(speech48k, {
      modelsDir: emptyModels,
      model: 'Xenova/whisper-tiny',
      dtype: 'q8',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).missingFiles).toEqual(whisperFiles('q8'));
    expect((error as ModelNotFoundError).missingFiles).toContain('onnx/encoder_model_quantized.onnx');
  });

  it('option errors come before any model loading', async () => {
    const audio = { samples: new Float32Array(16000).fill(0.1), sampleRate: 16000 };
    await expect(
      transcribe(audio, { model: 'Xenova/whisper-tiny.en', task: 'translate', modelsDir: emptyModels }),
    ).rejects.toThrow(/English-only/);
    await expect(transcribe(audio, { language: 'elvish', modelsDir: emptyModels })).rejects.toThrow(/"elvish"/);
    await expect(transcribe(audio, { dtype: 'fp8' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

/**
 * transcribe / analyzeSpeechText through the real transformers.js Whisper pipeline (feature extraction,
 * encoder + merged decoder on onnxruntime-node, generation with Whisper's timestamp rules, ASR decoding)
 * on a tiny model the test writes itself — see helpers/tiny-whisper-model.ts for what it "says".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@ser/test-support';
import { analyzeSpeechText, transcribe } from '../src/node.js';
import { clearPipelineCache, TEXT_EMOTION_LABELS } from '../src/index.js';
import { writeTinyWhisperModel } from './helpers/tiny-whisper-model.js';

// The repository's sample recording (samples/README.md): 8 s of speech, 48 kHz stereo WAV.
const speech = path.join(REPO_ROOT, 'samples/speech-48k-stereo.wav');
let modelsDir: string;
const MODEL = 'tiny/whisper';

beforeAll(() => {
  modelsDir = mkdtempSync(path.join(os.tmpdir(), 'ser-text-whisper-'));
  writeTinyWhisperModel(modelsDir, MODEL);
});
afterAll(() => {
  clearPipelineCache();
  rmSync(modelsDir, { recursive: true, force: true });
});

describe('Whisper pipeline on a tiny offline model', () => {
  it('a 48 kHz WAV file: language detected (fr), transcribed with a timestamped segment', async () => {
    const r = await transcribe(speech, { model: MODEL, modelsDir });
    expect(r).toMatchObject({ text: 'bonjour monde', language: 'fr', task: 'transcribe' });
    expect(r.segments).toEqual([{ start: 0, end: 1, text: 'bonjour monde' }]);
    expect(r.duration).toBeGreaterThan(3);
  });

  it('task translate and an explicit language reach the model', async () => {
    const translated = await transcribe(speech, { model: MODEL, modelsDir, language: 'French', task: 'translate' });
    expect(translated).toMatchObject({ text: 'hello world', language: 'fr', task: 'translate' });
    const english = await transcribe(speech, { model: MODEL, modelsDir, language: 'en' });
    expect(english.language).toBe('en'); // given, not detected
  });

  it('analyzeSpeechText: transcript, English translation, built-in emotion of the English text', async () => {
    const r = await analyzeSpeechText(speech, { transcribe: { model: MODEL, modelsDir } });
    expect(r).toMatchObject({ text: 'bonjour monde', englishText: 'hello world', language: 'fr' });
    expect(r.emotions?.text).toBe('hello world');
    expect(r.emotions?.scores.map((s) => s.label).sort()).toEqual([...TEXT_EMOTION_LABELS].sort());
  });

  it('long audio (70 s) is processed in overlapping 30 s windows and merged', async () => {
    const samples = Float32Array.from({ length: 16000 * 70 }, (_, i) => 0.3 * Math.sin(i / 10));
    const r = await transcribe({ samples, sampleRate: 16000 }, { model: MODEL, modelsDir, language: 'fr' });
    // every window "says" bonjour monde; the pipeline's stride merging keeps more than one of them
    expect(r.text.match(/bonjour monde/g)!.length).toBeGreaterThanOrEqual(2);
    expect(r.duration).toBe(70);
    expect(r.segments.at(-1)!.end).toBe(70);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { decodeAudio } from '../src/decode/index.js';
import { datasetsDir, maxAbsDiff, originalsDir, soxChannels } from './audio-fixtures.js';

/** What the dataset README says about each original file. */
const ORIGINALS = [
  { file: 'ravdess/Actor_01/03-01-05-01-01-01-01.wav', format: 'wav', sampleRate: 48000, channels: 1 },
  { file: 'ravdess/Actor_01/03-01-08-02-02-01-01.wav', format: 'wav', sampleRate: 48000, channels: 1 },
  { file: 'ravdess/Actor_02/03-01-04-01-01-01-02.wav', format: 'wav', sampleRate: 48000, channels: 1 },
  { file: 'ravdess/Actor_05/03-01-02-01-02-02-05.wav', format: 'wav', sampleRate: 48000, channels: 2 },
  { file: 'tess/YAF_happy/YAF_back_happy.wav', format: 'wav', sampleRate: 24414, channels: 1 },
  { file: 'tess/OAF_fear/OAF_food_fear.wav', format: 'wav', sampleRate: 96000, channels: 1 },
  { file: 'tess/YAF_angry/YAF_germ_angry.wav', format: 'aiff', sampleRate: 24414, channels: 1 },
] as const;

describe('decodeAudio on the original dataset files', needs('originals', 'sox'), () => {
  it('covers every file in originals/', () => {
    const found = readdirSync(originalsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.wav'));
    expect(found.sort()).toEqual(ORIGINALS.map((o) => o.file).sort());
  });

  for (const original of ORIGINALS) {
    it(`${original.file}: ${original.format}, ${original.sampleRate} Hz, ${original.channels} ch, samples equal sox's`, async () => {
      const file = path.join(originalsDir, original.file);
      const audio = await decodeAudio(readFileSync(file), { fileName: file });
      expect(audio.format).toBe(original.format);
      expect(audio.sampleRate).toBe(original.sampleRate);
      expect(audio.channels).toHaveLength(original.channels);
      const reference = soxChannels(file, original.channels);
      for (let c = 0; c < original.channels; c++) {
        expect(audio.channels[c]!.length).toBe(reference[c]!.length);
        expect(maxAbsDiff(audio.channels[c]!, reference[c]!)).toBeLessThanOrEqual(1e-6);
      }
    });
  }
});

describe(
  'decodeAudio on dataset FLAC files (our TypeScript FLAC decoder vs sox)',
  needs('ravdess', 'tess', 'sox'),
  () => {
    const flacs = [
      'ravdess/Actor_01/03-01-01-01-01-01-01.flac',
      'ravdess/Actor_12/03-01-05-02-01-02-12.flac',
      'ravdess/Actor_20/03-01-08-01-02-01-20.flac',
      'tess/OAF_angry/OAF_bath_angry.flac',
      'tess/YAF_sad/YAF_wire_sad.flac',
    ].map((f) => path.join(datasetsDir, f));
    for (const file of flacs) {
      it(`${path.relative(datasetsDir, file)} matches sox exactly`, async () => {
        const audio = await decodeAudio(readFileSync(file), { fileName: file });
        expect(audio.format).toBe('flac');
        expect(audio.sampleRate).toBe(16000);
        expect(audio.channels).toHaveLength(1);
        const [reference] = soxChannels(file, 1);
        expect(audio.channels[0]!.length).toBe(reference!.length);
        expect(maxAbsDiff(audio.channels[0]!, reference!)).toBeLessThanOrEqual(1e-6);
      });
    }
  },
);

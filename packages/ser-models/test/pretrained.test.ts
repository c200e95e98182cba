import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import { loadAudio } from '@ser/audio-features/node';
import { initBackend } from '../src/backend/init-backend.js';
import { predict, predictBatch } from '../src/bundle/predict.js';
import type { ModelBundle } from '../src/bundle/bundle-types.js';
import { defaultModelDir, loadDefaultModel } from '../src/pretrained.js';

const datasets = DATASETS_DIR;

/** RAVDESS emotion code → ekman7 label (calm 02 would be neutral too; the test uses 01). */
const CODES: Record<string, string> = {
  '01': 'neutral',
  '03': 'happy',
  '04': 'sad',
  '05': 'angry',
  '06': 'fear',
  '07': 'disgust',
  '08': 'surprise',
};

/**
 * 28 files of actors 17–20: per class and actor, normal intensity, statement 01, repetition 01 — a fixed rule,
 * not a selection by result.
 */
function actorFiles(): { file: string; label: string }[] {
  const files: { file: string; label: string }[] = [];
  for (const actor of ['17', '18', '19', '20']) {
    for (const [code, label] of Object.entries(CODES)) {
      files.push({ file: path.join(datasets, `ravdess/Actor_${actor}/03-01-${code}-01-01-01-${actor}.flac`), label });
    }
  }
  return files;
}

describe('pretrained default model', () => {
  let bundle: ModelBundle;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm' });
    bundle = await loadDefaultModel();
  });

  it('is the ekman7 log-mel frame model trained on all of RAVDESS 1–20 and TESS', () => {
    expect(defaultModelDir()).toMatch(/pretrained[\\/]default$/);
    const m = bundle.metadata;
    expect(m.labels).toEqual(['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise']);
    expect(m.featureConfig).toMatchObject({
      featureSet: 'logmel',
      frames: 300,
      nMels: 64,
      normalize: 'cmvn',
      padMode: 'wrap',
    });
    expect(m.inputShape).toEqual([300, 64]);
    const trainSpeakers = m.training?.trainSpeakers as string[];
    for (let actor = 1; actor <= 20; actor++)
      expect(trainSpeakers).toContain(`ravdess:${String(actor).padStart(2, '0')}`);
    expect(trainSpeakers).toEqual(expect.arrayContaining(['tess:OAF', 'tess:YAF']));
    expect(m.training?.validationSpeakers).toEqual([]);
  });

  it(
    'recognises recordings of its training actors (a check of the feature path, not of generalisation)',
    needs('ravdess'),
    async () => {
      // Figures on unseen speakers come from cross-validation (MODEL_CARD.md); this test fails when features,
      // standardisation or weights do not reach the model as in training (a broken path scores near 4 of 28).
      const files = actorFiles();
      const clips = await Promise.all(
        files.map(async ({ file }) => {
          const audio = await loadAudio(file, { sr: null });
          return { samples: audio.samples, sampleRate: audio.sampleRate };
        }),
      );
      const predictions = predictBatch(bundle, clips);
      let correct = 0;
      predictions.forEach((p, i) => {
        const sum = p.probabilities.reduce((a, v) => a + v, 0);
        expect(sum).toBeCloseTo(1, 5);
        expect(p.probabilities.every((v) => v >= 0 && v <= 1)).toBe(true);
        if (p.label === files[i]!.label) correct++;
      });
      expect(correct).toBeGreaterThanOrEqual(20);
    },
  );

  it(
    'is deterministic and handles a 2-second chunk, other sample rates and a TESS file',
    needs('ravdess', 'tess'),
    async () => {
      const ravdess = await loadAudio(path.join(datasets, 'ravdess/Actor_19/03-01-05-02-01-01-19.flac'), { sr: null });
      const chunk = ravdess.samples.subarray(16000, 48000); // 2 s at 16 kHz
      const a = predict(bundle, chunk, 16000);
      const b = predict(bundle, chunk, 16000);
      expect(Array.from(a.probabilities)).toEqual(Array.from(b.probabilities));
      expect(a.ranking.map((r) => r.label).sort()).toEqual([...bundle.metadata.labels].sort());
      // the same audio at 22.05 kHz is resampled to the model's rate: similar probabilities
      const at22k = await loadAudio(path.join(datasets, 'ravdess/Actor_19/03-01-05-02-01-01-19.flac'), { sr: 22050 });
      const c = predict(bundle, at22k.samples, 22050);
      const d = predict(bundle, ravdess.samples, 16000);
      expect(c.label).toBe(d.label);
      const tess = await loadAudio(path.join(datasets, 'tess/OAF_angry/OAF_bar_angry.flac'), { sr: null });
      const t = predict(bundle, tess.samples, tess.sampleRate);
      expect(t.probabilities.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    },
  );
});

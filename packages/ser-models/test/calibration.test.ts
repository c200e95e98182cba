/** The calibration offset of the speaker-calibrated default model: band means over speech frames. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/backend/init-backend.js';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { ENROLLMENT_SPEECH_RANGE_DB, enrollmentBandMeans, speechBandSums } from '../src/calibration/index.js';
import { createRandom } from '../src/random.js';

const config = featureConfig('logmel');

/** 1 s of a noisy harmonic tone, 0.5 s of near silence, 1 s of tone: a speaker with a pause. */
function speechWithPause(gain: number): Float32Array {
  const random = createRandom(3);
  const sr = config.sr;
  return Float32Array.from({ length: Math.round(2.5 * sr) }, (_, i) => {
    const t = i / sr;
    const voiced = t < 1 || t >= 1.5;
    const tone = Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t) + 0.2 * (random() - 0.5);
    return gain * (voiced ? 0.3 * tone : 1e-5 * (random() - 0.5));
  });
}

describe('calibration band means', () => {
  it('speechBandSums leaves out frames more than ENROLLMENT_SPEECH_RANGE_DB below the loudest', () => {
    // 4 frames × 2 bands: loud, loud, a pause 50 dB down, one 20 dB down (kept)
    const logmel = Float32Array.from([-10, -20, -12, -18, -60, -70, -30, -40]);
    const { sums, count } = speechBandSums(logmel, 4, 2);
    expect(ENROLLMENT_SPEECH_RANGE_DB).toBe(35);
    expect(count).toBe(3);
    expect(Array.from(sums)).toEqual([-52, -78]);
  });

  it('enrollmentBandMeans: a louder speaker shifts every band by the gain in dB; the pause does not count', () => {
    const quiet = enrollmentBandMeans([speechWithPause(0.5)], config);
    const loud = enrollmentBandMeans([speechWithPause(1)], config);
    expect(quiet.bandMeans).toHaveLength(config.nMels);
    for (let b = 0; b < config.nMels; b++)
      expect(loud.bandMeans[b]! - quiet.bandMeans[b]!).toBeCloseTo(20 * Math.log10(2), 3);
    // 2 s of the 2.5 s are voiced (frames at the edges of the pause may count either way)
    expect(loud.speechSeconds).toBeGreaterThan(1.9);
    expect(loud.speechSeconds).toBeLessThan(2.2);
    // the mean over speech frames is above the mean over all frames (which the pause drags down)
    const frames = 1 + Math.floor(speechWithPause(1).length / config.hopLength);
    const all = computeFeatures(speechWithPause(1), { ...config, frames }).data;
    const allMean0 =
      Array.from({ length: frames }, (_, t) => all[t * config.nMels]!).reduce((a, v) => a + v, 0) / frames;
    expect(loud.bandMeans[0]!).toBeGreaterThan(allMean0 + 5);
  });

  it('enrollmentBandMeans weights recordings by their speech frames and refuses other feature sets', () => {
    const one = enrollmentBandMeans([speechWithPause(1)], config);
    const twice = enrollmentBandMeans([speechWithPause(1), speechWithPause(1)], config);
    expect(twice.speechFrames).toBe(2 * one.speechFrames);
    for (let b = 0; b < config.nMels; b++) expect(twice.bandMeans[b]).toBeCloseTo(one.bandMeans[b]!, 4);
    expect(() => enrollmentBandMeans([new Float32Array(0)], config)).toThrow(/no audio/);
    expect(() => enrollmentBandMeans([speechWithPause(1)], featureConfig('stats') as never)).toThrow(/log-mel/);
  });
});

describe('calibrated bundles', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu' });
  });

  it('ser-model.json may say the model needs a calibration, and must say it right', async () => {
    const { calibratedAttentionCnn } = await import('../src/architectures/calibrated-attention-cnn.js');
    const { createBundleMetadata, validateBundleMetadata } = await import('../src/bundle/bundle-files.js');
    const small = { units_0: 4, units_1: 4, units_2: 4, units_3: 4 };
    const config = featureConfig('logmel', { frames: 32, padMode: 'wrap' });
    const model = calibratedAttentionCnn({ inputShape: [32, 64], numClasses: 7, hyperparameters: small, seed: 1 });
    const standardization = { mean: new Array<number>(64).fill(-40), std: new Array<number>(64).fill(10), period: 64 };
    const labels = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];
    const metadata = createBundleMetadata(model, {
      labels,
      featureConfig: config,
      standardization,
      calibration: { kind: 'speakerBandMeans', speechRangeDb: 35 },
    });
    expect(validateBundleMetadata(structuredClone(metadata), 'here', model).calibration).toEqual({
      kind: 'speakerBandMeans',
      speechRangeDb: 35,
    });
    expect(() =>
      validateBundleMetadata({ ...structuredClone(metadata), calibration: { kind: 'zscore' } }, 'here'),
    ).toThrow(/calibration must be/);
    expect(() =>
      validateBundleMetadata({ ...structuredClone(metadata), featureConfig: { ...config, normalize: 'cmvn' } }, 'here'),
    ).toThrow(/un-normalised logmel/);
    model.dispose();
  });
});

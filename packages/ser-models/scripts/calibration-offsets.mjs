/**
 * Calibration offsets of a corpus's recordings for the speaker-calibrated default model (issue 13), shared by
 * `train-default-calibrated.mjs` and `experiments/calibration-cv.mjs`: for each recording, enrolmentBandMeans() of
 * its speaker's neutral recordings whose words differ from its own (RAVDESS: the other statement; TESS: the
 * other words), each decoded whole — as `ser evaluate --calibrate neutral` enrols, and as a user calibrates with
 * calm speech that shares no words with what is analysed.
 */
import { loadAudio } from '@ser/audio-features/node';
import { speechBandSums } from '@ser/models';
import { computeFeatures } from '@ser/audio-features';

/**
 * @param {{ items: { path: string, speaker: string, statement?: string }[], y: ArrayLike<number>, labelSet: { labels: string[] },
 *   featureConfig: import('@ser/audio-features').LogmelConfig }} corpus
 * @returns {Promise<{ offsets: Float32Array, enrolled: Int32Array }>} `offsets`: rows × nMels band means;
 *   `enrolled`: how many recordings enrolled each row's speaker.
 */
export async function calibrationOffsets(corpus) {
  const config = corpus.featureConfig;
  const { normalize: _normalize, ...plain } = config;
  const bands = config.nMels;
  const neutral = corpus.labelSet.labels.indexOf('neutral');
  /** speaker → neutral recordings: { statement, sums, count } */
  const enrolment = new Map();
  for (let r = 0; r < corpus.items.length; r++) {
    if (corpus.y[r] !== neutral) continue;
    const item = corpus.items[r];
    const { samples } = await loadAudio(item.path, { sr: config.sr });
    const frames = 1 + Math.floor(samples.length / config.hopLength);
    const { data } = computeFeatures(samples, { ...plain, frames, padMode: 'constant' });
    const list = enrolment.get(item.speaker) ?? [];
    list.push({ statement: item.statement, ...speechBandSums(data, frames, bands) });
    enrolment.set(item.speaker, list);
  }
  const offsets = new Float32Array(corpus.items.length * bands);
  const enrolled = new Int32Array(corpus.items.length);
  corpus.items.forEach((item, r) => {
    const usable = (enrolment.get(item.speaker) ?? []).filter((n) => n.statement !== item.statement);
    if (usable.length === 0) throw new Error(`${item.path}: no neutral recording of ${item.speaker} with other words to enrol with`);
    enrolled[r] = usable.length;
    let count = 0;
    const sum = new Float64Array(bands);
    for (const n of usable) {
      for (let b = 0; b < bands; b++) sum[b] += n.sums[b];
      count += n.count;
    }
    for (let b = 0; b < bands; b++) offsets[r * bands + b] = sum[b] / count;
  });
  return { offsets, enrolled };
}

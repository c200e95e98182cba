/**
 * Calibration offsets of a corpus's recordings for the speaker-calibrated default model (issue 13), shared by
 * `train-default-frames.mjs --variant calibrated` and `experiments/calibration-cv.mjs`: for each recording, the
 * band means of its speaker's neutral recordings whose words differ from its own (RAVDESS: the other statement;
 * TESS: the other words), each decoded whole — @ser/models' `enrollmentOffsets`, the protocol of
 * `ser evaluate --calibrate neutral`.
 */
import { loadAudio } from '@ser/audio-features/node';
import { ENROLLMENT_SPEECH_RANGE_DB, enrollmentOffsets, recordingSpeechBandSums } from '@ser/models';

/**
 * @param {{ items: { path: string, speaker: string, statement?: string }[], y: ArrayLike<number>, labelSet: { labels: readonly string[] },
 *   featureConfig: import('@ser/audio-features').FeatureConfig }} corpus A corpus of `logmel` features.
 * @returns {Promise<import('@ser/models').EnrollmentOffsets>} `offsets`: rows × nMels band means; `enrolled`: how many
 *   recordings enrolled each row.
 * @throws Error when the corpus's features are not `logmel`.
 */
export async function calibrationOffsets(corpus) {
  const config = corpus.featureConfig;
  if (config.featureSet !== 'logmel')
    throw new Error(`calibrationOffsets: the corpus must hold logmel features, got ${config.featureSet}`);
  const neutral = corpus.labelSet.labels.indexOf('neutral');
  /** @type {import('@ser/models').NeutralBandSums[]} */
  const neutrals = [];
  for (let r = 0; r < corpus.items.length; r++) {
    if (corpus.y[r] !== neutral) continue;
    const item = corpus.items[r];
    const { samples } = await loadAudio(item.path, { sr: config.sr });
    neutrals.push({
      speaker: item.speaker,
      statement: item.statement,
      ...recordingSpeechBandSums(samples, config, ENROLLMENT_SPEECH_RANGE_DB),
    });
  }
  const scored = corpus.items.map((item) => ({ name: item.path, speaker: item.speaker, statement: item.statement }));
  return enrollmentOffsets(scored, neutrals, config.nMels, config.hopLength, config.sr);
}

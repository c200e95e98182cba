import { computeFeatures, featureShape } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import type { FeatureConfig } from '../corpus/feature-config.js';
import type { FileLimits } from './worker-protocol.js';

/**
 * Default of `maxSeconds` in extraction: ten minutes. Recordings of speech corpora last seconds; ten minutes of
 * audio bound one file's features to about half a gigabyte of memory.
 */
export const DEFAULT_EXTRACT_MAX_SECONDS = 600;

/**
 * The features of one audio file: `computeFeatures(loadAudio(path, { sr }).samples, config).data`, reading at
 * most `limits.maxSeconds` of audio within the decode budget. Checks the shape against `featureShape(config)` and
 * that every value is finite.
 *
 * @throws the loader's AudioFeaturesError (naming the file; TOO_LARGE past the limits), or an Error naming the
 *   file for a wrong shape or non-finite features
 */
export async function extractFileFeatures(
  path: string,
  config: FeatureConfig,
  limits: FileLimits = { maxSeconds: DEFAULT_EXTRACT_MAX_SECONDS },
): Promise<Float32Array> {
  const audio = await loadAudio(path, {
    sr: config.sr,
    maxSeconds: limits.maxSeconds,
    ...(limits.maxDecodedSamples !== undefined ? { maxDecodedSamples: limits.maxDecodedSamples } : {}),
  });
  const tensor = computeFeatures(audio.samples, config);
  const expected = featureShape(config);
  if (tensor.shape.join() !== expected.join() || tensor.data.length !== expected.reduce((a, b) => a * b, 1)) {
    throw new Error(`${path}: features have shape [${tensor.shape.join(', ')}], expected [${expected.join(', ')}]`);
  }
  for (let i = 0; i < tensor.data.length; i++) {
    if (!Number.isFinite(tensor.data[i]!)) {
      throw new Error(`${path}: feature value ${i} is ${tensor.data[i]} (expected finite numbers)`);
    }
  }
  return tensor.data;
}

/** The message of an extraction error, prefixed with the file when it does not name it already. */
export function describeFileError(path: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(path) ? message : `${path}: ${message}`;
}

/**
 * The stored form of the built-in text-emotion model (a hashed TF-IDF multinomial logistic regression)
 * and its decoder. Weights are int8 with one scale per label, the idf table is uint8 between `idfMin`
 * and `idfMax`; `model-file.ts` reads and writes them as one binary file.
 */
import type { HashedFeatureConfig } from './hashed-features.js';
import { FEATURE_VERSION } from './normalize-text.js';
import { TextEmotionError } from '../errors.js';
import { TEXT_EMOTION_LABELS, type TextEmotionLabel } from '../labels.js';

/** Dev-set figures recorded by the trainer. */
export interface BuiltinModelEvaluation {
  /** Which rows were evaluated, e.g. "GoEmotions Ekman dev, single-label rows". */
  split: string;
  rows: number;
  accuracy: number;
  macroF1: number;
  perClassF1: Record<string, number>;
}

/** The built-in model as stored: quantised arrays plus everything needed to use and describe them. */
export interface BuiltinTextModelData {
  format: 'ser-text-hashed-logreg';
  featureVersion: number;
  labels: TextEmotionLabel[];
  features: HashedFeatureConfig;
  /** int8 weights, bucket-major: weight of (bucket b, label k) at b * labels.length + k. */
  weights: Int8Array;
  /** Per-label dequantisation scale: weight = int8 × scale. */
  weightScales: number[];
  bias: number[];
  /** uint8 idf table, one byte per bucket: idf = idfMin + byte / 255 × (idfMax − idfMin). */
  idf: Uint8Array;
  idfMin: number;
  idfMax: number;
  /** Provenance and hyper-parameters, for the model card. */
  training: Record<string, unknown>;
  evaluation: BuiltinModelEvaluation;
}

/** Decoded, ready-to-run parameters. */
export interface DecodedTextModel {
  labels: TextEmotionLabel[];
  features: HashedFeatureConfig;
  /** Float weights, bucket-major. */
  weights: Float32Array;
  bias: Float64Array;
  idf: Float32Array;
}

/** Validates and decodes a serialised built-in model; throws INVALID_MODEL naming what is wrong. */
export function decodeTextModel(data: BuiltinTextModelData): DecodedTextModel {
  const fail = (what: string): never => {
    throw new TextEmotionError('INVALID_MODEL', `built-in text model: ${what}`);
  };
  if (data?.format !== 'ser-text-hashed-logreg') fail(`unknown format ${String(data?.format)}`);
  if (data.featureVersion !== FEATURE_VERSION) {
    fail(
      `feature version ${data.featureVersion} but this library computes version ${FEATURE_VERSION}; retrain the model`,
    );
  }
  const labelCount = data.labels.length;
  if (labelCount !== TEXT_EMOTION_LABELS.length || data.labels.some((l, i) => l !== TEXT_EMOTION_LABELS[i])) {
    fail(`labels ${JSON.stringify(data.labels)} are not ${JSON.stringify(TEXT_EMOTION_LABELS)}`);
  }
  const hashBits = data.features?.hashBits;
  if (!Number.isInteger(hashBits) || hashBits < 1 || hashBits > 24)
    fail(`hashBits ${String(hashBits)}, expected an integer in 1..24`);
  const finiteList = (name: string, list: unknown): void => {
    if (
      !Array.isArray(list) ||
      list.length !== labelCount ||
      !list.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      fail(`${name} must be ${labelCount} finite numbers`);
    }
  };
  finiteList('weightScales', data.weightScales);
  finiteList('bias', data.bias);
  if (!Number.isFinite(data.idfMin) || !Number.isFinite(data.idfMax)) fail('idfMin and idfMax must be finite numbers');
  const buckets = 2 ** hashBits;
  const signed = data.weights;
  if (!(signed instanceof Int8Array) || signed.length !== buckets * labelCount) {
    fail(`${signed?.length} weights, expected an Int8Array of ${buckets * labelCount}`);
  }
  const idfBytes = data.idf;
  if (!(idfBytes instanceof Uint8Array) || idfBytes.length !== buckets)
    fail(`${idfBytes?.length} idf values, expected a Uint8Array of ${buckets}`);
  const weights = new Float32Array(signed.length);
  for (let i = 0; i < signed.length; i++) weights[i] = signed[i]! * data.weightScales[i % labelCount]!;
  const idf = new Float32Array(buckets);
  const idfStep = (data.idfMax - data.idfMin) / 255;
  for (let i = 0; i < buckets; i++) idf[i] = data.idfMin + idfBytes[i]! * idfStep;
  return { labels: [...data.labels], features: { ...data.features }, weights, bias: Float64Array.from(data.bias), idf };
}

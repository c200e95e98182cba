/**
 * The serialised form of the built-in text-emotion model (a hashed TF-IDF multinomial logistic
 * regression) and its decoder. Weights are int8 with one scale per label, the idf table is uint8
 * between `idfMin` and `idfMax`; both are base64 so the model can be embedded in a JS module and
 * loaded in browsers without file access.
 */
import { base64ToBytes } from './base64.js';
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

/** JSON-serialisable built-in model. */
export interface BuiltinTextModelData {
  format: 'ser-text-hashed-logreg';
  featureVersion: number;
  labels: TextEmotionLabel[];
  features: HashedFeatureConfig;
  /** int8 weights, bucket-major: weight of (bucket b, label k) at b * labels.length + k. */
  weightsBase64: string;
  /** Per-label dequantisation scale: weight = int8 × scale. */
  weightScales: number[];
  bias: number[];
  /** uint8 idf table, one byte per bucket: idf = idfMin + byte / 255 × (idfMax − idfMin). */
  idfBase64: string;
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
    fail(`feature version ${data.featureVersion} but this library computes version ${FEATURE_VERSION}; retrain the model`);
  }
  const labelCount = data.labels.length;
  if (labelCount !== TEXT_EMOTION_LABELS.length || data.labels.some((l, i) => l !== TEXT_EMOTION_LABELS[i])) {
    fail(`labels ${JSON.stringify(data.labels)} are not ${JSON.stringify(TEXT_EMOTION_LABELS)}`);
  }
  const buckets = 2 ** data.features.hashBits;
  const quantized = base64ToBytes(data.weightsBase64);
  if (quantized.length !== buckets * labelCount) fail(`${quantized.length} weight bytes, expected ${buckets * labelCount}`);
  const idfBytes = base64ToBytes(data.idfBase64);
  if (idfBytes.length !== buckets) fail(`${idfBytes.length} idf bytes, expected ${buckets}`);
  const signed = new Int8Array(quantized.buffer, quantized.byteOffset, quantized.length);
  const weights = new Float32Array(signed.length);
  for (let i = 0; i < signed.length; i++) weights[i] = signed[i]! * data.weightScales[i % labelCount]!;
  const idf = new Float32Array(buckets);
  const idfStep = (data.idfMax - data.idfMin) / 255;
  for (let i = 0; i < buckets; i++) idf[i] = data.idfMin + idfBytes[i]! * idfStep;
  return { labels: [...data.labels], features: { ...data.features }, weights, bias: Float64Array.from(data.bias), idf };
}

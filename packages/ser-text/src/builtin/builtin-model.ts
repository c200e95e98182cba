/**
 * The built-in text-emotion classifier: hashed word + character n-gram TF-IDF features and a
 * multinomial logistic regression trained by `scripts/train-builtin.mjs` on GoEmotions (Ekman labels).
 * Plain TypeScript, no network, no file access: the weights are embedded in a generated module that is
 * loaded on first use.
 */
import { countHashedFeatures, weightHashedFeatures, type SparseVector } from './hashed-features.js';
import { decodeTextModel, type BuiltinTextModelData, type DecodedTextModel } from './model-data.js';
import { sortScoresDescending, type TextEmotionScore } from '../labels.js';

/** Output of {@link BuiltinTextModel.classify}. */
export interface BuiltinClassification {
  /** All seven labels with probabilities summing to 1, highest first. */
  scores: TextEmotionScore[];
  /** True when the text was longer than the model's `maxChars` and only its start was used. */
  truncated: boolean;
}

/** A loaded built-in model; `classify` is synchronous. */
export class BuiltinTextModel {
  /** The decoded parameters. */
  readonly model: DecodedTextModel;
  /** The serialised model (with training provenance and dev-set figures). */
  readonly data: BuiltinTextModelData;

  constructor(data: BuiltinTextModelData) {
    this.data = data;
    this.model = decodeTextModel(data);
  }

  /** The sparse feature vector the model sees for `text`. */
  featurize(text: string): SparseVector & { truncated: boolean } {
    const counts = countHashedFeatures(text, this.model.features);
    return { ...weightHashedFeatures(counts, this.model.idf, this.model.features), truncated: counts.truncated };
  }

  /** Class probabilities for a feature vector, in canonical label order. */
  probabilitiesOf(features: SparseVector): Float64Array {
    const { weights, bias, labels } = this.model;
    const k = labels.length;
    const logits = Float64Array.from(bias);
    for (let i = 0; i < features.indices.length; i++) {
      const row = features.indices[i]! * k;
      const v = features.values[i]!;
      for (let c = 0; c < k; c++) logits[c]! += v * weights[row + c]!;
    }
    return softmaxInPlace(logits);
  }

  /** Classifies one non-empty text (validation is the caller's job; see `classifyText`). */
  classify(text: string): BuiltinClassification {
    const features = this.featurize(text);
    const probabilities = this.probabilitiesOf(features);
    const scores = this.model.labels.map((label, i) => ({ label, score: probabilities[i]! }));
    return { scores: sortScoresDescending(scores), truncated: features.truncated };
  }
}

/** Numerically stable softmax, in place; returns its argument. */
export function softmaxInPlace(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    logits[i] = Math.exp(logits[i]! - max);
    sum += logits[i]!;
  }
  for (let i = 0; i < logits.length; i++) logits[i]! /= sum;
  return logits;
}

let cached: Promise<BuiltinTextModel> | undefined;

/**
 * Loads the model shipped with the package (once; later calls share it). The weights are in a
 * separate chunk, fetched/parsed only when this is first called.
 */
export function loadBuiltinTextModel(): Promise<BuiltinTextModel> {
  cached ??= import('../generated/builtin-text-model.js').then((m) => new BuiltinTextModel(m.BUILTIN_TEXT_MODEL));
  return cached;
}

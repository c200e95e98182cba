/**
 * The built-in text-emotion classifier: hashed word + character n-gram TF-IDF features and a
 * multinomial logistic regression trained by `scripts/train-builtin.mjs` on GoEmotions (Ekman labels).
 * Plain TypeScript; the weights are one binary file in the package (`model/builtin-text-model.bin`),
 * read from disk in Node and fetched in browsers, on first use.
 */
import { countHashedFeatures, weightHashedFeatures, type SparseVector } from './hashed-features.js';
import { decodeTextModel, type BuiltinTextModelData, type DecodedTextModel } from './model-data.js';
import { decodeBuiltinModelFile } from './model-file.js';
import { describeUrl, packagedModelUrl, readModelBytes } from '../builtin-model-file.js';
import { TextEmotionError } from '../errors.js';
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

/** Where {@link loadBuiltinTextModel} takes the model from, when not from the package itself. */
export interface BuiltinModelSource {
  /**
   * URL of the model file (a copy of the package's `model/builtin-text-model.bin`), e.g. where a web
   * app serves it; `file:` URLs are read from disk in Node. Relative strings are resolved against the
   * page (`document.baseURI`).
   */
  url?: string | URL;
  /** The file's bytes, when the application obtained them itself. */
  bytes?: Uint8Array | ArrayBuffer;
}

let cached: Promise<BuiltinTextModel> | undefined;

function toUrl(url: string | URL): URL {
  const base = (globalThis as { document?: { baseURI?: string } }).document?.baseURI;
  try {
    return new URL(url, base);
  } catch (cause) {
    throw new TextEmotionError('INVALID_ARGUMENT', `loadBuiltinTextModel: url ${String(url)} is not a URL`, { cause });
  }
}

async function load(source: BuiltinModelSource | undefined): Promise<BuiltinTextModel> {
  if (source?.bytes !== undefined) {
    const bytes = source.bytes instanceof ArrayBuffer ? new Uint8Array(source.bytes) : source.bytes;
    return new BuiltinTextModel(decodeBuiltinModelFile(bytes, 'built-in text model (given bytes)'));
  }
  const url = source?.url === undefined ? packagedModelUrl() : toUrl(source.url);
  return new BuiltinTextModel(decodeBuiltinModelFile(await readModelBytes(url), describeUrl(url)));
}

/**
 * Loads the built-in model (once; later calls share it, and `classifyText` uses it). By default it comes
 * from the package: read from disk in Node, fetched next to the bundle in browsers. Called with a
 * `source`, it loads from there instead and that model becomes the one later calls share — a web app
 * that hosts the file itself calls `loadBuiltinTextModel({ url })` once before classifying.
 *
 * @throws {@link TextEmotionError} `MODEL_UNAVAILABLE` when the file cannot be read or fetched,
 *   `INVALID_MODEL` when it is not a built-in model file; a failed load is not cached.
 */
export function loadBuiltinTextModel(source?: BuiltinModelSource): Promise<BuiltinTextModel> {
  if (source === undefined && cached) return cached;
  if (
    source !== undefined &&
    (source === null || typeof source !== 'object' || (source.url === undefined && source.bytes === undefined))
  ) {
    return Promise.reject(
      new TextEmotionError(
        'INVALID_ARGUMENT',
        'loadBuiltinTextModel: give { url } or { bytes }, or nothing for the packaged model',
      ),
    );
  }
  const pending = load(source);
  cached = pending;
  pending.catch(() => {
    if (cached === pending) cached = undefined;
  });
  return pending;
}

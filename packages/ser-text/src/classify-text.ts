/**
 * `classifyText`: seven-label text emotion with one interface over two engines, the built-in offline
 * model (default) and a transformers.js model.
 */
import { loadBuiltinTextModel } from './builtin/builtin-model.js';
import { TextEmotionError } from './errors.js';
import type { TextEmotionLabel, TextEmotionScore } from './labels.js';
import { toValidText, type TextInput } from './text-input.js';
import { classifyWithTransformers, type TransformersClassifyOptions } from './transformers/text-classifier.js';
import { assertDtype } from './transformers/model-location.js';

/** Which classifier to use. */
export type TextEmotionEngine = 'builtin' | 'transformers';

/** Options of {@link classifyText}. */
export interface ClassifyTextOptions extends TransformersClassifyOptions {
  /** `'builtin'` (default; offline, in-package model) or `'transformers'` (transformers.js model, see `model`). */
  engine?: TextEmotionEngine;
}

/** The emotion of one text. */
export interface TextEmotionResult {
  /** The text that was classified. */
  text: string;
  /** The most likely label (= `scores[0].label`). */
  label: TextEmotionLabel;
  /** Its probability. */
  score: number;
  /** All seven labels, probabilities summing to 1, highest first. */
  scores: TextEmotionScore[];
  /** True when the text was too long for the engine and only its start was used. */
  truncated: boolean;
  /** The engine that produced the scores. */
  engine: TextEmotionEngine;
}

/**
 * Classifies one text or several into anger, disgust, fear, joy, neutral, sadness and surprise.
 *
 * Texts may be strings or UTF-8 bytes. Empty / whitespace-only text throws `EMPTY_TEXT`, bytes that are
 * not UTF-8 throw `INVALID_UTF8`, and over-long text is truncated (`truncated: true`), never rejected.
 *
 * @example
 * ```ts
 * const [result] = await classifyText(['I am so happy for you!']);
 * result.label; // 'joy'
 * ```
 */
export async function classifyText(text: TextInput, options?: ClassifyTextOptions): Promise<TextEmotionResult>;
export async function classifyText(
  texts: readonly TextInput[],
  options?: ClassifyTextOptions,
): Promise<TextEmotionResult[]>;
export async function classifyText(
  input: TextInput | readonly TextInput[],
  options: ClassifyTextOptions = {},
): Promise<TextEmotionResult | TextEmotionResult[]> {
  const single = !Array.isArray(input);
  const list = (single ? [input] : input) as readonly unknown[];
  const texts = list.map((t, i) => toValidText(t, single ? 'text' : `text[${i}]`));
  const engine = options.engine ?? 'builtin';
  assertDtype(options.dtype);

  let outputs: Array<{ scores: TextEmotionScore[]; truncated: boolean }>;
  if (engine === 'builtin') {
    const model = await loadBuiltinTextModel();
    outputs = texts.map((t) => model.classify(t));
  } else if (engine === 'transformers') {
    outputs = texts.length === 0 ? [] : await classifyWithTransformers(texts, options);
  } else {
    throw new TextEmotionError('INVALID_ARGUMENT', `engine must be 'builtin' or 'transformers', got ${String(engine)}`);
  }
  const results = outputs.map((o, i) => ({
    text: texts[i]!,
    label: o.scores[0]!.label,
    score: o.scores[0]!.score,
    scores: o.scores,
    truncated: o.truncated,
    engine,
  }));
  return single ? results[0]! : results;
}

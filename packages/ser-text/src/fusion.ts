/**
 * Late fusion of an acoustic emotion distribution (labels of @ser/models: angry, disgust, fear, happy,
 * neutral, sad, surprise) and a text emotion distribution (anger, disgust, fear, joy, neutral, sadness,
 * surprise) over their seven shared emotions.
 */
import { TextEmotionError } from './errors.js';
import {
  EKMAN7_LABELS,
  TEXT_EMOTION_LABELS,
  ekman7LabelOf,
  textLabelOf,
  type Ekman7Label,
  type TextEmotionLabel,
} from '@ser/core';

/** A distribution as `{ label: score }` or as a list of `{ label, score }`. */
export type EmotionDistribution = Readonly<Record<string, number>> | ReadonlyArray<{ label: string; score: number }>;

/** Options of {@link fuseEmotions}. */
export interface FuseEmotionsOptions {
  /** Relative trust in each source: finite, ≥ 0, not both 0 (normalised to sum 1). Default 0.5 / 0.5. */
  weights?: { acoustic: number; text: number };
  /**
   * `'linear'` (default): weighted mean of probabilities. `'geometric'`: weighted geometric mean,
   * renormalised (log-linear pooling; one source's near-zero vetoes a label).
   */
  method?: 'linear' | 'geometric';
}

/** One fused label. */
export interface FusedEmotionScore {
  /** Text-style name (anger, joy, …). */
  label: TextEmotionLabel;
  /** The acoustic model's name for the same emotion (angry, happy, …). */
  acousticLabel: Ekman7Label;
  score: number;
  /** The inputs that went in, for inspection. */
  acoustic: number;
  text: number;
}

const SUM_TOLERANCE = 1e-3;

function toEntries(distribution: EmotionDistribution, source: string): Array<[string, number]> {
  if (Array.isArray(distribution)) {
    // checked one by one: a JavaScript caller's array may hold anything
    const items = distribution as ReadonlyArray<{ label: string; score: number } | null | undefined>;
    return items.map((item, i) => {
      if (typeof item?.label !== 'string')
        throw new TextEmotionError('FUSION_MISMATCH', `${source}[${i}] has no string label`);
      return [item.label, item.score];
    });
  }
  if (distribution === null || typeof distribution !== 'object') {
    throw new TextEmotionError(
      'FUSION_MISMATCH',
      `${source} must be an object { label: score } or an array of { label, score }`,
    );
  }
  return Object.entries(distribution as Record<string, number>);
}

/**
 * Checks one distribution against its expected label set and returns scores in text-label order.
 * Errors (FUSION_MISMATCH) name the source and the offending labels.
 */
function readDistribution(
  distribution: EmotionDistribution,
  source: 'acoustic' | 'text',
  expected: readonly string[],
  toText: (label: string) => TextEmotionLabel,
): Map<TextEmotionLabel, number> {
  const entries = toEntries(distribution, source);
  const seen = new Map<string, number>();
  for (const [label, score] of entries) {
    if (seen.has(label)) throw new TextEmotionError('FUSION_MISMATCH', `${source} distribution lists "${label}" twice`);
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0) {
      throw new TextEmotionError(
        'FUSION_MISMATCH',
        `${source} score of "${label}" is ${String(score)}; expected a finite number ≥ 0`,
      );
    }
    seen.set(label, score);
  }
  const unknown = [...seen.keys()].filter((l) => !expected.includes(l));
  const missing = expected.filter((l) => !seen.has(l));
  if (unknown.length > 0 || missing.length > 0) {
    const other = source === 'acoustic' ? TEXT_EMOTION_LABELS : EKMAN7_LABELS;
    const swapped = unknown.length > 0 && unknown.every((l) => (other as readonly string[]).includes(l));
    throw new TextEmotionError(
      'FUSION_MISMATCH',
      `${source} distribution must have exactly the labels ${expected.join(', ')}` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unexpected: ${unknown.join(', ')}` : '') +
        (swapped
          ? ` (these are ${source === 'acoustic' ? 'text' : 'acoustic'} label names: were the arguments swapped?)`
          : ''),
    );
  }
  const sum = [...seen.values()].reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    throw new TextEmotionError(
      'FUSION_MISMATCH',
      `${source} scores sum to ${sum}; expected probabilities summing to 1 (±${SUM_TOLERANCE})`,
    );
  }
  const out = new Map<TextEmotionLabel, number>();
  for (const [label, score] of seen) out.set(toText(label), score / sum);
  return out;
}

function readWeights(weights: FuseEmotionsOptions['weights']): { acoustic: number; text: number } {
  const w = weights ?? { acoustic: 0.5, text: 0.5 };
  for (const key of ['acoustic', 'text'] as const) {
    const v = w[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new TextEmotionError('INVALID_ARGUMENT', `weights.${key} must be a finite number ≥ 0, got ${String(v)}`);
    }
  }
  const total = w.acoustic + w.text;
  if (total === 0)
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      'weights.acoustic and weights.text are both 0; at least one must be > 0',
    );
  return { acoustic: w.acoustic / total, text: w.text / total };
}

/**
 * Combines the acoustic and the text distributions on the seven shared emotions (label names mapped
 * with @ser/core's `textLabelOf`: angry↔anger, happy↔joy, sad↔sadness, the others equal). Returns all seven, scores summing to 1, highest first.
 *
 * @example
 * ```ts
 * fuseEmotions({ angry: 0.1, disgust: 0, fear: 0, happy: 0.7, neutral: 0.2, sad: 0, surprise: 0 },
 *              textResult.scores, { weights: { acoustic: 0.4, text: 0.6 } });
 * ```
 */
export function fuseEmotions(
  acoustic: EmotionDistribution,
  text: EmotionDistribution,
  options: FuseEmotionsOptions = {},
): FusedEmotionScore[] {
  const weights = readWeights(options.weights);
  const method = options.method ?? 'linear';
  if (method !== 'linear' && method !== 'geometric') {
    throw new TextEmotionError('INVALID_ARGUMENT', `method must be 'linear' or 'geometric', got ${String(method)}`);
  }
  const a = readDistribution(acoustic, 'acoustic', EKMAN7_LABELS, (l) => textLabelOf(l)!);
  const t = readDistribution(text, 'text', TEXT_EMOTION_LABELS, (l) => l as TextEmotionLabel);
  const raw = TEXT_EMOTION_LABELS.map((label) => {
    const pa = a.get(label)!;
    const pt = t.get(label)!;
    const score =
      method === 'linear' ? weights.acoustic * pa + weights.text * pt : pa ** weights.acoustic * pt ** weights.text;
    return { label, acousticLabel: ekman7LabelOf(label)!, score, acoustic: pa, text: pt };
  });
  const sum = raw.reduce((s, r) => s + r.score, 0);
  if (!(sum > 0)) {
    throw new TextEmotionError(
      'FUSION_MISMATCH',
      'the two distributions share no probability mass (geometric fusion of disjoint distributions)',
    );
  }
  for (const r of raw) r.score /= sum;
  const order = (l: TextEmotionLabel): number => TEXT_EMOTION_LABELS.indexOf(l);
  return raw.sort((x, y) => y.score - x.score || order(x.label) - order(y.label));
}

/**
 * The "transformers" text-emotion engine: a transformers.js text-classification pipeline (default
 * `Xenova/emotion-english-distilroberta-base`) run offline from the models folder.
 */
import { toCanonicalScores } from '../label-aliases.js';
import type { TextEmotionScore } from '../labels.js';
import { loadPipeline, type LoadPipelineOptions } from './load-pipeline.js';
import { DEFAULT_TEXT_EMOTION_MODEL, textClassificationFiles } from './model-location.js';

/** Options of {@link classifyWithTransformers}. */
export interface TransformersClassifyOptions extends LoadPipelineOptions {
  /** Hub id (looked up in the models folder) or folder path. Default `Xenova/emotion-english-distilroberta-base`. */
  model?: string;
  /** Texts per forward pass (default 8). */
  batchSize?: number;
}

interface TokenizerLike {
  (text: string, options?: object): { input_ids: { dims: number[] } };
  model_max_length?: number;
}

interface TextClassificationPipelineLike {
  (texts: string[], options: { top_k: null }): Promise<Array<Array<{ label: string; score: number }>>>;
  tokenizer: TokenizerLike;
}

/** One text's scores from the transformers engine. */
export interface TransformersClassification {
  scores: TextEmotionScore[];
  /** True when the text had more tokens than the model accepts and was cut (the tokenizer truncates). */
  truncated: boolean;
}

/** Classifies validated, non-empty texts with a transformers.js model; all 7 labels per text, summing to 1. */
export async function classifyWithTransformers(
  texts: readonly string[],
  options: TransformersClassifyOptions = {},
): Promise<TransformersClassification[]> {
  const { pipeline } = await loadPipeline<TextClassificationPipelineLike>(
    'text-classification',
    options.model ?? DEFAULT_TEXT_EMOTION_MODEL,
    textClassificationFiles,
    options,
  );
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 8));
  const maxTokens = pipeline.tokenizer.model_max_length;
  const results: TransformersClassification[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const outputs = await pipeline([...batch], { top_k: null });
    batch.forEach((text, i) => {
      const tokens = pipeline.tokenizer(text, { truncation: false }).input_ids.dims.at(-1) ?? 0;
      results.push({
        scores: toCanonicalScores(outputs[i]!),
        truncated: typeof maxTokens === 'number' && Number.isFinite(maxTokens) && tokens > maxTokens,
      });
    });
  }
  return results;
}

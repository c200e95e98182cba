/**
 * Loads the optional peer dependency `@huggingface/transformers` with a dynamic `import()`, so this
 * package works (built-in engine, fusion, …) when it is not installed.
 */
import { TextEmotionError } from '../errors.js';

/** The module namespace of `@huggingface/transformers`. */
export type TransformersModule = typeof import('@huggingface/transformers');

let loading: Promise<TransformersModule> | undefined;

/**
 * Imports `@huggingface/transformers` once; throws `TRANSFORMERS_NOT_INSTALLED` with the install command
 * when it is missing.
 */
export function loadTransformers(): Promise<TransformersModule> {
  loading ??= import('@huggingface/transformers').catch((cause: unknown) => {
    loading = undefined;
    throw new TextEmotionError(
      'TRANSFORMERS_NOT_INSTALLED',
      'the "transformers" engine and transcribe() need the optional peer dependency @huggingface/transformers: ' +
        'npm install @huggingface/transformers@^4.3',
      { cause },
    );
  });
  return loading;
}

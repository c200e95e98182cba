/**
 * Loads the optional peer dependency `@huggingface/transformers` with a dynamic `import()`, so this
 * package works (built-in engine, fusion, …) when it is not installed.
 */
import { TextEmotionError } from '../errors.js';

/** A tensor of transformers.js, as far as this package uses one. */
export interface TransformersTensor {
  /** Element type, e.g. `'float32'` or `'int64'`. */
  readonly type: string;
  readonly data: ArrayLike<number | bigint>;
  readonly dims: number[];
}

/**
 * The parts of the `@huggingface/transformers` module this package uses: its settings, `pipeline` and
 * `Tensor`. Declared here, not imported, so that the types of @ser/text need nothing from the optional
 * peer (a TypeScript user without it installed type-checks even with `skipLibCheck: false`); the test
 * suite checks that the real module satisfies it. For the module's full types, import it yourself.
 */
export interface TransformersModule {
  /** transformers.js' global settings (model folders, whether downloads are allowed). */
  env: {
    allowLocalModels: boolean;
    allowRemoteModels: boolean;
    localModelPath: string;
    cacheDir: string | null;
  };
  /** Creates a pipeline for one of the tasks this package runs. */
  pipeline: (
    task: 'text-classification' | 'automatic-speech-recognition',
    model?: string,
    options?: object,
  ) => Promise<unknown>;
  /** The tensor class (the constructor form this package calls). */
  Tensor: new (type: 'int64', data: BigInt64Array, dims: number[]) => TransformersTensor;
}

let loading: Promise<TransformersModule> | undefined;

/**
 * Imports `@huggingface/transformers` once; throws `TRANSFORMERS_NOT_INSTALLED` with the install command
 * when it is missing.
 */
export function loadTransformers(): Promise<TransformersModule> {
  // The annotation makes the compiler check that the real module satisfies TransformersModule.
  loading ??= import('@huggingface/transformers').then(
    (module): TransformersModule => module,
    (cause: unknown) => {
      loading = undefined;
      throw new TextEmotionError(
        'TRANSFORMERS_NOT_INSTALLED',
        'the "transformers" engine and transcribe() need the optional peer dependency @huggingface/transformers: ' +
          'npm install @huggingface/transformers@^4.3',
        { cause },
      );
    },
  );
  return loading;
}

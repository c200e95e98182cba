import { TextEmotionError } from '../errors.js';

/**
 * Where a transformers.js model lives on disk, and which files it needs there. Pure string handling (no
 * Node built-ins), so it works in browsers too, where "folders" are URL paths.
 */

/** Default text-emotion model: ONNX port of j-hartmann/emotion-english-distilroberta-base. */
export const DEFAULT_TEXT_EMOTION_MODEL = 'Xenova/emotion-english-distilroberta-base';
/** Default speech-recognition model (multilingual, so it can translate to English). */
export const DEFAULT_WHISPER_MODEL = 'Xenova/whisper-base';
/** Models folder used when neither the `modelsDir` option nor `SER_MODELS_DIR` is set. */
export const DEFAULT_MODELS_DIR = './models';

/** Weight precisions of transformers.js and the file-name suffix each one loads. */
export const DTYPE_FILE_SUFFIX = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;

/** A weight precision understood by transformers.js. */
export type ModelDtype = keyof typeof DTYPE_FILE_SUFFIX;

/** Options shared by everything that loads a transformers.js model. */
export interface ModelLocationOptions {
  /**
   * Folder holding models as `<modelsDir>/<owner>/<name>/…`. Default: the `SER_MODELS_DIR` environment
   * variable, else `./models`.
   */
  modelsDir?: string;
  /** Allow fetching missing files from the Hugging Face Hub into `modelsDir` (default false: never download). */
  allowDownload?: boolean;
  /** Weight precision, which picks the ONNX file (`fp32` → model.onnx, `q8` → model_quantized.onnx). Default fp32. */
  dtype?: ModelDtype;
}

/** A resolved model location. */
export interface ModelLocation {
  /** What the caller asked for. */
  model: string;
  /** What to pass to transformers.js (`owner/name` relative to `localModelPath`, or an absolute/relative folder). */
  modelId: string;
  /** The models root (transformers' `env.localModelPath`, and its `cacheDir` for downloads). */
  modelsDir: string;
  /** The folder the model's files must be in. */
  modelDir: string;
}

/** True when `model` names a folder rather than a Hub id (`/abs`, `./rel`, `../rel`, `C:\…`, `file:`). */
export function isModelPath(model: string): boolean {
  return /^(\/|\.{1,2}[\\/]|[A-Za-z]:[\\/]|file:)/u.test(model) || model === '.' || model === '..';
}

function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const value = proc?.env?.[name];
  return value === undefined || value === '' ? undefined : value;
}

function joinPath(dir: string, rest: string): string {
  return `${dir.replace(/[\\/]+$/u, '')}/${rest.replace(/^[\\/]+/u, '')}`;
}

/**
 * Resolves a model id or folder: a folder is used as is; an id such as `Xenova/whisper-base` is looked
 * up in `modelsDir` (option, else `SER_MODELS_DIR`, else `./models`).
 */
export function resolveModelLocation(
  model: string,
  options: Pick<ModelLocationOptions, 'modelsDir'> = {},
): ModelLocation {
  const trimmed = model.trim();
  if (trimmed === '')
    throw new TextEmotionError('INVALID_ARGUMENT', 'model must be a non-empty Hugging Face id or folder path');
  if (isModelPath(trimmed)) {
    const modelDir = trimmed.replace(/^file:\/\//u, '').replace(/[\\/]+$/u, '') || '/';
    const parent = modelDir.replace(/[\\/][^\\/]*$/u, '') || '/';
    return { model, modelId: modelDir, modelsDir: options.modelsDir ?? parent, modelDir };
  }
  const modelsDir =
    (options.modelsDir ?? readEnv('SER_MODELS_DIR') ?? DEFAULT_MODELS_DIR).replace(/[\\/]+$/u, '') || '/';
  return { model, modelId: trimmed, modelsDir, modelDir: joinPath(modelsDir, trimmed) };
}

/** Files a transformers.js text-classification model needs, relative to its folder. */
export function textClassificationFiles(dtype: ModelDtype = 'fp32'): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${DTYPE_FILE_SUFFIX[dtype]}.onnx`];
}

/** Files a transformers.js Whisper model needs, relative to its folder. */
export function whisperFiles(dtype: ModelDtype = 'fp32'): string[] {
  const suffix = DTYPE_FILE_SUFFIX[dtype];
  return [
    'config.json',
    'generation_config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    `onnx/encoder_model${suffix}.onnx`,
    `onnx/decoder_model_merged${suffix}.onnx`,
  ];
}

/** Throws INVALID_ARGUMENT unless `dtype` is a known precision. */
export function assertDtype(dtype: unknown): asserts dtype is ModelDtype | undefined {
  if (dtype !== undefined && !(typeof dtype === 'string' && dtype in DTYPE_FILE_SUFFIX)) {
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      `dtype must be one of ${Object.keys(DTYPE_FILE_SUFFIX).join(', ')}, got ${String(dtype)}`,
    );
  }
}

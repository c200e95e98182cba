import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { featureShape, validateFeatureConfig } from '@ser/audio-features';
import { ModelError } from '../errors.js';
import { MODEL_JSON, WEIGHTS_BIN, modelFromFiles, modelToFiles } from '../io/model-files.js';
import { validateStandardization } from '../training/standardization.js';
import { AUDIO_FEATURES_VERSION } from '@ser/audio-features';
import { SER_MODELS_VERSION } from '../version.js';
import {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_METADATA,
  type BundleCalibration,
  type BundleMetadata,
  type BundleMetadataInput,
  type ModelBundle,
} from './bundle-types.js';

/** The three files of a bundle, in memory: JSON files as text, weights as bytes. */
export interface BundleFiles {
  'model.json': string;
  'weights.bin': Uint8Array;
  'ser-model.json': string;
}

/** Names of the files a bundle directory must contain. */
export const BUNDLE_FILES = [MODEL_JSON, WEIGHTS_BIN, BUNDLE_METADATA] as const;

/** Completes bundle metadata for a model: format fields, input shape, software versions, date. */
export function createBundleMetadata(model: tfl.LayersModel, input: BundleMetadataInput): BundleMetadata {
  return {
    format: 'ser-model',
    formatVersion: BUNDLE_FORMAT_VERSION,
    ...input,
    inputShape: input.inputShape ?? (model.inputs[0]!.shape.slice(1) as number[]),
    versions: {
      '@ser/models': SER_MODELS_VERSION,
      '@ser/audio-features': AUDIO_FEATURES_VERSION,
      '@tensorflow/tfjs-core': tf.version_core,
      '@tensorflow/tfjs-layers': tfl.version_layers,
      backend: tf.getBackend(),
      ...input.versions,
    },
    createdAt: input.createdAt ?? new Date().toISOString(),
  };
}

/**
 * Checks parsed `ser-model.json` contents against the installed @ser/audio-features and the model.
 * @param where - the bundle's directory or URL, named in every error.
 * @throws {@link ModelError} `INCOMPATIBLE_FEATURE_CONFIG` naming the directory and the offending
 *   parameter when this @ser/audio-features cannot reproduce the features; `INVALID_BUNDLE` otherwise.
 */
export function validateBundleMetadata(value: unknown, where: string, model?: tfl.LayersModel): BundleMetadata {
  const file = `${where}/${BUNDLE_METADATA}`;
  const m = value as BundleMetadata;
  if (!m || typeof m !== 'object' || m.format !== 'ser-model') {
    throw new ModelError('INVALID_BUNDLE', `is not a ser-model file (format must be "ser-model")`, { file });
  }
  if (typeof m.formatVersion !== 'number' || m.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new ModelError(
      'INVALID_BUNDLE',
      `has formatVersion ${String(m.formatVersion)}; this @ser/models reads up to ${BUNDLE_FORMAT_VERSION}`,
      { file },
    );
  }
  if (!Array.isArray(m.labels) || m.labels.length < 2 || m.labels.some((l) => typeof l !== 'string' || l === '')) {
    throw new ModelError('INVALID_BUNDLE', `labels must be at least two non-empty strings`, { file });
  }
  const repeated = [...new Set(m.labels.filter((label, i) => m.labels.indexOf(label) !== i))];
  if (repeated.length > 0) {
    throw new ModelError(
      'INVALID_BUNDLE',
      `labels must be distinct, but ${repeated.map((l) => `"${l}"`).join(', ')} ${repeated.length === 1 ? 'appears' : 'appear'} more than once ` +
        `(labels: ${m.labels.join(', ')}); two outputs with one name would be reported as one emotion`,
      { file },
    );
  }
  try {
    m.featureConfig = validateFeatureConfig(m.featureConfig);
  } catch (cause) {
    throw new ModelError(
      'INCOMPATIBLE_FEATURE_CONFIG',
      `the model in ${where} needs features this @ser/audio-features cannot compute: ${(cause as Error).message}`,
      { file, cause },
    );
  }
  validateStandardization(m.standardization, `${BUNDLE_METADATA} in ${where}`);
  if (m.calibration !== undefined) {
    const c = m.calibration as Partial<BundleCalibration> | null;
    if (!c || c.kind !== 'speakerBandMeans' || typeof c.speechRangeDb !== 'number' || !(c.speechRangeDb > 0)) {
      throw new ModelError(
        'INVALID_BUNDLE',
        `calibration must be { kind: "speakerBandMeans", speechRangeDb: > 0 }, got ${JSON.stringify(c)}`,
        { file },
      );
    }
    if (m.featureConfig.featureSet !== 'logmel' || m.featureConfig.normalize !== undefined) {
      throw new ModelError('INVALID_BUNDLE', `a calibrated model needs un-normalised logmel features`, { file });
    }
  }
  const featureSize = featureShape(m.featureConfig).reduce((a, b) => a * b, 1);
  const inputSize = Array.isArray(m.inputShape) ? m.inputShape.reduce((a, b) => a * b, 1) : NaN;
  if (featureSize !== inputSize) {
    throw new ModelError(
      'INVALID_BUNDLE',
      `features of shape ${JSON.stringify(featureShape(m.featureConfig))} do not fit inputShape ${JSON.stringify(m.inputShape)}`,
      { file },
    );
  }
  if (featureSize % m.standardization.period !== 0) {
    throw new ModelError(
      'INVALID_BUNDLE',
      `standardization period ${m.standardization.period} does not divide the feature size ${featureSize}`,
      { file },
    );
  }
  if (model) {
    const shape = model.outputs[0]!.shape;
    if (shape[shape.length - 1] !== m.labels.length) {
      throw new ModelError(
        'INVALID_BUNDLE',
        `the model in ${where} has ${shape[shape.length - 1]} outputs but ${BUNDLE_METADATA} lists ${m.labels.length} labels`,
        { file },
      );
    }
    const modelInput = model.inputs[0]!.shape.slice(1);
    if (JSON.stringify(modelInput) !== JSON.stringify(m.inputShape)) {
      throw new ModelError(
        'INVALID_BUNDLE',
        `the model in ${where} takes ${JSON.stringify(modelInput)} but ${BUNDLE_METADATA} says ${JSON.stringify(m.inputShape)}`,
        { file },
      );
    }
  }
  return m;
}

/** Serialises a bundle to its three files (browser-safe). */
export async function bundleToFiles(bundle: ModelBundle): Promise<BundleFiles> {
  const metadata = validateBundleMetadata(
    JSON.parse(JSON.stringify(bundle.metadata)),
    'the bundle being saved',
    bundle.model,
  );
  const model = await modelToFiles(bundle.model);
  return { ...model, 'ser-model.json': `${JSON.stringify(metadata, null, 2)}\n` };
}

/**
 * Loads a bundle from its files in memory (browser-safe): parses and checks `ser-model.json` first,
 * so an incompatible feature configuration is refused before the model is built.
 * @param where - directory or URL the files came from, named in errors.
 */
export async function bundleFromFiles(files: BundleFiles, where = 'memory'): Promise<ModelBundle> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(files['ser-model.json']);
  } catch (cause) {
    throw new ModelError('INVALID_BUNDLE', 'is not valid JSON', { file: `${where}/${BUNDLE_METADATA}`, cause });
  }
  validateBundleMetadata(parsed, where);
  const model = await modelFromFiles({ 'model.json': files['model.json'], 'weights.bin': files['weights.bin'] }, where);
  const metadata = validateBundleMetadata(parsed, where, model);
  return { model, metadata };
}

/** Options of {@link loadBundleFromUrl}. */
export interface LoadBundleFromUrlOptions {
  /** fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * Loads a bundle served over HTTP(S) (browsers, or Node ≥ 18 with global fetch): `<baseUrl>/model.json`,
 * `<baseUrl>/weights.bin`, `<baseUrl>/ser-model.json`.
 * @throws {@link ModelError} `NOT_FOUND` (an HTTP error) or `FILE_NOT_READABLE` (the fetch failed), naming the file's URL.
 */
export async function loadBundleFromUrl(baseUrl: string, options: LoadBundleFromUrlOptions = {}): Promise<ModelBundle> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (name: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/${name}`);
    } catch (cause) {
      throw new ModelError('FILE_NOT_READABLE', `cannot be fetched: ${(cause as Error).message}`, {
        file: `${base}/${name}`,
        cause,
      });
    }
    if (!response.ok) {
      throw new ModelError('NOT_FOUND', `not found (HTTP ${response.status})`, { file: `${base}/${name}` });
    }
    return response;
  };
  // ser-model.json first: an incompatible bundle is refused before its weights are downloaded.
  const metadataText = await (await get(BUNDLE_METADATA)).text();
  try {
    validateBundleMetadata(JSON.parse(metadataText), base);
  } catch (error) {
    if (error instanceof ModelError) throw error;
    throw new ModelError('INVALID_BUNDLE', 'is not valid JSON', { file: `${base}/${BUNDLE_METADATA}`, cause: error });
  }
  const [modelJson, weights] = await Promise.all([get(MODEL_JSON), get(WEIGHTS_BIN)]);
  return bundleFromFiles(
    {
      'ser-model.json': metadataText,
      'model.json': await modelJson.text(),
      'weights.bin': new Uint8Array(await weights.arrayBuffer()),
    },
    base,
  );
}

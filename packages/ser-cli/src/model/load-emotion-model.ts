/** Loading a model bundle with @ser/models (on the fastest TensorFlow.js backend) as an {@link EmotionModel}. */
import type { LabelSetLike } from '../analysis/label-mapping.js';
import { loadModels, loadModelsNode } from '../deps.js';
import { CliError } from '../errors.js';
import type { EmotionModel } from './emotion-model.js';

let backendReady: Promise<unknown> | undefined;

/**
 * Starts the TensorFlow.js backend once per process: tfjs-node when installed, else wasm, else cpu
 * (`SER_BACKEND=tensorflow|wasm|cpu` picks one to try first).
 */
export function ensureBackend(env: Record<string, string | undefined> = process.env): Promise<unknown> {
  if (!backendReady) {
    const prefer = env.SER_BACKEND;
    backendReady = loadModels().then((models) =>
      models.initBackend(prefer === 'tensorflow' || prefer === 'wasm' || prefer === 'cpu' ? { prefer } : {}),
    );
  }
  return backendReady;
}

/** Reads a label set recorded in the bundle's training description, when there is a valid one. */
function recordedLabelSet(value: unknown, labels: readonly string[]): LabelSetLike | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const candidate = value as Partial<LabelSetLike>;
  if (
    typeof candidate.name !== 'string' ||
    !Array.isArray(candidate.labels) ||
    !candidate.mapping ||
    typeof candidate.mapping !== 'object'
  )
    return undefined;
  if (candidate.labels.join('\u0000') !== labels.join('\u0000')) return undefined;
  return candidate as LabelSetLike;
}

/**
 * Loads the bundle in `dir`.
 * @throws CliError naming the folder when the bundle cannot be loaded
 */
export async function loadEmotionModel(dir: string): Promise<EmotionModel> {
  await ensureBackend();
  const { loadBundle } = await loadModelsNode();
  const { predictProbabilities, applyStandardization } = await loadModels();
  let bundle: Awaited<ReturnType<typeof loadBundle>>;
  try {
    bundle = await loadBundle(dir);
  } catch (error) {
    throw new CliError(`cannot load the model bundle in ${dir}: ${(error as Error).message}`, {
      hint: 'a bundle folder is what `ser train --out` writes (model.json, weights.bin, ser-model.json)',
      cause: error,
    });
  }
  const { metadata } = bundle;
  const sampleRate = metadata.featureConfig.sr;
  const labelSet = recordedLabelSet(metadata.training?.labelSet, metadata.labels);
  const validationSpeakers = metadata.training?.validationSpeakers;
  const trainSpeakers = metadata.training?.trainSpeakers;
  return {
    dir,
    labels: [...metadata.labels],
    sampleRate,
    featureSet: metadata.featureConfig.featureSet,
    featureConfig: { ...metadata.featureConfig },
    ...(labelSet ? { labelSet } : {}),
    ...(Array.isArray(validationSpeakers) ? { validationSpeakers: [...validationSpeakers] } : {}),
    ...(Array.isArray(trainSpeakers) ? { trainSpeakers: trainSpeakers.map(String) } : {}),
    bundle,
    predictFeatureRows: async (x, rows) =>
      predictProbabilities(bundle.model, applyStandardization(x, metadata.standardization), metadata.inputShape, rows),
    dispose: () => bundle.model.dispose(),
  };
}

/**
 * The default model's recipe (issue 12), shared by `train-default-frames.mjs` (which builds the shipped bundle) and
 * `experiments/frame-cv.mjs` (which cross-validates it and its variants): per-recording-normalised log-mel
 * frames (short recordings wrapped, not zero-padded) → attentionCnn → AdamW + one-cycle + label smoothing +
 * time-shift/SpecAugment/random-crop batches, a fixed number of epochs, no early stopping. See pretrained/default/MODEL_CARD.md for the experiments behind each choice.
 */
import * as models from '@ser/models';
import { createDataParallelStepper } from '@ser/models/node';

/**
 * A frame recipe: the features, the network and how it is trained.
 * @typedef {object} FrameRecipe
 * @property {string} labelSet The label set of the classes (`ekman7`, …).
 * @property {import('@ser/audio-features').LogmelConfig} featureConfig The features the network hears.
 * @property {string} architecture `calibratedAttentionCnn`, or (any other name) attentionCnn.
 * @property {import('@ser/models').Hyperparameters} hyperparameters The architecture's hyperparameters.
 * @property {number} epochs A fixed number of epochs (no early stopping).
 * @property {number} batchSize Examples per step.
 * @property {number} maxLearningRate The peak of the one-cycle schedule.
 * @property {number} weightDecay AdamW's decoupled weight decay.
 * @property {number} labelSmoothing ε of the cross-entropy targets.
 * @property {import('@ser/models').FrameAugmentationOptions} augmentation Batch augmentation (frameAugmentation).
 * @property {number[]} seeds The seeds of the averaged members.
 * @property {number} workers Data-parallel worker threads (0: one thread).
 * @property {import('@ser/models').BundleCalibration} [calibration] Present when the network hears calibrated features.
 */

/**
 * What an experiment changes in a recipe for one {@link trainRecipeMember} run (augmentation null: none).
 * @typedef {Partial<Omit<FrameRecipe, 'augmentation'>> & {
 *   augmentation?: import('@ser/models').FrameAugmentationOptions | null,
 *   numClasses?: number,
 *   onEpochEnd?: (log: import('@ser/models').EpochLog) => void,
 * }} RecipeOverrides
 */

/** @type {FrameRecipe} */
export const FRAME_RECIPE = {
  labelSet: 'ekman7',
  featureConfig: {
    featureSet: 'logmel',
    sr: 16000,
    nFft: 512,
    hopLength: 160,
    nMels: 64,
    fmin: 0,
    fmax: 8000,
    frames: 300,
    normalize: 'cmvn',
    padMode: 'wrap',
  },
  architecture: 'attentionCnn',
  hyperparameters: { ...models.ATTENTION_CNN_DEFAULTS },
  epochs: 30,
  batchSize: 64,
  maxLearningRate: 2e-3,
  weightDecay: 0.01,
  labelSmoothing: 0.1,
  // SpecAugment-style masks and shifts, and (minCropFrames) random 1–3-s wrapped crops so that 2-s chunks are heard as
  // well as whole clips: on CV fold 0 (seed 1) crops took 2-s chunk accuracy from 39.6 to 63.3 % and whole clips
  // from 59.6 to 72.5 % (padMode 'wrap' features in both).
  augmentation: {
    maxShift: 30,
    timeMasks: 2,
    maxTimeWidth: 30,
    bandMasks: 2,
    minCropFrames: 100,
    cropProbability: 0.5,
  },
  seeds: [1, 2, 3],
  /** Data-parallel worker threads (0: one thread). Part of the recipe: per-replica batch norm changes results. */
  workers: 0,
};

/**
 * The speaker-calibrated variant (issue 13): the same recipe on un-normalised log-mel minus each speaker's
 * calibration offset (calibration-offsets.mjs), heard by calibratedAttentionCnn; crops keep their own levels.
 */
/** @type {FrameRecipe} */
export const CALIBRATED_RECIPE = {
  ...FRAME_RECIPE,
  featureConfig: (({ normalize: _normalize, ...plain }) => plain)(FRAME_RECIPE.featureConfig),
  architecture: 'calibratedAttentionCnn',
  augmentation: { ...FRAME_RECIPE.augmentation, rescaleCrops: false },
  calibration: { kind: 'speakerBandMeans', speechRangeDb: models.ENROLLMENT_SPEECH_RANGE_DB },
};

/**
 * Builds a recipe's untrained network for `shape` (`[frames, bands]`).
 * @param {Pick<FrameRecipe, 'architecture' | 'hyperparameters'>} recipe
 * @param {number[]} shape
 * @param {number} numClasses
 * @param {number} seed
 * @returns {import('@tensorflow/tfjs-layers').LayersModel}
 */
export function buildRecipeModel(recipe, shape, numClasses, seed) {
  const build = recipe.architecture === 'calibratedAttentionCnn' ? models.calibratedAttentionCnn : models.attentionCnn;
  return build({ inputShape: shape, numClasses, hyperparameters: recipe.hyperparameters, seed });
}

/**
 * Trains one member of the recipe on `train` (LabeledData of the recipe's features) with `seed`; `overrides`
 * change recipe fields (experiments); `build`, when given, builds the network instead of the recipe's architecture.
 * Resolves to the model, its trainModel result and the seconds it took.
 * @param {import('@ser/models').LabeledData} train
 * @param {number} seed
 * @param {RecipeOverrides} [overrides]
 * @param {(shape: number[], seed: number) => import('@tensorflow/tfjs-layers').LayersModel} [build]
 * @returns {Promise<{ model: import('@tensorflow/tfjs-layers').LayersModel, result: import('@ser/models').TrainResult, seconds: number }>}
 */
export async function trainRecipeMember(train, seed, overrides = {}, build) {
  const recipe = { ...FRAME_RECIPE, ...overrides };
  const shape = train.shape;
  const model = build ? build(shape, seed) : buildRecipeModel(recipe, shape, overrides.numClasses ?? 7, seed);
  const stepper = recipe.workers > 0 ? await createDataParallelStepper(model, { workers: recipe.workers }) : undefined;
  const started = performance.now();
  try {
    const result = await models.trainModel(model, train, {
      epochs: recipe.epochs,
      batchSize: recipe.batchSize,
      seed,
      stepper,
      optimizer: { name: 'adamw', weightDecay: recipe.weightDecay },
      schedule: models.oneCycle({ maxLearningRate: recipe.maxLearningRate }),
      labelSmoothing: recipe.labelSmoothing,
      augment: recipe.augmentation ? models.frameAugmentation(recipe.augmentation) : undefined,
      onEpochEnd: recipe.onEpochEnd,
    });
    return { model, result, seconds: (performance.now() - started) / 1000 };
  } finally {
    await stepper?.dispose();
  }
}

/**
 * The default model's recipe (issue 12), shared by `train-default-frames.mjs` (which builds the shipped bundle) and
 * `experiments/frame-cv.mjs` (which cross-validates it and its variants): per-recording-normalised log-mel
 * frames → attentionCnn → AdamW + one-cycle + label smoothing + time-shift/SpecAugment batches, a fixed number of
 * epochs, no early stopping. See pretrained/default/MODEL_CARD.md for the experiments behind each choice.
 */
import * as models from '@ser/models';
import { createDataParallelStepper } from '@ser/models/node';

export const FRAME_RECIPE = {
  labelSet: 'ekman7',
  featureConfig: { featureSet: 'logmel', sr: 16000, nFft: 512, hopLength: 160, nMels: 64, fmin: 0, fmax: 8000, frames: 300, normalize: 'cmvn' },
  architecture: 'attentionCnn',
  hyperparameters: { ...models.ATTENTION_CNN_DEFAULTS },
  epochs: 30,
  batchSize: 64,
  maxLearningRate: 2e-3,
  weightDecay: 0.01,
  labelSmoothing: 0.1,
  augmentation: { maxShift: 30, timeMasks: 2, maxTimeWidth: 30, bandMasks: 2 },
  seeds: [1, 2, 3],
  /** Data-parallel worker threads (0: one thread). Part of the recipe: per-replica batch norm changes results. */
  workers: 0,
};

/**
 * Trains one member of the recipe on `train` (LabeledData of the recipe's features) with `seed`; `overrides`
 * change recipe fields (experiments). Resolves to the model, its trainModel result and the seconds it took.
 */
export async function trainRecipeMember(train, seed, overrides = {}, build = undefined) {
  const recipe = { ...FRAME_RECIPE, ...overrides };
  const shape = train.shape;
  const model = build ? build(shape, seed) : models.attentionCnn({ inputShape: shape, numClasses: overrides.numClasses ?? 7, hyperparameters: recipe.hyperparameters, seed });
  const stepper = recipe.workers > 0 ? await createDataParallelStepper(model, { workers: recipe.workers }) : undefined;
  const started = performance.now();
  try {
    const result = await models.trainModel(model, train, {
      epochs: recipe.epochs, batchSize: recipe.batchSize, seed, stepper,
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

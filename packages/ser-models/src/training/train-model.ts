import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';
import { createRandom, shuffled } from '../random.js';
import { resolveClassWeights, type ClassWeights } from './class-weights.js';
import { checkLabeledData, exampleSize, selectExamples, type LabeledData } from './labeled-data.js';
import { applyGradientArrays, shardGradients, type BatchArrays, type StepOptions } from './gradient-step.js';
import type { LearningRateSchedule } from './learning-rate-schedule.js';
import { AdamW, type AdamWOptions } from './optimizers/adamw.js';
import type { BatchAugmentation } from '../augment/frame-augmentation.js';
import { applyStandardization, fitStandardization, type Standardization } from './standardization.js';

/** Metrics of one epoch. `valLoss`/`valAccuracy` are null without validation data. */
export interface EpochLog {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  /** Wall time of the epoch in milliseconds (training + validation). */
  ms: number;
}

/** Validation data: separate examples (raw, standardised with the training statistics), or indices of `data` to hold out. */
export type ValidationSpec = LabeledData | { indices: ArrayLike<number> };

/** Result of one optimisation step: mean weighted loss of the batch and number of correct predictions. */
export interface StepResult {
  loss: number;
  correct: number;
}

/**
 * Computes and applies one optimisation step; the default runs on the calling thread. The Node entry's
 * `createDataParallelStepper` splits batches over worker threads.
 */
export interface GradientStepper {
  /** `seed` seeds the step's dropout masks. */
  step(
    optimizer: tf.Optimizer,
    batch: BatchArrays,
    seed: number,
    options?: StepOptions,
  ): Promise<StepResult> | StepResult;
}

/** The optimizer {@link trainModel} creates: tf.train.adam (the default), or {@link AdamW}. */
export type OptimizerSpec = { name: 'adam'; learningRate?: number } | ({ name: 'adamw' } & AdamWOptions);

/** Progress inside an epoch, reported after every batch. */
export interface BatchProgress {
  /** 0-based epoch. */
  epoch: number;
  epochs: number;
  /** Batches done in this epoch (1-based count). */
  batch: number;
  batches: number;
  /** Examples done in this epoch. */
  examples: number;
  /** Training examples per second over this epoch so far. */
  samplesPerSecond: number;
  /** Estimated seconds left in this epoch, and in the whole run (all remaining epochs at the current rate). */
  epochEtaSeconds: number;
  etaSeconds: number;
  /** Mean loss of the epoch's batches so far. */
  loss: number;
}

/** Options of {@link trainModel}. */
export interface TrainOptions {
  /** Maximum number of epochs (default 50). */
  epochs?: number;
  /** Examples per gradient step (default 32). */
  batchSize?: number;
  /** Adam learning rate (default: the model's compiled optimizer's, else 1e-3). */
  learningRate?: number;
  /** The optimizer (default Adam at `learningRate`); AdamW adds decoupled weight decay. */
  optimizer?: OptimizerSpec;
  /** Sets the learning rate (and AdamW's β1, for one-cycle) before every step, e.g. {@link oneCycle}. */
  schedule?: LearningRateSchedule;
  /** Label smoothing ε of the cross-entropy targets (default 0). */
  labelSmoothing?: number;
  /** Changes every training batch in place after standardisation (seeded from `seed`), e.g. {@link frameAugmentation}. */
  augment?: BatchAugmentation;
  /** Called after every batch with progress inside the epoch (for progress bars). */
  onBatchEnd?: (progress: BatchProgress) => void;
  /** Stop when validation accuracy has not improved for `patience` epochs and restore the best weights. */
  earlyStopping?: { patience: number; minDelta?: number };
  /** Weight of each class in the loss. */
  classWeights?: ClassWeights;
  /** Held-out data for early stopping and the validation metrics. */
  validation?: ValidationSpec;
  /** Seed of shuffling and dropout masks (default 42): same seed + same backend = same result. */
  seed?: number;
  /** Called after every epoch; return `true` to stop training. */
  onEpochEnd?: (log: EpochLog) => void | boolean | Promise<void | boolean>;
  /** Aborts training between steps (the best weights so far are kept). */
  signal?: AbortSignal;
  /** How steps are computed (default: on this thread). */
  stepper?: GradientStepper;
}

/** What {@link trainModel} did. The model's weights are left at the best epoch (or the last, without validation). */
export interface TrainResult {
  history: EpochLog[];
  /** Epoch (0-based) whose weights the model now has. */
  bestEpoch: number;
  bestValAccuracy: number | null;
  /** Statistics fitted on the training split; apply them to every input of the model. */
  standardization: Standardization;
  stoppedEarly: boolean;
  numTrainExamples: number;
  numValidationExamples: number;
}

function learningRateOf(model: tfl.LayersModel): number | undefined {
  const lr = (model.optimizer as unknown as { learningRate?: number } | undefined)?.learningRate;
  return typeof lr === 'number' && lr > 0 ? lr : undefined;
}

function numClassesOf(model: tfl.LayersModel): number {
  const shape = model.outputs[0]!.shape;
  const k = shape[shape.length - 1];
  if (typeof k !== 'number' || k < 2)
    throw new ModelError('INVALID_ARGUMENT', 'trainModel: the model must output class probabilities');
  return k;
}

function modelInputShape(model: tfl.LayersModel): number[] {
  return model.inputs[0]!.shape.slice(1) as number[];
}

function createOptimizer(options: TrainOptions, compiledRate: number | undefined): tf.Optimizer {
  const spec = options.optimizer ?? { name: 'adam' };
  const learningRate = spec.learningRate ?? options.learningRate ?? compiledRate ?? 1e-3;
  if (spec.name === 'adamw') return new AdamW({ ...spec, learningRate });
  if (spec.name !== 'adam')
    throw new ModelError(
      'INVALID_ARGUMENT',
      `trainModel: unknown optimizer ${JSON.stringify((spec as { name: unknown }).name)} (adam or adamw)`,
    );
  return tf.train.adam(learningRate);
}

function checkedLabelSmoothing(value: number | undefined): number {
  const v = value ?? 0;
  if (!Number.isFinite(v) || v < 0 || v >= 1)
    throw new ModelError('INVALID_ARGUMENT', `trainModel: labelSmoothing must be in [0, 1), got ${value}`);
  return v;
}

/** Sets the schedule's values for step `step` on the optimizer (β1 only on {@link AdamW}). */
function applySchedule(
  optimizer: tf.Optimizer,
  schedule: LearningRateSchedule,
  step: number,
  totalSteps: number,
): void {
  const { learningRate, beta1 } = schedule.at(step, totalSteps);
  if (optimizer instanceof AdamW) {
    optimizer.learningRate = learningRate;
    if (beta1 !== undefined) optimizer.beta1 = beta1;
  } else {
    (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
  }
}

/** Splits data into training and validation parts according to the spec. */
function splitData(
  data: LabeledData,
  spec: ValidationSpec | undefined,
): { train: LabeledData; validation: LabeledData | null } {
  if (!spec) return { train: data, validation: null };
  if ('indices' in spec) {
    const held = new Set<number>(Array.from(spec.indices));
    const trainIdx: number[] = [];
    for (let i = 0; i < data.labels.length; i++) if (!held.has(i)) trainIdx.push(i);
    return {
      train: selectExamples(data, trainIdx),
      validation: selectExamples(
        data,
        Array.from(held).sort((a, b) => a - b),
      ),
    };
  }
  return { train: data, validation: spec };
}

/** Mean loss and accuracy of a model on standardised data (inference mode). */
export function scoreStandardized(
  model: tfl.LayersModel,
  x: Float32Array,
  shape: number[],
  labels: ArrayLike<number>,
  batchSize = 256,
): { loss: number; accuracy: number; probabilities: Float32Array } {
  const n = labels.length;
  const numClasses = numClassesOf(model);
  const probabilities = predictProbabilities(model, x, shape, n, batchSize);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const row = probabilities.subarray(i * numClasses, (i + 1) * numClasses);
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (row[c]! > row[best]!) best = c;
    if (best === labels[i]) correct++;
    loss -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, row[labels[i]!]!)));
  }
  return { loss: loss / n, accuracy: correct / n, probabilities };
}

/** Class probabilities of `n` examples (already standardised), computed in batches. */
export function predictProbabilities(
  model: tfl.LayersModel,
  x: Float32Array,
  shape: number[],
  n: number,
  batchSize = 256,
): Float32Array {
  const numClasses = numClassesOf(model);
  const size = exampleSize(shape);
  const out = new Float32Array(n * numClasses);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    // Copied out inside tidy: returning a typed array from tidy makes it walk every element.
    tf.tidy(() => {
      const xb = tf.tensor(x.subarray(start * size, end * size), [end - start, ...modelInputShape(model)]);
      out.set((model.predict(xb) as tf.Tensor).dataSync(), start * numClasses);
    });
  }
  return out;
}

/**
 * One optimisation step on a batch on this thread: weighted categorical cross-entropy (mean over
 * the batch of weight × loss, as Keras), dropout masks seeded by `seed`.
 */
export function trainStep(
  model: tfl.LayersModel,
  optimizer: tf.Optimizer,
  batch: BatchArrays,
  seed: number,
  options: StepOptions = {},
): StepResult {
  const shard = shardGradients(model, batch, batch.count, seed, options);
  applyGradientArrays(model, optimizer, shard.gradients);
  return { loss: shard.lossSum / batch.count, correct: shard.correct };
}

/**
 * Trains a compiled classifier with a seeded, reproducible loop: per-feature standardisation
 * fitted on the training split only, seeded shuffling and dropout, optional class weights,
 * validation accuracy tracking, and early stopping that restores the best weights.
 *
 * @param model - a compiled model from this package's architectures (any model ending in softmax works).
 * @param data - training examples; `data.shape` must match the model's input shape (same number of values).
 * @example
 * ```ts
 * const result = await trainModel(model, { x, shape: [180], labels }, {
 *   epochs: 60, batchSize: 32, earlyStopping: { patience: 8 }, classWeights: 'balanced',
 *   validation: { x: vx, shape: [180], labels: vy }, seed: 1,
 * });
 * ```
 * @throws {@link ModelError} `INVALID_DATA` for non-finite values, bad labels or mismatched shapes.
 */
export async function trainModel(
  model: tfl.LayersModel,
  data: LabeledData,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const numClasses = numClassesOf(model);
  const inputShape = modelInputShape(model);
  checkLabeledData(data, numClasses, 'training data');
  if (exampleSize(data.shape) !== exampleSize(inputShape)) {
    throw new ModelError(
      'INVALID_DATA',
      `training data: examples of shape ${JSON.stringify(data.shape)} do not fit the model input ${JSON.stringify(inputShape)}`,
    );
  }
  const epochs = options.epochs ?? 50;
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(epochs) || epochs < 1)
    throw new ModelError('INVALID_ARGUMENT', `trainModel: epochs must be a positive integer, got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ModelError('INVALID_ARGUMENT', `trainModel: batchSize must be a positive integer, got ${batchSize}`);

  if (options.earlyStopping && !options.validation) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      'trainModel: earlyStopping watches validation accuracy; pass validation data or indices',
    );
  }
  const { train, validation } = splitData(data, options.validation);
  if (validation) {
    checkLabeledData(validation, numClasses, 'validation data');
    if (exampleSize(validation.shape) !== exampleSize(inputShape)) {
      throw new ModelError(
        'INVALID_DATA',
        `validation data: examples of shape ${JSON.stringify(validation.shape)} do not fit the model input ${JSON.stringify(inputShape)}`,
      );
    }
  }
  const standardization = fitStandardization(train.x, train.shape);
  const trainX = applyStandardization(train.x, standardization);
  const validationX = validation ? applyStandardization(validation.x, standardization) : null;
  const classWeights = resolveClassWeights(options.classWeights, train.labels, numClasses);

  const seed = options.seed ?? 42;
  const shuffleRandom = createRandom(seed);
  const dropoutRandom = createRandom(seed + 7919);
  const augmentRandom = createRandom(seed + 104729);
  const optimizer = createOptimizer(options, learningRateOf(model));
  const size = exampleSize(inputShape);
  const n = train.labels.length;
  const batches = Math.ceil(n / batchSize);
  const totalSteps = epochs * batches;
  const stepOptions: StepOptions = { labelSmoothing: checkedLabelSmoothing(options.labelSmoothing) };
  let stepIndex = 0;

  const history: EpochLog[] = [];
  let best: { epoch: number; accuracy: number; weights: tf.Tensor[] } | null = null;
  let stoppedEarly = false;
  const patience = options.earlyStopping?.patience;
  const minDelta = options.earlyStopping?.minDelta ?? 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (options.signal?.aborted) break;
      const started = performance.now();
      const order = shuffled(
        Array.from({ length: n }, (_, i) => i),
        shuffleRandom,
      );
      let lossSum = 0;
      let correct = 0;
      let done = 0;
      for (let start = 0; start < n; start += batchSize) {
        const batch = order.slice(start, start + batchSize);
        const xb = new Float32Array(batch.length * size);
        const labels = new Int32Array(batch.length);
        const weights = new Float32Array(batch.length);
        batch.forEach((i, k) => {
          xb.set(trainX.subarray(i * size, (i + 1) * size), k * size);
          labels[k] = train.labels[i]!;
          weights[k] = classWeights[train.labels[i]!]!;
        });
        const stepSeed = Math.floor(dropoutRandom() * 2 ** 31);
        options.augment?.({ x: xb, shape: inputShape, count: batch.length }, augmentRandom);
        if (options.schedule) applySchedule(optimizer, options.schedule, stepIndex, totalSteps);
        stepIndex++;
        const arrays: BatchArrays = { x: xb, labels, sampleWeights: weights, count: batch.length };
        const step = options.stepper
          ? await options.stepper.step(optimizer, arrays, stepSeed, stepOptions)
          : trainStep(model, optimizer, arrays, stepSeed, stepOptions);
        if (!Number.isFinite(step.loss)) {
          throw new ModelError(
            'INVALID_DATA',
            `trainModel: the loss became ${step.loss} in epoch ${epoch}; lower the learning rate`,
          );
        }
        lossSum += step.loss * batch.length;
        correct += step.correct;
        done += batch.length;
        if (options.onBatchEnd) {
          const seconds = (performance.now() - started) / 1000;
          const rate = done / Math.max(seconds, 1e-9);
          const epochLeft = (n - done) / rate;
          options.onBatchEnd({
            epoch,
            epochs,
            batch: Math.ceil(done / batchSize),
            batches,
            examples: done,
            samplesPerSecond: rate,
            loss: lossSum / done,
            epochEtaSeconds: epochLeft,
            etaSeconds: epochLeft + ((epochs - epoch - 1) * n) / rate,
          });
        }
        if (options.signal?.aborted) break;
      }
      const score =
        validation && validationX ? scoreStandardized(model, validationX, inputShape, validation.labels) : null;
      const log: EpochLog = {
        epoch,
        loss: lossSum / n,
        accuracy: correct / n,
        valLoss: score ? score.loss : null,
        valAccuracy: score ? score.accuracy : null,
        ms: performance.now() - started,
      };
      history.push(log);
      if (score && (!best || score.accuracy > best.accuracy + minDelta)) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch, accuracy: score.accuracy, weights: model.getWeights().map((w) => w.clone()) };
      }
      const stop = await options.onEpochEnd?.(log);
      if (stop === true) break;
      if (patience !== undefined && best && epoch - best.epoch >= patience) {
        stoppedEarly = true;
        break;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    optimizer.dispose();
  }
  let bestEpoch = history.length - 1;
  if (best) {
    model.setWeights(best.weights);
    best.weights.forEach((w) => w.dispose());
    bestEpoch = best.epoch;
  }
  return {
    history,
    bestEpoch,
    bestValAccuracy: best ? best.accuracy : null,
    standardization,
    stoppedEarly,
    numTrainExamples: n,
    numValidationExamples: validation ? validation.labels.length : 0,
  };
}

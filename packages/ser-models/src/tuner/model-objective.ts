import type * as tfl from '@tensorflow/tfjs-layers';
import type { Hyperparameters } from '../architectures/common.js';
import type { ClassWeights } from '../training/class-weights.js';
import type { LabeledData } from '../training/labeled-data.js';
import { trainModel, type GradientStepper } from '../training/train-model.js';
import type { Objective } from './trial-runner.js';

/** Options of {@link modelObjective}. */
export interface ModelObjectiveOptions {
  /** Builds a compiled model for a setting (e.g. `(h, seed) => ogCnn({ inputShape, numClasses, hyperparameters: h, seed })`). */
  build: (hyperparameters: Hyperparameters, seed: number) => tfl.LayersModel;
  train: LabeledData;
  validation: LabeledData;
  batchSize?: number;
  classWeights?: ClassWeights;
  /** Early-stopping patience inside a trial (default: none). */
  patience?: number;
  /** Makes a stepper for each trial's model (e.g. `createDataParallelStepper` from `@ser/models/node`); disposed after the trial. */
  createStepper?: (model: tfl.LayersModel) => Promise<GradientStepper & { dispose(): Promise<void> }>;
}

/**
 * An {@link Objective} that builds a model for each setting, trains it with {@link trainModel} for the
 * trial's epochs (learning rate = `learning_rate` when the space has it) and returns the best
 * validation accuracy.
 */
export function modelObjective(options: ModelObjectiveOptions): Objective {
  return async (hyperparameters, context) => {
    const model = options.build(hyperparameters, context.seed);
    const stepper = options.createStepper ? await options.createStepper(model) : undefined;
    try {
      const result = await trainModel(model, options.train, {
        epochs: context.epochs,
        batchSize: options.batchSize,
        classWeights: options.classWeights,
        learningRate: hyperparameters.learning_rate,
        validation: options.validation,
        seed: context.seed,
        earlyStopping: options.patience === undefined ? undefined : { patience: options.patience },
        signal: context.signal,
        stepper,
      });
      return result.bestValAccuracy ?? 0;
    } finally {
      await stepper?.dispose();
      model.dispose();
    }
  };
}

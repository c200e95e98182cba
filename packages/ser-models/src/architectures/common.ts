import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelError } from '../errors.js';

/**
 * Hyperparameter values by name, named like the original keras-tuner search space:
 * `dropout_1` … `dropout_5`, `units_0` … `units_8`, `learning_rate`.
 */
export type Hyperparameters = Record<string, number>;

/** Options every architecture function takes. */
export interface ArchitectureOptions {
  /** Shape of one example, without the batch axis: `[180]`, `[180, 1]`, `[300, 64]`, … */
  inputShape: number[];
  /** Number of classes of the softmax output. */
  numClasses: number;
  /** Overrides of the architecture's default hyperparameters. */
  hyperparameters?: Hyperparameters;
  /**
   * Seed of every weight initialiser (default 42): same seed, same initial weights. Dropout masks are
   * not seeded per layer (a fixed tfjs dropout seed repeats the same mask every step); `trainModel`
   * makes them reproducible from its own seed.
   */
  seed?: number;
}

/** A function that builds a compiled model from {@link ArchitectureOptions}. */
export type Architecture = (options: ArchitectureOptions) => tfl.LayersModel;

/**
 * Merges defaults with overrides and checks every value is a finite number in range. The result has exactly
 * the defaults' names (an override with another name is refused), so each one can be read without a check.
 */
export function resolveHyperparameters<Name extends string>(
  name: string,
  defaults: Readonly<Record<Name, number>>,
  overrides: Hyperparameters = {},
): Record<Name, number> {
  const unknown = Object.keys(overrides ?? {}).filter((key) => !(key in defaults));
  if (unknown.length > 0) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `${name}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a hyperparameter' : 'are not hyperparameters'} of ${name} ` +
        `(it has ${Object.keys(defaults).join(', ')})`,
    );
  }
  const merged = { ...defaults, ...overrides } as Record<Name, number>;
  for (const [key, value] of Object.entries(merged)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `${name}: hyperparameter ${key} must be a finite number, got ${String(value)}`,
      );
    }
    if (key.startsWith('dropout_') && (value < 0 || value >= 1)) {
      throw new ModelError('INVALID_ARGUMENT', `${name}: ${key} must be in [0, 1), got ${value}`);
    }
    if (key.startsWith('units_') && (!Number.isInteger(value) || value < 1)) {
      throw new ModelError('INVALID_ARGUMENT', `${name}: ${key} must be a positive integer, got ${value}`);
    }
    if (key === 'learning_rate' && !(value > 0)) {
      throw new ModelError('INVALID_ARGUMENT', `${name}: learning_rate must be > 0, got ${value}`);
    }
  }
  return merged;
}

/** Checks the common options (shape and class count). */
export function checkOptions(name: string, options: ArchitectureOptions, rank?: number): void {
  const { inputShape, numClasses } = options;
  if (!Array.isArray(inputShape) || inputShape.length === 0 || inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `${name}: inputShape must be positive integers, got ${JSON.stringify(inputShape)}`,
    );
  }
  if (rank !== undefined && inputShape.length !== rank) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `${name}: inputShape must have ${rank} axes, got ${JSON.stringify(inputShape)}`,
    );
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new ModelError('INVALID_ARGUMENT', `${name}: numClasses must be an integer ≥ 2, got ${numClasses}`);
  }
}

/** Hands out distinct, reproducible seeds for the layers of one model. */
export class SeedSequence {
  private next: number;
  constructor(seed = 42) {
    this.next = Math.floor(seed) * 1000;
  }
  /** The next seed. */
  take(): number {
    return this.next++;
  }
  /** A seeded Glorot-uniform initialiser (Keras' default for Dense/Conv kernels). */
  glorot(): ReturnType<typeof tfl.initializers.glorotUniform> {
    return tfl.initializers.glorotUniform({ seed: this.take() });
  }
}

/** Compiles a classifier with Adam(`learning_rate`) and categorical cross-entropy on one-hot targets. */
export function compileClassifier(model: tfl.LayersModel, learningRate: number): tfl.LayersModel {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Sequence length after `pool` with 'valid' padding, as Keras computes it. */
export function pooledLength(length: number, pool: number): number {
  return Math.floor((length - pool) / pool) + 1;
}

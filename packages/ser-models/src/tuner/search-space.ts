import { ModelError } from '../errors.js';
import type { Hyperparameters } from '../architectures/common.js';
import type { Random } from '../random.js';

/** One declared hyperparameter. */
export type HyperparameterSpec =
  | { type: 'int'; name: string; min: number; max: number; step: number }
  | { type: 'float'; name: string; min: number; max: number; step: number | null }
  | { type: 'choice'; name: string; values: number[] };

/** Rounds away float noise from grid values (0.1 * 3 → 0.3). */
function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/**
 * A hyperparameter search space, declared like keras-tuner's `hp.Int` / `hp.Float` / `hp.Choice`.
 * @example
 * ```ts
 * const space = new SearchSpace().int('units_0', 16, 256, 16).float('dropout_1', 0, 0.5, 0.05).choice('learning_rate', [1e-2, 1e-3]);
 * ```
 */
export class SearchSpace {
  readonly specs: HyperparameterSpec[] = [];

  private add(spec: HyperparameterSpec): this {
    if (this.specs.some((s) => s.name === spec.name)) {
      throw new ModelError('INVALID_ARGUMENT', `SearchSpace: hyperparameter ${spec.name} is declared twice`);
    }
    this.specs.push(spec);
    return this;
  }

  /** An integer in [min, max] on the grid min, min + step, … */
  int(name: string, min: number, max: number, step = 1): this {
    if (![min, max, step].every(Number.isInteger) || step < 1 || max < min) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `SearchSpace.int(${name}): need integers min ≤ max and step ≥ 1, got ${min}, ${max}, ${step}`,
      );
    }
    return this.add({ type: 'int', name, min, max, step });
  }

  /** A float in [min, max], on the grid min, min + step, … when `step` is given, else continuous. */
  float(name: string, min: number, max: number, step: number | null = null): this {
    if (![min, max].every(Number.isFinite) || max < min || (step !== null && !(step > 0))) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `SearchSpace.float(${name}): need finite min ≤ max and step > 0, got ${min}, ${max}, ${step}`,
      );
    }
    return this.add({ type: 'float', name, min, max, step });
  }

  /** One of a list of numbers. */
  choice(name: string, values: number[]): this {
    if (values.length === 0 || !values.every(Number.isFinite)) {
      throw new ModelError('INVALID_ARGUMENT', `SearchSpace.choice(${name}): need at least one finite value`);
    }
    return this.add({ type: 'choice', name, values: values.slice() });
  }

  /** Draws one value of every hyperparameter, uniformly over its grid. */
  sample(random: Random): Hyperparameters {
    const out: Hyperparameters = {};
    for (const s of this.specs) {
      if (s.type === 'choice') {
        out[s.name] = s.values[Math.floor(random() * s.values.length)]!;
      } else if (s.step === null) {
        out[s.name] = s.min + random() * (s.max - s.min);
      } else {
        const steps = Math.floor((s.max - s.min) / s.step + 1e-9);
        out[s.name] = tidy(s.min + Math.floor(random() * (steps + 1)) * s.step);
      }
    }
    return out;
  }

  /** Every setting of a finite space, in a fixed order (throws for continuous floats). */
  enumerate(): Hyperparameters[] {
    let settings: Hyperparameters[] = [{}];
    for (const s of this.specs) {
      let values: number[];
      if (s.type === 'choice') values = s.values;
      else if (s.step === null)
        throw new ModelError('INVALID_ARGUMENT', `SearchSpace.enumerate: ${s.name} is continuous`);
      else
        values = Array.from({ length: Math.floor((s.max - s.min) / s.step + 1e-9) + 1 }, (_, i) =>
          tidy(s.min + i * s.step!),
        );
      settings = settings.flatMap((h) => values.map((v) => ({ ...h, [s.name]: v })));
    }
    return settings;
  }

  /** Number of distinct settings, or Infinity when a float is continuous. */
  size(): number {
    return this.specs.reduce((n, s) => {
      if (s.type === 'choice') return n * s.values.length;
      if (s.step === null) return Infinity;
      return n * (Math.floor((s.max - s.min) / s.step + 1e-9) + 1);
    }, 1);
  }
}

/**
 * The original project's keras-tuner space: `dropout_1` … `dropout_5` in [0, 0.5] step 0.05,
 * `units_0` … `units_8` in [16, 256] step 16, `learning_rate` ∈ {1e-2, 1e-3, 1e-4}.
 */
export function originalSearchSpace(): SearchSpace {
  const space = new SearchSpace();
  for (let i = 1; i <= 5; i++) space.float(`dropout_${i}`, 0, 0.5, 0.05);
  for (let i = 0; i <= 8; i++) space.int(`units_${i}`, 16, 256, 16);
  return space.choice('learning_rate', [1e-2, 1e-3, 1e-4]);
}

/** A stable key of a setting, for de-duplication. */
export function hyperparameterKey(h: Hyperparameters): string {
  return JSON.stringify(
    Object.keys(h)
      .sort()
      .map((k) => [k, h[k]]),
  );
}

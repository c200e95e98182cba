import { ModelError } from '../errors.js';

/** What a schedule sets before an optimisation step. `beta1` is set only by schedules that cycle momentum. */
export interface ScheduledValues {
  learningRate: number;
  beta1?: number;
}

/** A learning-rate schedule: the values for step `step` (0-based) of `totalSteps`. */
export interface LearningRateSchedule {
  at(step: number, totalSteps: number): ScheduledValues;
}

/** Options of {@link oneCycle}; the defaults are PyTorch's `OneCycleLR`. */
export interface OneCycleOptions {
  /** Peak learning rate. */
  maxLearningRate: number;
  /** Share of the steps spent rising to the peak (default 0.3). */
  pctStart?: number;
  /** Initial rate = maxLearningRate / divFactor (default 25). */
  divFactor?: number;
  /** Final rate = initial / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Cycle β1 inversely to the rate, from maxMomentum to baseMomentum and back (default true). */
  cycleMomentum?: boolean;
  /** Lowest β1 (default 0.85). */
  baseMomentum?: number;
  /** Highest β1 (default 0.95). */
  maxMomentum?: number;
}

const cosineAnneal = (start: number, end: number, pct: number): number =>
  end + ((start - end) / 2) * (1 + Math.cos(Math.PI * pct));

/**
 * The one-cycle policy (Smith & Topin 2017) with cosine annealing, as PyTorch's `OneCycleLR` computes it: the rate
 * rises from max/divFactor to max over the first pctStart of the steps, then falls to max/(divFactor·finalDivFactor);
 * β1 moves the opposite way.
 *
 * @example
 * ```ts
 * await trainModel(model, data, { optimizer: { name: 'adamw', weightDecay: 0.01 }, schedule: oneCycle({ maxLearningRate: 2e-3 }) });
 * ```
 */
export function oneCycle(options: OneCycleOptions): LearningRateSchedule {
  const max = options.maxLearningRate;
  const pctStart = options.pctStart ?? 0.3;
  const divFactor = options.divFactor ?? 25;
  const finalDivFactor = options.finalDivFactor ?? 1e4;
  const cycle = options.cycleMomentum ?? true;
  const base = options.baseMomentum ?? 0.85;
  const top = options.maxMomentum ?? 0.95;
  if (!(max > 0) || !(pctStart > 0 && pctStart < 1) || !(divFactor > 0) || !(finalDivFactor > 0)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `oneCycle: need maxLearningRate > 0, 0 < pctStart < 1, positive factors; got ${JSON.stringify(options)}`,
    );
  }
  const initial = max / divFactor;
  const final = initial / finalDivFactor;
  return {
    at(step, totalSteps) {
      const rampEnd = pctStart * totalSteps - 1;
      const last = totalSteps - 1;
      let learningRate: number;
      let beta1: number;
      if (step <= rampEnd) {
        const pct = rampEnd > 0 ? step / rampEnd : 1;
        learningRate = cosineAnneal(initial, max, pct);
        beta1 = cosineAnneal(top, base, pct);
      } else {
        const pct = last > rampEnd ? Math.min(1, (step - rampEnd) / (last - rampEnd)) : 1;
        learningRate = cosineAnneal(max, final, pct);
        beta1 = cosineAnneal(base, top, pct);
      }
      return cycle ? { learningRate, beta1 } : { learningRate };
    },
  };
}

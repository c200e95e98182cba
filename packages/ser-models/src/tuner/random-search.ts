import { ModelError } from '../errors.js';
import { createRandom } from '../random.js';
import { TrialRunner, sampleUnseen, type TunerOptions, type TunerResult } from './trial-runner.js';

/** Options of {@link RandomSearch}. */
export interface RandomSearchOptions extends TunerOptions {
  maxTrials: number;
  /** Epochs of every trial. */
  epochs: number;
}

/** Random search: `maxTrials` distinct settings drawn uniformly from the space, each trained for `epochs`. */
export class RandomSearch {
  constructor(private readonly options: RandomSearchOptions) {
    if (!Number.isInteger(options.maxTrials) || options.maxTrials < 1) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `RandomSearch: maxTrials must be a positive integer, got ${options.maxTrials}`,
      );
    }
    if (!Number.isInteger(options.epochs) || options.epochs < 1) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `RandomSearch: epochs must be a positive integer, got ${options.epochs}`,
      );
    }
  }

  /** Runs (or resumes) the search. */
  async search(): Promise<TunerResult> {
    const o = this.options;
    const runner = new TrialRunner('random-search', { maxTrials: o.maxTrials, epochs: o.epochs }, o);
    await runner.open();
    const random = createRandom(o.seed ?? 1);
    const seen = new Set<string>();
    const total = Math.min(o.maxTrials, o.space.size());
    for (let t = 0; t < total; t++) {
      const record = await runner.run(`t${t}`, sampleUnseen(o.space, random, seen), o.epochs);
      if (!record) return runner.result(false);
    }
    return runner.result(true);
  }
}

import { ModelError } from '../errors.js';
import { createRandom } from '../random.js';
import { TrialRunner, compareTrials, sampleUnseen, type TunerOptions, type TunerResult } from './trial-runner.js';
import type { TrialRecord } from './trial-log.js';

/** Options of {@link Hyperband}. */
export interface HyperbandOptions extends TunerOptions {
  /** Epochs of the longest trials. */
  maxEpochs: number;
  /** Reduction factor between rounds (default 3). */
  factor?: number;
  /** Epochs of the shortest trials (default 1). */
  minEpochs?: number;
  /** Times the whole set of brackets is run (default 1). */
  hyperbandIterations?: number;
}

/**
 * Hyperband (Li et al. 2018) as keras-tuner runs it: brackets from the most exploratory (many
 * settings, few epochs) to the most exploitative, each a successive-halving: round 0 trains
 * `size(b, 0)` random settings for `epochs(b, 0)` epochs, every next round keeps the best
 * `size(b, r)` of the previous round and trains them for `factor` times more epochs, up to
 * `maxEpochs`. Sizes and epochs follow keras-tuner's formulas. Unlike keras-tuner, a promoted
 * trial trains from scratch for its round's epochs (no checkpoint warm start), so every trial is
 * a pure function of its setting and seed: results are reproducible and resumable from the log.
 */
export class Hyperband {
  private readonly options: HyperbandOptions;
  private readonly factor: number;
  private readonly minEpochs: number;

  constructor(options: HyperbandOptions) {
    this.options = options;
    this.factor = options.factor ?? 3;
    this.minEpochs = options.minEpochs ?? 1;
    if (!Number.isInteger(options.maxEpochs) || options.maxEpochs < 1) {
      throw new ModelError(
        'INVALID_ARGUMENT',
        `Hyperband: maxEpochs must be a positive integer, got ${options.maxEpochs}`,
      );
    }
    if (!(this.factor >= 2))
      throw new ModelError('INVALID_ARGUMENT', `Hyperband: factor must be ≥ 2, got ${this.factor}`);
  }

  /** Number of brackets: how many times maxEpochs can be divided by factor before going under minEpochs. */
  numBrackets(): number {
    let epochs = this.options.maxEpochs;
    let brackets = 0;
    while (epochs >= this.minEpochs) {
      epochs /= this.factor;
      brackets++;
    }
    return brackets;
  }

  /** Settings trained in round `round` of bracket `bracket`. */
  size(bracket: number, round: number): number {
    // Rounded to 1e-9 so that log(9)/log(3) = 2.0000000000000004 counts as 2, like Python's math.log(9, 3).
    const logRatio = Number.parseFloat((Math.log(this.options.maxEpochs) / Math.log(this.factor)).toFixed(9));
    const bracket0EndSize = Math.ceil(1 + logRatio);
    return Math.ceil((bracket0EndSize / (bracket + 1)) * this.factor ** (bracket - round));
  }

  /** Epochs of round `round` of bracket `bracket`. */
  epochs(bracket: number, round: number): number {
    return Math.ceil(this.options.maxEpochs / this.factor ** (bracket - round));
  }

  /** The whole schedule: for each bracket (run order) and round, how many settings and epochs. */
  schedule(): Array<{ bracket: number; rounds: Array<{ size: number; epochs: number }> }> {
    const out = [];
    for (let b = this.numBrackets() - 1; b >= 0; b--) {
      out.push({
        bracket: b,
        rounds: Array.from({ length: b + 1 }, (_, r) => ({ size: this.size(b, r), epochs: this.epochs(b, r) })),
      });
    }
    return out;
  }

  /** Runs (or resumes) the search. */
  async search(): Promise<TunerResult> {
    const o = this.options;
    const iterations = o.hyperbandIterations ?? 1;
    const runner = new TrialRunner(
      'hyperband',
      { maxEpochs: o.maxEpochs, factor: this.factor, minEpochs: this.minEpochs, iterations },
      o,
    );
    await runner.open();
    const random = createRandom(o.seed ?? 1);
    const seen = new Set<string>();
    for (let iteration = 0; iteration < iterations; iteration++) {
      for (const { bracket, rounds } of this.schedule()) {
        const settings = Array.from({ length: rounds[0]!.size }, () => sampleUnseen(o.space, random, seen));
        let previous: TrialRecord[] = [];
        for (let round = 0; round < rounds.length; round++) {
          const candidates =
            round === 0
              ? settings
              : [...previous]
                  .sort(compareTrials)
                  .slice(0, rounds[round]!.size)
                  .map((t) => t.hyperparameters);
          const results: TrialRecord[] = [];
          for (let k = 0; k < candidates.length; k++) {
            const record = await runner.run(
              `i${iteration}-b${bracket}-r${round}-t${k}`,
              candidates[k]!,
              rounds[round]!.epochs,
              { bracket, round },
            );
            if (!record) return runner.result(false);
            results.push(record);
          }
          previous = results;
        }
      }
    }
    return runner.result(true);
  }
}

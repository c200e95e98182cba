import { ModelError } from '../errors.js';
import type { Hyperparameters } from '../architectures/common.js';
import { describeSearchDifferences, type SearchIdentity } from './search-identity.js';
import { hyperparameterKey, type SearchSpace } from './search-space.js';
import { memoryTrialStore, type TrialRecord, type TrialStore, type TunerLog } from './trial-log.js';

/** What an objective is told about the trial it scores. */
export interface TrialContext {
  trialId: string;
  /** Epochs to train for. */
  epochs: number;
  /** 0-based execution index (executionsPerTrial > 1 runs the same setting several times). */
  execution: number;
  /** A seed for this execution, stable across runs and resumes. */
  seed: number;
  signal?: AbortSignal;
}

/** Scores one setting: higher is better (validation accuracy). */
export type Objective = (hyperparameters: Hyperparameters, context: TrialContext) => Promise<number>;

/** Options shared by every tuner. */
export interface TunerOptions {
  space: SearchSpace;
  objective: Objective;
  /** Seed of the sampling (default 1). */
  seed?: number;
  /** Runs of each setting, averaged (default 1). */
  executionsPerTrial?: number;
  /** Where the trial log is kept; with an existing log the search resumes (default: memory). */
  store?: TrialStore;
  /**
   * Everything else that changes the objective's results — a fingerprint of the data (file checksums), the
   * architecture, the batch size, the validation split, class weights… — as JSON. Recorded in the log: a log
   * written with other values is refused, naming each value that differs, so it never replays another search.
   */
  fingerprint?: SearchIdentity;
  /** Stops the search before the next trial (finished trials are kept in the log). */
  signal?: AbortSignal;
  /** Called after each trial that ran (not replayed); return `true` to stop the search. */
  onTrialEnd?: (trial: TrialRecord) => void | boolean | Promise<void | boolean>;
}

/** What a search found. */
export interface TunerResult {
  /** The best trial (highest score; ties: more epochs, then earlier). */
  bestTrial: TrialRecord | null;
  trials: TrialRecord[];
  /** False when the search was stopped before its end. */
  completed: boolean;
  /** Trials taken from an existing log instead of being run again. */
  resumedTrials: number;
}

/** Stable 31-bit hash of a string (FNV-1a). */
export function stringSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) & 0x7fffffff;
}

/** Orders trials best first. */
export function compareTrials(a: TrialRecord, b: TrialRecord): number {
  return b.score - a.score || b.epochs - a.epochs;
}

/**
 * Runs trials for a tuner: replays those already in the log (same id and setting), runs the others,
 * appends each to the log as soon as it finishes, and stops on the abort signal or callback.
 */
export class TrialRunner {
  private log: TunerLog | null = null;
  private readonly done = new Map<string, TrialRecord>();
  private readonly store: TrialStore;
  private readonly trials: TrialRecord[] = [];
  stopped = false;
  resumed = 0;

  private readonly search: SearchIdentity;

  /** @param settings - the tuner's own options that shape its trials (schedule, seed, executions) */
  constructor(
    private readonly tuner: TunerLog['tuner'],
    settings: SearchIdentity,
    private readonly options: TunerOptions,
  ) {
    this.store = options.store ?? memoryTrialStore();
    this.search = {
      ...settings,
      seed: options.seed ?? 1,
      executionsPerTrial: options.executionsPerTrial ?? 1,
      space: options.space.specs,
      fingerprint: options.fingerprint ?? {},
    };
  }

  /** Loads the log; refuses a log written by a different search (or by a version that did not record enough). */
  async open(): Promise<void> {
    const existing = await this.store.load();
    if (existing) {
      if (existing.formatVersion !== 2 || !existing.search || typeof existing.search !== 'object') {
        throw new ModelError(
          'INVALID_ARGUMENT',
          'the tuner log was written by an older version that did not record the data, model and batch size it searched, ' +
            'so its trials cannot be checked against this search; use a new log',
        );
      }
      const differences =
        existing.tuner === this.tuner
          ? describeSearchDifferences(existing.search, this.search)
          : [`tuner: "${existing.tuner}" in the log, "${this.tuner}" now`];
      if (differences.length > 0) {
        throw new ModelError(
          'INVALID_ARGUMENT',
          `the tuner log belongs to a different search (${differences.join('; ')}); use a new log to start this search`,
        );
      }
      for (const t of existing.trials) this.done.set(t.trialId, t);
    }
    this.log = {
      tuner: this.tuner,
      formatVersion: 2,
      search: this.search,
      space: this.options.space.specs,
      trials: existing?.trials ?? [],
    };
  }

  /** Runs (or replays) one trial; null when the search is stopped. */
  async run(
    trialId: string,
    hyperparameters: Hyperparameters,
    epochs: number,
    where: { bracket?: number; round?: number } = {},
  ): Promise<TrialRecord | null> {
    const previous = this.done.get(trialId);
    if (previous) {
      if (
        hyperparameterKey(previous.hyperparameters) !== hyperparameterKey(hyperparameters) ||
        previous.epochs !== epochs
      ) {
        throw new ModelError(
          'INVALID_ARGUMENT',
          `the tuner log's trial ${trialId} does not match this search; use a new log`,
        );
      }
      this.resumed++;
      this.trials.push(previous);
      return previous;
    }
    if (this.stopped || this.options.signal?.aborted) {
      this.stopped = true;
      return null;
    }
    const started = performance.now();
    const executions: number[] = [];
    const count = this.options.executionsPerTrial ?? 1;
    for (let execution = 0; execution < count; execution++) {
      const seed = stringSeed(`${this.options.seed ?? 1}/${trialId}/${execution}`);
      const score = await this.options.objective(
        { ...hyperparameters },
        { trialId, epochs, execution, seed, signal: this.options.signal },
      );
      if (!Number.isFinite(score))
        throw new ModelError('INVALID_DATA', `tuner: the objective returned ${score} for trial ${trialId}`);
      executions.push(score);
    }
    const record: TrialRecord = {
      trialId,
      hyperparameters,
      epochs,
      score: executions.reduce((a, b) => a + b, 0) / executions.length,
      executions,
      ...where,
      ms: Math.round(performance.now() - started),
    };
    this.trials.push(record);
    this.done.set(trialId, record);
    this.log!.trials.push(record);
    await this.store.save(this.log!);
    if ((await this.options.onTrialEnd?.(record)) === true) this.stopped = true;
    return record;
  }

  /** The search's result so far. */
  result(completed: boolean): TunerResult {
    const best = [...this.trials].sort(compareTrials)[0] ?? null;
    return {
      bestTrial: best,
      trials: this.trials.slice(),
      completed: completed && !this.stopped,
      resumedTrials: this.resumed,
    };
  }
}

/**
 * Draws a setting not seen before: up to 100 random draws, then (for a small finite space) a random
 * pick among the unseen settings; a repeat only when the space is exhausted.
 */
export function sampleUnseen(space: SearchSpace, random: () => number, seen: Set<string>): Hyperparameters {
  let h = space.sample(random);
  for (let attempt = 0; attempt < 100 && seen.has(hyperparameterKey(h)); attempt++) h = space.sample(random);
  if (seen.has(hyperparameterKey(h)) && space.size() <= 100_000) {
    const unseen = space.enumerate().filter((s) => !seen.has(hyperparameterKey(s)));
    if (unseen.length > 0) h = unseen[Math.floor(random() * unseen.length)]!;
  }
  seen.add(hyperparameterKey(h));
  return h;
}

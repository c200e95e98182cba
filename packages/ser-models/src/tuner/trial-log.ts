import type { Hyperparameters } from '../architectures/common.js';
import type { SearchIdentity } from './search-identity.js';
import type { HyperparameterSpec } from './search-space.js';

/** One finished trial. */
export interface TrialRecord {
  /** Stable id, e.g. `b2-r0-t3` (Hyperband) or `t7` (random search). */
  trialId: string;
  hyperparameters: Hyperparameters;
  /** Training epochs of this trial. */
  epochs: number;
  /** Objective (validation accuracy), averaged over executions. */
  score: number;
  /** Scores of every execution. */
  executions: number[];
  bracket?: number;
  round?: number;
  ms: number;
}

/** Contents of a tuner log: the search it belongs to and its finished trials, in order. */
export interface TunerLog {
  tuner: 'hyperband' | 'random-search';
  /**
   * Layout of the log: 2. Format-1 logs (before 0.2) recorded only the tuner's options, not the data or model
   * they searched, and are refused.
   */
  formatVersion: 2;
  /**
   * Everything that decides the search's results: the tuner's schedule, seed and executions, the search space,
   * and the caller's `fingerprint` (data checksums, architecture, batch size…). A log only resumes the same search.
   */
  search: SearchIdentity;
  space: HyperparameterSpec[];
  trials: TrialRecord[];
}

/** Where a tuner keeps its log (the Node entry has a JSON-file store; the default is memory). */
export interface TrialStore {
  load(): Promise<TunerLog | null>;
  save(log: TunerLog): Promise<void>;
}

/** A {@link TrialStore} in memory (optionally shared between tuner runs to resume). */
export function memoryTrialStore(initial: TunerLog | null = null): TrialStore & { log: TunerLog | null } {
  const store = {
    log: initial,
    async load() {
      return store.log ? (JSON.parse(JSON.stringify(store.log)) as TunerLog) : null;
    },
    async save(log: TunerLog) {
      store.log = JSON.parse(JSON.stringify(log)) as TunerLog;
    },
  };
  return store;
}

/**
 * A bounded in-memory store of speakers' calibrations (or any per-key value), for services and bots that keep a
 * calibration per id or user: at most `maxEntries`, least recently used evicted first, each gone `ttlMs` after it
 * was set. Pure TypeScript: no timers, no Node APIs (browser-safe).
 */
import { ModelError } from '../errors.js';
import type { SpeakerCalibration } from './speaker-calibration.js';

/** Default {@link CalibrationStoreOptions.maxEntries}: 1000 calibrations (about 1 KB each). */
export const DEFAULT_CALIBRATION_STORE_MAX_ENTRIES = 1000;

/** Default {@link CalibrationStoreOptions.ttlMs}: one hour. */
export const DEFAULT_CALIBRATION_STORE_TTL_MS = 60 * 60 * 1000;

/** Options of {@link createCalibrationStore}. */
export interface CalibrationStoreOptions {
  /** Most entries held (an integer ≥ 1; default {@link DEFAULT_CALIBRATION_STORE_MAX_ENTRIES}). */
  maxEntries?: number;
  /** Life of an entry after its `set`, ms (> 0; default {@link DEFAULT_CALIBRATION_STORE_TTL_MS}). `get` does not extend it. */
  ttlMs?: number;
  /** The clock, ms since the epoch (default `Date.now`); tests inject their own. */
  now?: () => number;
}

/** A bounded calibration store (see {@link createCalibrationStore}). */
export interface CalibrationStore<Value = SpeakerCalibration> {
  /**
   * Stores `value` under `key` (replacing what was there), as the most recently used entry. When the store is
   * full, the expired entries go first, then the least recently used one.
   * @returns when the entry expires, ms since the epoch (the store's clock)
   */
  set(key: string, value: Value): { expiresAt: number };
  /** The value under `key` (marking it most recently used), or `undefined` when absent, evicted or expired. */
  get(key: string): Value | undefined;
  /** When the entry under `key` expires (ms since the epoch), or `undefined` when absent or expired. Does not mark it used. */
  expiresAt(key: string): number | undefined;
  /** Removes `key`; true when an entry (not yet expired) was there. */
  delete(key: string): boolean;
  /** Entries held, not counting expired ones. */
  readonly size: number;
  /** The store's limits. */
  readonly maxEntries: number;
  readonly ttlMs: number;
}

/**
 * Creates an empty bounded store: keys are strings (a random calibration id, a chat user), values are
 * calibrations by default (any type otherwise, e.g. a "waiting for the calm recording" marker). At most
 * `maxEntries` are held — adding one to a full store drops the expired entries, then the least recently used
 * (`set` and `get` count as use) — and an entry expires `ttlMs` after its `set`, whatever its use. Expiry is
 * checked against `now()` on every call; nothing runs in the background.
 *
 * @throws {@link ModelError} `INVALID_ARGUMENT` naming the option for a `maxEntries` that is not an integer ≥ 1
 *   or a `ttlMs` that is not a number > 0
 * @example
 * ```ts
 * import { createCalibrationStore } from '@ser/models';
 * const store = createCalibrationStore({ maxEntries: 1000, ttlMs: 60 * 60 * 1000 });
 * const id = crypto.randomUUID();
 * const { expiresAt } = store.set(id, calibration);
 * store.get(id); // the calibration, until evicted or expiresAt
 * ```
 */
export function createCalibrationStore<Value = SpeakerCalibration>(
  options: CalibrationStoreOptions = {},
): CalibrationStore<Value> {
  const maxEntries = options.maxEntries ?? DEFAULT_CALIBRATION_STORE_MAX_ENTRIES;
  const ttlMs = options.ttlMs ?? DEFAULT_CALIBRATION_STORE_TTL_MS;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `calibration store: maxEntries must be an integer ≥ 1, got ${String(maxEntries)}`,
    );
  }
  if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `calibration store: ttlMs must be a number of milliseconds > 0, got ${String(ttlMs)}`,
    );
  }
  /** Map order is use order: the first entry is the least recently used. */
  const entries = new Map<string, { value: Value; expiresAt: number }>();

  /** The live entry under `key`, dropping it when expired. */
  const live = (key: string): { value: Value; expiresAt: number } | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const dropExpired = (): void => {
    const time = now();
    for (const [key, entry] of entries) if (entry.expiresAt <= time) entries.delete(key);
  };

  return {
    maxEntries,
    ttlMs,
    set(key, value) {
      entries.delete(key);
      if (entries.size >= maxEntries) dropExpired();
      while (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
      const expiresAt = now() + ttlMs;
      entries.set(key, { value, expiresAt });
      return { expiresAt };
    },
    get(key) {
      const entry = live(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    expiresAt(key) {
      return live(key)?.expiresAt;
    },
    delete(key) {
      const present = live(key) !== undefined;
      entries.delete(key);
      return present;
    },
    get size() {
      dropExpired();
      return entries.size;
    },
  };
}

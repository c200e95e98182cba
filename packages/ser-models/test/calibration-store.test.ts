/** The bounded calibration store: LRU eviction and expiry, on an injected clock. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALIBRATION_STORE_MAX_ENTRIES,
  DEFAULT_CALIBRATION_STORE_TTL_MS,
  createCalibrationStore,
} from '../src/calibration/index.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => void (time += ms) };
}

describe('createCalibrationStore', () => {
  it('has documented defaults: 1000 entries, one hour', () => {
    const store = createCalibrationStore();
    expect(DEFAULT_CALIBRATION_STORE_MAX_ENTRIES).toBe(1000);
    expect(DEFAULT_CALIBRATION_STORE_TTL_MS).toBe(3_600_000);
    expect([store.maxEntries, store.ttlMs, store.size]).toEqual([1000, 3_600_000, 0]);
  });

  it('sets, gets, replaces and deletes by key', () => {
    const clock = manualClock();
    const store = createCalibrationStore<string>({ now: clock.now, ttlMs: 500 });
    expect(store.set('a', 'first')).toEqual({ expiresAt: 1_000_500 });
    expect(store.get('a')).toBe('first');
    clock.advance(100);
    expect(store.set('a', 'second')).toEqual({ expiresAt: 1_000_600 });
    expect([store.get('a'), store.size, store.expiresAt('a')]).toEqual(['second', 1, 1_000_600]);
    expect(store.get('b')).toBeUndefined();
    expect(store.delete('a')).toBe(true);
    expect(store.delete('a')).toBe(false);
    expect([store.get('a'), store.size]).toEqual([undefined, 0]);
  });

  it('evicts the least recently used entry when full; get counts as use', () => {
    const store = createCalibrationStore<number>({ maxEntries: 3, now: manualClock().now });
    store.set('a', 1);
    store.set('b', 2);
    store.set('c', 3);
    expect(store.get('a')).toBe(1); // a is now the most recently used: b is the oldest
    store.set('d', 4);
    expect([store.get('a'), store.get('b'), store.get('c'), store.get('d'), store.size]).toEqual([
      1,
      undefined,
      3,
      4,
      3,
    ]);
    store.set('c', 30); // replacing does not evict
    expect(store.size).toBe(3);
    expect(store.get('c')).toBe(30);
  });

  it('expires an entry ttlMs after its set, even when used in between', () => {
    const clock = manualClock();
    const store = createCalibrationStore<string>({ ttlMs: 1000, now: clock.now });
    store.set('x', 'v');
    clock.advance(999);
    expect(store.get('x')).toBe('v');
    clock.advance(1);
    expect([store.get('x'), store.expiresAt('x'), store.size, store.delete('x')]).toEqual([
      undefined,
      undefined,
      0,
      false,
    ]);
  });

  it('drops expired entries before evicting live ones', () => {
    const clock = manualClock();
    const store = createCalibrationStore<string>({ maxEntries: 2, ttlMs: 1000, now: clock.now });
    store.set('old', 'o');
    clock.advance(600);
    store.set('live', 'l');
    expect(store.get('old')).toBe('o'); // old is most recently used, but expires first
    clock.advance(500);
    store.set('new', 'n');
    expect([store.get('live'), store.get('new'), store.get('old'), store.size]).toEqual(['l', 'n', undefined, 2]);
  });

  it('refuses bad limits, naming the option', () => {
    expect(() => createCalibrationStore({ maxEntries: 0 })).toThrow(/maxEntries must be an integer ≥ 1, got 0/);
    expect(() => createCalibrationStore({ maxEntries: 2.5 })).toThrow(/maxEntries/);
    expect(() => createCalibrationStore({ ttlMs: 0 })).toThrow(/ttlMs must be a number of milliseconds > 0, got 0/);
    expect(() => createCalibrationStore({ ttlMs: Number.NaN })).toThrow(/ttlMs/);
    expect(() => createCalibrationStore({ maxEntries: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

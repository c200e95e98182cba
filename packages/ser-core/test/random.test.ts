import { describe, expect, it } from 'vitest';
import { createRandom, seededShuffle, shuffled } from '../src/index.js';

describe('createRandom', () => {
  it('gives the same sequence for the same seed (mulberry32: fixed values) and another for another seed', () => {
    const a = createRandom(42);
    const first = [a(), a(), a()];
    const b = createRandom(42);
    expect([b(), b(), b()]).toEqual(first);
    expect(createRandom(43)()).not.toBe(first[0]);
    expect(createRandom(42.9)()).toBe(first[0]);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });

  it('is uniform enough: the mean of 10 000 draws is within 0.02 of 0.5', () => {
    const random = createRandom(7);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += random();
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.02);
  });
});

describe('shuffled / seededShuffle', () => {
  it('permutes a copy (the input is unchanged) the same way for the same seed', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const out = seededShuffle(items, 3);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect([...out].sort((x, y) => x - y)).toEqual(items);
    expect(out).not.toEqual(items);
    expect(shuffled(items, createRandom(3))).toEqual(out);
  });
});

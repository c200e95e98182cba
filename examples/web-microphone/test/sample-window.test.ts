import { describe, expect, it } from 'vitest';
import { SampleWindow } from '../src/sample-window.js';

describe('SampleWindow', () => {
  it('keeps the most recent samples across ring wrap-around', () => {
    const window = new SampleWindow(5);
    window.push(Float32Array.of(1, 2, 3));
    expect(Array.from(window.latest(10))).toEqual([1, 2, 3]);
    window.push(Float32Array.of(4, 5, 6, 7));
    expect(window.total).toBe(7);
    expect(Array.from(window.latest(5))).toEqual([3, 4, 5, 6, 7]);
    expect(Array.from(window.latest(2))).toEqual([6, 7]);
  });

  it('refuses a non-positive capacity', () => {
    expect(() => new SampleWindow(0)).toThrow(/positive integer/);
  });
});

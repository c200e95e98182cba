/** What the backend-comparison tests share: seeded values and the relative difference of two results. */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';

/** Runs `f` on `backend` and returns its values (several tensors flattened and concatenated, in order). */
export async function on(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array> {
  await tf.setBackend(backend);
  const values = tf.tidy(() => {
    const out = f();
    const list = Array.isArray(out) ? out : [out];
    return tf.concat(list.map((t) => tf.reshape(t, [-1])));
  });
  const data = (await values.data()) as Float32Array;
  values.dispose();
  return data;
}

/** Seeded uniform(-1, 1) values (an LCG: the same on every machine). */
export function randomValues(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** max |a − b| / max(1, max |b|) (Infinity when a value is NaN); the lengths must agree. */
export function relativeMaxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return Number.isNaN(diff) ? Infinity : diff / scale;
}

/**
 * Test helpers: the librosa 0.11 reference outputs in `shared/golden` (beside the repository checkout) and
 * the comparison used by the parity tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GOLDEN_DIR, has } from '@ser/test-support';
import type { Matrix } from '../src/dsp/core/matrix.js';

/** `<checkout>/../shared/golden`. */
export { GOLDEN_DIR };

/** The golden test signals (one JSON of reference outputs each). */
export const SIGNALS = ['sine440', 'chirp', 'noise', 'odd_length', 'short', 'silence', 'speech'] as const;

/**
 * Reads a raw float32 little-endian signal from `signals/<name>.f32`. Without `shared/golden` (the tests
 * are then skipped: `needs('golden')`) it returns 4096 zeros, so that their set-up still collects.
 */
export function loadSignal(name: string): Float32Array {
  if (!has('golden')) return new Float32Array(4096);
  const buf = readFileSync(path.join(GOLDEN_DIR, 'signals', `${name}.f32`));
  const out = new Float32Array(buf.byteLength / 4);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Parses `<name>.json` of the golden directory (`{}` without it, as {@link loadSignal}). */
export function loadGolden<T = Record<string, unknown>>(name: string): T {
  if (!has('golden')) return {} as T;
  return JSON.parse(readFileSync(path.join(GOLDEN_DIR, `${name}.json`), 'utf8')) as T;
}

/** Max |ours − reference| and the reference's peak |value|, comparing an [r][c] array to a Matrix or vector. */
export function worstError(
  ours: Matrix | ArrayLike<number>,
  reference: number[][] | number[],
): { maxAbs: number; peak: number; at: string } {
  let maxAbs = 0;
  let peak = 0;
  let at = '';
  if (Array.isArray(reference[0])) {
    const ref = reference as number[][];
    const m = ours as Matrix;
    if (m.rows !== ref.length || m.cols !== ref[0]!.length) {
      throw new Error(`shape ${m.rows}×${m.cols} ≠ reference ${ref.length}×${ref[0]!.length}`);
    }
    for (let r = 0; r < m.rows; r++) {
      for (let c = 0; c < m.cols; c++) {
        const e = Math.abs(m.data[r * m.cols + c]! - ref[r]![c]!);
        peak = Math.max(peak, Math.abs(ref[r]![c]!));
        if (e > maxAbs || Number.isNaN(e)) {
          maxAbs = Number.isNaN(e) ? Infinity : e;
          at = `[${r}][${c}]`;
        }
      }
    }
  } else {
    const ref = reference as number[];
    const v = ours as ArrayLike<number>;
    if (v.length !== ref.length) throw new Error(`length ${v.length} ≠ reference ${ref.length}`);
    for (let i = 0; i < ref.length; i++) {
      const e = Math.abs(v[i]! - ref[i]!);
      peak = Math.max(peak, Math.abs(ref[i]!));
      if (e > maxAbs || Number.isNaN(e)) {
        maxAbs = Number.isNaN(e) ? Infinity : e;
        at = `[${i}]`;
      }
    }
  }
  return { maxAbs, peak, at };
}

/** One row of the printed parity table. */
export interface ParityRow {
  signal: string;
  array: string;
  maxAbsError: string;
  tolerance: string;
  margin: string;
  at: string;
}

/** Formats a comparison for the parity table. */
export function parityRow(signal: string, array: string, maxAbs: number, tolerance: number, at: string): ParityRow {
  return {
    signal,
    array,
    maxAbsError: maxAbs.toExponential(2),
    tolerance: tolerance.toExponential(2),
    margin: maxAbs === 0 ? '∞' : `${(tolerance / maxAbs).toFixed(1)}×`,
    at,
  };
}

/** Prints the rows as a compact aligned text table (worst error per array and the margin to tolerance). */
export function printParityTable(title: string, rows: ParityRow[]): void {
  const headers: (keyof ParityRow)[] = ['signal', 'array', 'maxAbsError', 'tolerance', 'margin', 'at'];
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => r[h].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log([title, line(headers), ...rows.map((r) => line(headers.map((h) => r[h])))].join('\n'));
}

/**
 * Winograd minimal-filtering matrices F(m, r) (Toom-Cook, Lavin & Gray 2016) for 1-D correlation:
 * for an input tile d of α = m + r − 1 values and a filter g of r taps, the m outputs y_j = Σ_k d_{j+k} g_k are
 * y = Aᵀ[(G g) ⊙ (Bᵀ d)], with α multiplications instead of m·r.
 *
 * Every configuration here uses the same α = 8 points (0, ±1, ±2, ±½ and ∞), so one input transform Bᵀ serves
 * every filter of 2 to 7 taps: F(7, 2) … F(2, 7). Longer filters are cut into chunks of equal length (the last
 * padded with zero taps), each a Winograd correlation of the input shifted by the chunk's offset, summed in the
 * transformed domain ({@link winogradChunking}). Built in float64, stored as float32.
 */

/** α, the number of points (and of products per tile) of every transform here. */
export const WINOGRAD_POINTS = 8;
const FINITE_POINTS = [0, 1, -1, 2, -2, 0.5, -0.5];

/** The matrices of one F(m, r), row-major float32. */
export interface WinogradMatrices {
  /** Outputs per tile. */
  m: number;
  /** Filter taps. */
  r: number;
  /** Aᵀ, m × α: output transform. */
  outputTransform: Float32Array;
  /** A, α × m: the weight gradient's transform of an output-gradient tile. */
  outputTransformTransposed: Float32Array;
  /** G, α × r: filter transform. */
  filterTransform: Float32Array;
  /** Gᵀ, r × α: back from the transformed domain to filter taps (weight gradient). */
  filterTransformTransposed: Float32Array;
  /** Bᵀ, α × α: input transform. */
  inputTransform: Float32Array;
}

/** Outputs per tile for a filter of `taps` taps (2 … 7), or null when no single Winograd transform of α = 8 fits. */
export function winogradOutputsPerTile(taps: number): number | null {
  return Number.isInteger(taps) && taps >= 2 && taps <= 7 ? WINOGRAD_POINTS + 1 - taps : null;
}

/** How a filter is computed by Winograd: `chunks` chunks of `chunkTaps` taps (zero-padded to chunks·chunkTaps). */
export interface WinogradChunking {
  chunkTaps: number;
  chunks: number;
  /** Outputs per tile, 9 − chunkTaps. */
  outputsPerTile: number;
}

/**
 * The cheapest chunking of a `taps`-tap filter — products per output ∝ chunks · 8 / (9 − chunkTaps), plus ~10 % per
 * extra chunk for its input transform, against `taps` for a direct product — or null for 1 tap or when no chunking
 * beats the direct product. E.g. 5 taps → one F(4, 5); 8 taps → two F(5, 4) (3.2 instead of 8 products per output).
 */
export function winogradChunking(taps: number): WinogradChunking | null {
  if (!Number.isInteger(taps) || taps < 2) return null;
  let best: WinogradChunking | null = null;
  let bestCost = taps;
  for (let chunkTaps = 2; chunkTaps <= 7; chunkTaps++) {
    const chunks = Math.ceil(taps / chunkTaps);
    const cost = ((chunks * WINOGRAD_POINTS) / (WINOGRAD_POINTS + 1 - chunkTaps)) * (1 + 0.1 * (chunks - 1));
    if (cost < bestCost - 1e-9) {
      bestCost = cost;
      best = { chunkTaps, chunks, outputsPerTile: WINOGRAD_POINTS + 1 - chunkTaps };
    }
  }
  return best;
}

/** Rows of a matrix evaluating a polynomial with `degreePlusOne` coefficients at the points (∞: leading one). */
function evaluation(degreePlusOne: number): number[][] {
  const rows = FINITE_POINTS.map((p) => Array.from({ length: degreePlusOne }, (_, j) => p ** j));
  rows.push(Array.from({ length: degreePlusOne }, (_, j) => (j === degreePlusOne - 1 ? 1 : 0)));
  return rows;
}

/** Inverse of a small square matrix by Gauss-Jordan elimination with partial pivoting. */
function inverse(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    const d = p[col]!;
    for (let j = 0; j < 2 * n; j++) p[j]! /= d;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) row[j]! -= f * p[j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

const flat = (rows: number[][]): Float32Array => Float32Array.from(rows.flat());
const transpose = (rows: number[][]): number[][] => rows[0]!.map((_, j) => rows.map((row) => row[j]!));

const cache = new Map<number, WinogradMatrices>();

/**
 * The matrices of F(m, r) with m = 8 + 1 − r, for r ∈ {2, …, 7}.
 *
 * Derivation: linear convolution s = h ∗ g is s = C[(E_g g) ⊙ (E_h h)] (evaluate both polynomials at the points,
 * multiply, interpolate: C = V⁻¹); correlation is its transpose, y = E_hᵀ[(E_g g) ⊙ (Cᵀ d)], so Aᵀ = E_hᵀ,
 * G = E_g, Bᵀ = (V⁻¹)ᵀ. The weight gradient, a correlation of d with the m-tap "filter" dy producing r values,
 * is the same formula with the roles of m and r swapped: dW = Gᵀ Σ_tiles [(A dy) ⊙ (Bᵀ d)].
 */
export function winogradMatrices(r: number): WinogradMatrices {
  const m = winogradOutputsPerTile(r);
  if (m === null) throw new Error(`winogradMatrices: no transform for ${r} taps (2 to 7)`);
  const cached = cache.get(r);
  if (cached) return cached;
  const eh = evaluation(m);
  const eg = evaluation(r);
  const vInverse = inverse(evaluation(WINOGRAD_POINTS));
  const matrices: WinogradMatrices = {
    m,
    r,
    outputTransform: flat(transpose(eh)),
    outputTransformTransposed: flat(eh),
    filterTransform: flat(eg),
    filterTransformTransposed: flat(transpose(eg)),
    inputTransform: flat(transpose(vInverse)),
  };
  cache.set(r, matrices);
  return matrices;
}

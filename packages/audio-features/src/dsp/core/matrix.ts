/**
 * Dense row-major matrices. Feature matrices keep librosa's layout: one row per feature
 * (frequency bin, mel band, coefficient, chroma class) and one column per frame.
 */
import { AudioFeaturesError } from '../../errors.js';

/** A row-major float32 matrix: element (r, c) is `data[r * cols + c]`. */
export interface Matrix {
  /** Number of rows (features). */
  rows: number;
  /** Number of columns (frames). */
  cols: number;
  /** Row-major values, length `rows * cols`. */
  data: Float32Array;
}

/** Allocates a zero-filled `rows × cols` matrix. */
export function createMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float32Array(rows * cols) };
}

/** Builds a matrix from an array of equal-length rows (e.g. parsed JSON `[feature][frame]`). */
export function matrixFromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  const nRows = rows.length;
  const nCols = nRows > 0 ? rows[0]!.length : 0;
  const out = createMatrix(nRows, nCols);
  for (let r = 0; r < nRows; r++) {
    const row = rows[r]!;
    if (row.length !== nCols) {
      throw new AudioFeaturesError('INVALID_ARGUMENT', `row ${r} has ${row.length} values, expected ${nCols}`);
    }
    for (let c = 0; c < nCols; c++) out.data[r * nCols + c] = row[c]!;
  }
  return out;
}

/** Returns the matrix as an array of rows (plain numbers), e.g. for JSON output. */
export function matrixToRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < m.rows; r++) out.push(Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols)));
  return out;
}

/** Returns row `r` as a view (no copy). */
export function matrixRow(m: Matrix, r: number): Float32Array {
  return m.data.subarray(r * m.cols, (r + 1) * m.cols);
}

/** Mean of every row over its columns (librosa `np.mean(M, axis=-1)`); zeros when there are no columns. */
export function rowMeans(m: Matrix): Float32Array {
  const out = new Float32Array(m.rows);
  if (m.cols === 0) return out;
  for (let r = 0; r < m.rows; r++) {
    let sum = 0;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) sum += m.data[base + c]!;
    out[r] = sum / m.cols;
  }
  return out;
}

/** Transposes a matrix (e.g. librosa's [feature][frame] into time-major [frame][feature]). */
export function transpose(m: Matrix): Matrix {
  const out = createMatrix(m.cols, m.rows);
  for (let r = 0; r < m.rows; r++) {
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) out.data[c * m.rows + r] = m.data[base + c]!;
  }
  return out;
}

/**
 * Throws INVALID_ARGUMENT unless `m` is a well-formed matrix (integer dimensions, data of length rows·cols)
 * and NON_FINITE_AUDIO if it holds NaN or ±Infinity.
 */
export function assertValidMatrix(m: Matrix, name = 'S'): void {
  if (
    !m ||
    typeof m !== 'object' ||
    !Number.isInteger(m.rows) ||
    !Number.isInteger(m.cols) ||
    m.rows < 0 ||
    m.cols < 0 ||
    !m.data ||
    m.data.length !== m.rows * m.cols
  ) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `${name} must be a Matrix { rows, cols, data } with data.length === rows * cols`,
    );
  }
  if (m.rows === 0 || m.cols === 0) {
    throw new AudioFeaturesError('EMPTY_AUDIO', `${name} is empty (${m.rows}×${m.cols}): expected at least one frame`);
  }
  const d = m.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i]!)) {
      throw new AudioFeaturesError(
        'NON_FINITE_AUDIO',
        `${name} has a non-finite value (${String(d[i])}) at row ${Math.floor(i / m.cols)}, column ${i % m.cols}`,
      );
    }
  }
}

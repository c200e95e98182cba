/** Local derivative of feature rows over time (regression deltas). */
import { AudioFeaturesError, assertInteger } from '../../errors.js';
import { createMatrix, type Matrix } from '../core/matrix.js';

/**
 * First-order deltas of each row of `m` ([feature][frame]) by linear regression over `width` frames
 * (odd, ≥ 3; default 9 as librosa's `feature.delta`): d[t] = Σₙ n·(x[t+n] − x[t−n]) / (2·Σₙ n²), n = 1…width/2,
 * with the edge frames repeated. For a linear ramp this is its slope exactly; librosa's Savitzky–Golay
 * `delta` differs from this only near the edges (it interpolates there).
 */
export function delta(m: Matrix, width = 9): Matrix {
  assertInteger('width', width, 3);
  if (width % 2 === 0) throw new AudioFeaturesError('INVALID_ARGUMENT', `width must be odd, got ${width}`);
  const half = (width - 1) / 2;
  let denominator = 0;
  for (let n = 1; n <= half; n++) denominator += 2 * n * n;
  const out = createMatrix(m.rows, m.cols);
  const last = m.cols - 1;
  for (let r = 0; r < m.rows; r++) {
    const row = r * m.cols;
    for (let t = 0; t < m.cols; t++) {
      let acc = 0;
      for (let n = 1; n <= half; n++) {
        const ahead = t + n > last ? last : t + n;
        const behind = t - n < 0 ? 0 : t - n;
        acc += n * (m.data[row + ahead]! - m.data[row + behind]!);
      }
      out.data[row + t] = acc / denominator;
    }
  }
  return out;
}

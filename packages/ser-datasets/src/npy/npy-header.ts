import { DatasetError } from '../errors.js';

/** The parsed header of a `.npy` file. */
export interface NpyHeader {
  /** numpy dtype string as written, e.g. `<f4`. */
  descr: string;
  /** Always false for arrays this library reads (Fortran order is refused). */
  fortranOrder: boolean;
  /** Array shape; `[]` for a 0-d array. */
  shape: number[];
}

/** Formats a shape as a Python tuple: `()`, `(3,)`, `(2, 3)`. */
export function formatShapeTuple(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** Formats the header dict exactly as numpy does (`{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`). */
export function formatHeaderDict(descr: string, shape: readonly number[]): string {
  return `{'descr': '${descr}', 'fortran_order': False, 'shape': ${formatShapeTuple(shape)}, }`;
}

/**
 * Parses the header dict of a `.npy` file (a Python literal with keys `descr`, `fortran_order`, `shape`).
 * Accepts numpy's own output and hand-written variants (double quotes, spacing, trailing commas, key order).
 *
 * @throws DatasetError NPY_FORMAT naming `file` when the header is not such a dict
 */
export function parseHeaderDict(text: string, file?: string): NpyHeader {
  const fail = (what: string): never => {
    throw new DatasetError('NPY_FORMAT', `malformed .npy header (${what}): ${text.trim()}`, file ? { file } : {});
  };
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) fail('expected a {...} dict');
  const descrMatch = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(body);
  const structuredMatch = /['"]descr['"]\s*:\s*\[/.exec(body);
  const fortranMatch = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(body);
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(body);
  if (structuredMatch) {
    throw new DatasetError(
      'NPY_FORMAT',
      'structured (record) dtypes are not supported: expected a plain numeric array',
      file ? { file } : {},
    );
  }
  if (!descrMatch) fail("no 'descr' string");
  if (!fortranMatch) fail("no 'fortran_order' True/False");
  if (!shapeMatch) fail("no 'shape' tuple");
  const shape = shapeMatch![1]!
    .split(',')
    .map((part) => part.trim().replace(/L$/, ''))
    .filter((part) => part !== '')
    .map((part) => {
      const n = Number(part);
      if (!Number.isSafeInteger(n) || n < 0) fail(`shape entry "${part}" is not a non-negative integer`);
      return n;
    });
  return { descr: descrMatch![2]!, fortranOrder: fortranMatch![1] === 'True', shape };
}

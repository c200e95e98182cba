import { DatasetError } from '../errors.js';

/** Typed arrays this library writes to `.npy` and returns when reading. */
export type NpyTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/** Element type names (numpy's). */
export type NpyDtype =
  'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'bool';

interface DtypeInfo {
  dtype: NpyDtype;
  /** numpy type character + size, without byte order (`f4`). */
  code: string;
  bytes: number;
  create: (buffer: ArrayBuffer, length: number) => NpyTypedArray;
}

const DTYPES: DtypeInfo[] = [
  { dtype: 'float32', code: 'f4', bytes: 4, create: (b, n) => new Float32Array(b, 0, n) },
  { dtype: 'float64', code: 'f8', bytes: 8, create: (b, n) => new Float64Array(b, 0, n) },
  { dtype: 'int8', code: 'i1', bytes: 1, create: (b, n) => new Int8Array(b, 0, n) },
  { dtype: 'uint8', code: 'u1', bytes: 1, create: (b, n) => new Uint8Array(b, 0, n) },
  { dtype: 'bool', code: 'b1', bytes: 1, create: (b, n) => new Uint8Array(b, 0, n) },
  { dtype: 'int16', code: 'i2', bytes: 2, create: (b, n) => new Int16Array(b, 0, n) },
  { dtype: 'uint16', code: 'u2', bytes: 2, create: (b, n) => new Uint16Array(b, 0, n) },
  { dtype: 'int32', code: 'i4', bytes: 4, create: (b, n) => new Int32Array(b, 0, n) },
  { dtype: 'uint32', code: 'u4', bytes: 4, create: (b, n) => new Uint32Array(b, 0, n) },
  { dtype: 'int64', code: 'i8', bytes: 8, create: (b, n) => new BigInt64Array(b, 0, n) },
  { dtype: 'uint64', code: 'u8', bytes: 8, create: (b, n) => new BigUint64Array(b, 0, n) },
];

/** The numpy dtype and `descr` of a typed array (always little-endian, `|` for single bytes). */
export function dtypeOfArray(data: NpyTypedArray): { dtype: NpyDtype; descr: string; bytes: number } {
  const dtype: NpyDtype | undefined =
    data instanceof Float32Array
      ? 'float32'
      : data instanceof Float64Array
        ? 'float64'
        : data instanceof Int8Array
          ? 'int8'
          : data instanceof Uint8Array
            ? 'uint8'
            : data instanceof Int16Array
              ? 'int16'
              : data instanceof Uint16Array
                ? 'uint16'
                : data instanceof Int32Array
                  ? 'int32'
                  : data instanceof Uint32Array
                    ? 'uint32'
                    : data instanceof BigInt64Array
                      ? 'int64'
                      : data instanceof BigUint64Array
                        ? 'uint64'
                        : undefined;
  if (!dtype) {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      'writeNpy needs a Float32Array, Float64Array, (Big)Int/Uint typed array; got ' +
        Object.prototype.toString.call(data),
    );
  }
  const info = DTYPES.find((d) => d.dtype === dtype)!;
  return { dtype, descr: `${info.bytes === 1 ? '|' : '<'}${info.code}`, bytes: info.bytes };
}

/**
 * Interprets a numpy `descr`. Little-endian (`<`), not-applicable (`|`) and native (`=`, read as little-endian
 * like every machine numpy runs on today) are accepted; big-endian and object/string dtypes are refused.
 *
 * @throws DatasetError NPY_FORMAT naming the dtype and `file`
 */
export function dtypeOfDescr(
  descr: string,
  file?: string,
): { dtype: NpyDtype; bytes: number; create: DtypeInfo['create'] } {
  const where = file ? { file } : {};
  const order = descr[0];
  const code = descr.slice(1);
  if (order === '>' || order === '!') {
    throw new DatasetError(
      'NPY_FORMAT',
      `big-endian arrays (dtype '${descr}') are not supported: expected little-endian, e.g. save with arr.astype('<f4')`,
      where,
    );
  }
  if (code.startsWith('O') || descr === 'O') {
    throw new DatasetError(
      'NPY_FORMAT',
      `object arrays (dtype '${descr}') are not supported: expected a numeric dtype`,
      where,
    );
  }
  const info = order === '<' || order === '|' || order === '=' ? DTYPES.find((d) => d.code === code) : undefined;
  if (!info) {
    throw new DatasetError(
      'NPY_FORMAT',
      `dtype '${descr}' is not supported: expected one of ${DTYPES.map((d) => `<${d.code}`).join(' ')}`,
      where,
    );
  }
  return { dtype: info.dtype, bytes: info.bytes, create: info.create };
}

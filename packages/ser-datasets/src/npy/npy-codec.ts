import { DatasetError } from '../errors.js';
import { dtypeOfArray, dtypeOfDescr, type NpyDtype, type NpyTypedArray } from './npy-dtypes.js';
import { formatHeaderDict, parseHeaderDict } from './npy-header.js';

/** An n-dimensional array in C (row-major) order. */
export interface NpyArray<T extends NpyTypedArray = NpyTypedArray> {
  /** Elements in C order. */
  data: T;
  /** Shape; the product of its entries equals `data.length` (`[]` for a 0-d array of one element). */
  shape: number[];
  /** numpy element type. */
  dtype: NpyDtype;
}

/** Options of {@link encodeNpy}. */
export interface EncodeNpyOptions {
  /**
   * Format version: 1 (header length in 2 bytes) or 2 (4 bytes). Default: 1, or 2 when the header exceeds
   * 65535 bytes.
   */
  version?: 1 | 2;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy aligns the data to 64 bytes. */
const ALIGNMENT = 64;

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Product of a shape's entries (1 for `[]`). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Encodes an array as `.npy` bytes (format 1.0, or 2.0 when the header needs it or on request): little-endian,
 * C order, header padded with spaces and ended with `\n` so the data starts at a multiple of 64 bytes.
 *
 * @param data - elements in C order (Float32Array, Float64Array, Int32Array, BigInt64Array, …)
 * @param shape - array shape; default `[data.length]`
 * @throws DatasetError INVALID_ARGUMENT when the shape does not match the data length
 */
export function encodeNpy(
  data: NpyTypedArray,
  shape: readonly number[] = [data.length],
  options: EncodeNpyOptions = {},
): Uint8Array {
  for (const n of shape) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new DatasetError(
        'INVALID_ARGUMENT',
        `npy shape entries must be non-negative integers, got [${shape.join(', ')}]`,
      );
    }
  }
  if (shapeSize(shape) !== data.length) {
    throw new DatasetError(
      'INVALID_ARGUMENT',
      `npy shape [${shape.join(', ')}] holds ${shapeSize(shape)} elements but the data has ${data.length}`,
    );
  }
  const { descr, bytes } = dtypeOfArray(data);
  const dict = new TextEncoder().encode(formatHeaderDict(descr, shape));
  let version = options.version ?? 1;
  if (version !== 1 && version !== 2)
    throw new DatasetError('INVALID_ARGUMENT', `npy version must be 1 or 2, got ${String(version)}`);
  let prefixLength = version === 1 ? 10 : 12;
  let headerLength = roundUp(prefixLength + dict.length + 1, ALIGNMENT) - prefixLength;
  if (version === 1 && headerLength > 0xffff) {
    version = 2;
    prefixLength = 12;
    headerLength = roundUp(prefixLength + dict.length + 1, ALIGNMENT) - prefixLength;
  }
  const out = new Uint8Array(prefixLength + headerLength + data.length * bytes);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  out.set(dict, prefixLength);
  out.fill(0x20, prefixLength + dict.length, prefixLength + headerLength - 1);
  out[prefixLength + headerLength - 1] = 0x0a;
  writeLittleEndian(out, prefixLength + headerLength, data, bytes);
  return out;
}

/** Options of {@link decodeNpy}. */
export interface DecodeNpyOptions {
  /** Path reported in errors. */
  file?: string;
}

/**
 * Decodes `.npy` bytes (versions 1.0, 2.0 and 3.0) into a typed array and shape. int64/uint64 come back as
 * BigInt64Array/BigUint64Array (see {@link toSafeNumbers}); bool as Uint8Array.
 *
 * @throws DatasetError NPY_FORMAT (naming the file) for bad magic, truncated data, big-endian, object,
 *   structured or Fortran-ordered arrays
 */
export function decodeNpy(bytes: Uint8Array, options: DecodeNpyOptions = {}): NpyArray {
  const where = options.file ? { file: options.file } : {};
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new DatasetError('NPY_FORMAT', 'not a .npy file: expected the magic string \\x93NUMPY', where);
  }
  const major = bytes[6]!;
  if (major < 1 || major > 3)
    throw new DatasetError('NPY_FORMAT', `unsupported .npy format version ${major}.${bytes[7]}`, where);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prefixLength = major === 1 ? 10 : 12;
  if (bytes.length < prefixLength) throw new DatasetError('NPY_FORMAT', 'truncated .npy header', where);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = prefixLength + headerLength;
  if (bytes.length < dataOffset) throw new DatasetError('NPY_FORMAT', 'truncated .npy header', where);
  const headerBytes = bytes.subarray(prefixLength, dataOffset);
  const headerText = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
  const header = parseHeaderDict(headerText, options.file);
  if (header.fortranOrder) {
    throw new DatasetError(
      'NPY_FORMAT',
      'Fortran-ordered arrays (fortran_order: True) are not supported: expected C order, e.g. save np.ascontiguousarray(arr)',
      where,
    );
  }
  const { dtype, bytes: elementBytes, create } = dtypeOfDescr(header.descr, options.file);
  const length = shapeSize(header.shape);
  const needed = length * elementBytes;
  if (bytes.length - dataOffset < needed) {
    throw new DatasetError(
      'NPY_FORMAT',
      `truncated .npy data: shape (${header.shape.join(', ')}) of ${header.descr} needs ${needed} bytes, the file has ${bytes.length - dataOffset}`,
      where,
    );
  }
  const buffer = new ArrayBuffer(needed);
  const copy = new Uint8Array(buffer);
  copy.set(bytes.subarray(dataOffset, dataOffset + needed));
  if (!HOST_IS_LITTLE_ENDIAN && elementBytes > 1) swapBytes(copy, elementBytes);
  return { data: create(buffer, length), shape: header.shape, dtype };
}

/**
 * Converts int64/uint64 data to a Float64Array of the same (exact) integers, refusing values beyond ±(2^53 − 1)
 * that a Number cannot hold. Any other typed array is returned unchanged.
 *
 * @throws DatasetError INVALID_ARGUMENT naming the first unsafe value and its index
 */
export function toSafeNumbers(
  data: NpyTypedArray,
): Exclude<NpyTypedArray, BigInt64Array | BigUint64Array> | Float64Array {
  if (!(data instanceof BigInt64Array || data instanceof BigUint64Array)) return data;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new DatasetError(
        'INVALID_ARGUMENT',
        `int64 value ${value} at index ${i} is beyond Number's safe integer range`,
      );
    }
    out[i] = Number(value);
  }
  return out;
}

function roundUp(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}

function writeLittleEndian(out: Uint8Array, offset: number, data: NpyTypedArray, elementBytes: number): void {
  const source = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  out.set(source, offset);
  if (!HOST_IS_LITTLE_ENDIAN && elementBytes > 1) swapBytes(out.subarray(offset), elementBytes);
}

function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) {
    bytes.subarray(i, i + width).reverse();
  }
}

/**
 * The file format of the built-in model (`model/builtin-text-model.bin` in the package), one binary file:
 *
 * | bytes | contents |
 * | --- | --- |
 * | 0–7 | magic: ASCII `SERTXTM` and the format version byte `1` |
 * | 8–11 | n, the length of the header (uint32, little-endian) |
 * | 12 … 12 + n | the header: UTF-8 JSON of every {@link BuiltinTextModelData} field but the two arrays |
 * | then | the int8 weights (2^hashBits × labels bytes), then the uint8 idf table (2^hashBits bytes) |
 *
 * Nothing may follow. Plain bytes, no Node built-ins: the same code reads it in Node and in browsers.
 */
import { TextEmotionError } from '../errors.js';
import type { BuiltinTextModelData } from './model-data.js';

const MAGIC = [0x53, 0x45, 0x52, 0x54, 0x58, 0x54, 0x4d, 0x01]; // "SERTXTM" + version 1
const PREAMBLE = MAGIC.length + 4;

/** Writes the model as the bytes of its file. */
export function encodeBuiltinModelFile(data: BuiltinTextModelData): Uint8Array {
  const { weights, idf, ...rest } = data;
  const header = new TextEncoder().encode(JSON.stringify(rest));
  const bytes = new Uint8Array(PREAMBLE + header.length + weights.length + idf.length);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(MAGIC.length, header.length, true);
  bytes.set(header, PREAMBLE);
  bytes.set(new Uint8Array(weights.buffer, weights.byteOffset, weights.length), PREAMBLE + header.length);
  bytes.set(idf, PREAMBLE + header.length + weights.length);
  return bytes;
}

/**
 * Reads the bytes of a model file. The arrays are views into `bytes` (no copy). Only the layout is
 * checked here; `decodeTextModel` checks the values.
 * @param where what to name in errors (the file's path or URL).
 * @throws {@link TextEmotionError} `INVALID_MODEL` naming `where` and what is wrong.
 */
export function decodeBuiltinModelFile(bytes: Uint8Array, where: string): BuiltinTextModelData {
  const fail = (what: string): never => {
    throw new TextEmotionError('INVALID_MODEL', `${where}: not a built-in text model file (${what})`);
  };
  if (!(bytes instanceof Uint8Array)) fail('expected bytes');
  if (bytes.length < PREAMBLE || MAGIC.some((b, i) => bytes[i] !== b)) fail('no SERTXTM version 1 header');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getUint32(MAGIC.length, true);
  if (PREAMBLE + headerLength > bytes.length)
    fail(`header of ${headerLength} bytes runs past the end of the ${bytes.length}-byte file`);
  let header: Omit<BuiltinTextModelData, 'weights' | 'idf'>;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLength)),
    ) as typeof header;
  } catch (cause) {
    throw new TextEmotionError('INVALID_MODEL', `${where}: the header is not UTF-8 JSON`, { cause });
  }
  const hashBits = header?.features?.hashBits;
  const labels = header?.labels;
  if (!Number.isInteger(hashBits) || hashBits < 1 || hashBits > 24 || !Array.isArray(labels))
    fail('no hashBits or labels in the header');
  const buckets = 2 ** hashBits;
  const start = PREAMBLE + headerLength;
  const expected = start + buckets * labels.length + buckets;
  if (bytes.length !== expected)
    fail(`${bytes.length} bytes, expected ${expected} for 2^${hashBits} buckets × ${labels.length} labels`);
  const weightsEnd = start + buckets * labels.length;
  return {
    ...header,
    weights: new Int8Array(bytes.buffer, bytes.byteOffset + start, buckets * labels.length),
    idf: bytes.subarray(weightsEnd, expected),
  };
}

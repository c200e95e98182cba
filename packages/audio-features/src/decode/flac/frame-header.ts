import { flacCrc8 } from './crc.js';

/** How the channels of a frame are coded. */
export type FlacChannelAssignment = 'independent' | 'left-side' | 'side-right' | 'mid-side';

/** A parsed FLAC frame header. */
export interface FlacFrameHeader {
  /** Samples per channel in this frame. */
  blockSize: number;
  /** Sample rate in Hz, or 0 for "as in STREAMINFO". */
  sampleRate: number;
  channels: number;
  channelAssignment: FlacChannelAssignment;
  /** Bits per sample, or 0 for "as in STREAMINFO". */
  bitsPerSample: number;
  /** Frame number (fixed block size) or first sample number (variable block size). */
  number: number;
  /** Header length in bytes including the CRC-8. */
  length: number;
}

const FIXED_SAMPLE_RATES = [0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000];
const SAMPLE_SIZES = [0, 8, 12, -1, 16, 20, 24, 32];

/** Reads the UTF-8-style coded number at `p`: returns [value, byte length] or undefined if malformed. */
function readCodedNumber(bytes: Uint8Array, p: number): [number, number] | undefined {
  const lead = bytes[p]!;
  if (lead < 0x80) return [lead, 1];
  let extra: number;
  let value: number;
  if ((lead & 0xe0) === 0xc0) {
    extra = 1;
    value = lead & 0x1f;
  } else if ((lead & 0xf0) === 0xe0) {
    extra = 2;
    value = lead & 0x0f;
  } else if ((lead & 0xf8) === 0xf0) {
    extra = 3;
    value = lead & 0x07;
  } else if ((lead & 0xfc) === 0xf8) {
    extra = 4;
    value = lead & 0x03;
  } else if ((lead & 0xfe) === 0xfc) {
    extra = 5;
    value = lead & 0x01;
  } else if (lead === 0xfe) {
    extra = 6;
    value = 0;
  } else return undefined;
  if (p + extra >= bytes.length) return undefined;
  for (let i = 1; i <= extra; i++) {
    const byte = bytes[p + i]!;
    if ((byte & 0xc0) !== 0x80) return undefined;
    value = value * 64 + (byte & 0x3f);
  }
  return [value, extra + 1];
}

/**
 * Parses the frame header at byte `p` (sync code, block size, sample rate, channels, sample size,
 * coded frame/sample number, optional size/rate bytes, CRC-8). Returns undefined when the bytes are
 * not a valid header (bad sync, reserved codes or a CRC-8 mismatch) or are cut off.
 */
export function parseFrameHeader(bytes: Uint8Array, p: number): FlacFrameHeader | undefined {
  if (p + 6 > bytes.length || bytes[p] !== 0xff || (bytes[p + 1]! & 0xfe) !== 0xf8) return undefined;
  const blockSizeCode = bytes[p + 2]! >> 4;
  const sampleRateCode = bytes[p + 2]! & 0x0f;
  const channelCode = bytes[p + 3]! >> 4;
  const sampleSizeCode = (bytes[p + 3]! >> 1) & 0x07;
  if (blockSizeCode === 0 || sampleRateCode === 0x0f || channelCode > 10 || sampleSizeCode === 3 || bytes[p + 3]! & 1)
    return undefined;
  const coded = readCodedNumber(bytes, p + 4);
  if (!coded) return undefined;
  let q = p + 4 + coded[1];
  let blockSize: number;
  if (blockSizeCode === 1) blockSize = 192;
  else if (blockSizeCode <= 5) blockSize = 576 << (blockSizeCode - 2);
  else if (blockSizeCode === 6) blockSize = (bytes[q++] ?? 0) + 1;
  else if (blockSizeCode === 7) {
    blockSize = (((bytes[q] ?? 0) << 8) | (bytes[q + 1] ?? 0)) + 1;
    q += 2;
  } else blockSize = 256 << (blockSizeCode - 8);
  let sampleRate: number;
  if (sampleRateCode <= 11) sampleRate = FIXED_SAMPLE_RATES[sampleRateCode]!;
  else if (sampleRateCode === 12) sampleRate = (bytes[q++] ?? 0) * 1000;
  else {
    const value = ((bytes[q] ?? 0) << 8) | (bytes[q + 1] ?? 0);
    sampleRate = sampleRateCode === 13 ? value : value * 10;
    q += 2;
  }
  if (q >= bytes.length || flacCrc8(bytes, p, q) !== bytes[q]) return undefined;
  const channelAssignment: FlacChannelAssignment =
    channelCode < 8 ? 'independent' : channelCode === 8 ? 'left-side' : channelCode === 9 ? 'side-right' : 'mid-side';
  return {
    blockSize,
    sampleRate,
    channels: channelCode < 8 ? channelCode + 1 : 2,
    channelAssignment,
    bitsPerSample: SAMPLE_SIZES[sampleSizeCode]!,
    number: coded[0],
    length: q + 1 - p,
  };
}

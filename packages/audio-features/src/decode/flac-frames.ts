import { AudioFeaturesError } from '../errors.js';
import { hasAscii } from './detect.js';

/**
 * Splitting a native FLAC stream into frames for the wasm decoder, which decodes exactly one frame
 * per call. (The decoder package's own parser can drop the last frame of a stream, so we find frame
 * boundaries ourselves.) A boundary is a frame header whose CRC-8 is valid and where the bytes
 * since the previous boundary end with a valid CRC-16 — the two checks libFLAC itself relies on.
 */

/** What STREAMINFO says about the stream. */
export interface FlacStreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Total samples per channel; 0 when the encoder did not know it. */
  totalSamples: number;
}

function makeCrcTable(polynomial: number, bits: 8 | 16): Uint16Array {
  const table = new Uint16Array(256);
  const top = 1 << (bits - 1);
  const mask = (1 << bits) - 1;
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (bits - 8);
    for (let k = 0; k < 8; k++) crc = crc & top ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
    table[byte] = crc;
  }
  return table;
}

const CRC8 = makeCrcTable(0x07, 8);
const CRC16 = makeCrcTable(0x8005, 16);

/** Length of the frame header starting at `p` if it is a valid FLAC frame header (CRC-8 checked), else 0. */
export function flacFrameHeaderLength(bytes: Uint8Array, p: number): number {
  if (p + 6 > bytes.length || bytes[p] !== 0xff || (bytes[p + 1]! & 0xfe) !== 0xf8) return 0;
  const blockSizeCode = bytes[p + 2]! >> 4;
  const sampleRateCode = bytes[p + 2]! & 0x0f;
  const channelCode = bytes[p + 3]! >> 4;
  const sampleSizeCode = (bytes[p + 3]! >> 1) & 0x07;
  if (blockSizeCode === 0 || sampleRateCode === 0x0f || channelCode > 10 || sampleSizeCode === 3 || bytes[p + 3]! & 1) return 0;
  // UTF-8-style coded frame or sample number: 1–7 bytes.
  const lead = bytes[p + 4]!;
  let codedLength = 1;
  if (lead >= 0x80) {
    if ((lead & 0xe0) === 0xc0) codedLength = 2;
    else if ((lead & 0xf0) === 0xe0) codedLength = 3;
    else if ((lead & 0xf8) === 0xf0) codedLength = 4;
    else if ((lead & 0xfc) === 0xf8) codedLength = 5;
    else if ((lead & 0xfe) === 0xfc) codedLength = 6;
    else if (lead === 0xfe) codedLength = 7;
    else return 0;
  }
  let length = 4 + codedLength;
  if (blockSizeCode === 6) length += 1;
  else if (blockSizeCode === 7) length += 2;
  if (sampleRateCode === 12) length += 1;
  else if (sampleRateCode === 13 || sampleRateCode === 14) length += 2;
  if (p + length + 1 > bytes.length) return 0;
  let crc = 0;
  for (let i = p; i < p + length; i++) crc = CRC8[crc ^ bytes[i]!]!;
  return crc === bytes[p + length] ? length + 1 : 0;
}

/** Parses `fLaC` + metadata blocks; returns STREAMINFO and where the first frame starts. */
export function parseFlacHeader(bytes: Uint8Array, file?: string): { info: FlacStreamInfo; framesOffset: number } {
  if (!hasAscii(bytes, 0, 'fLaC')) throw new AudioFeaturesError('CORRUPT_AUDIO', "FLAC stream does not start with 'fLaC'", { file });
  let p = 4;
  let info: FlacStreamInfo | undefined;
  for (let isLast = false; !isLast; ) {
    if (p + 4 > bytes.length) throw new AudioFeaturesError('CORRUPT_AUDIO', 'the FLAC metadata is truncated', { file });
    isLast = (bytes[p]! & 0x80) !== 0;
    const type = bytes[p]! & 0x7f;
    const length = (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (type === 0) {
      if (length < 34 || p + 4 + 34 > bytes.length) throw new AudioFeaturesError('CORRUPT_AUDIO', 'the FLAC STREAMINFO block is truncated', { file });
      const s = p + 4 + 10;
      const sampleRate = (bytes[s]! << 12) | (bytes[s + 1]! << 4) | (bytes[s + 2]! >> 4);
      const channels = ((bytes[s + 2]! >> 1) & 0x07) + 1;
      const bitsPerSample = (((bytes[s + 2]! & 1) << 4) | (bytes[s + 3]! >> 4)) + 1;
      const totalSamples = (bytes[s + 3]! & 0x0f) * 2 ** 32 + ((bytes[s + 4]! << 24) >>> 0) + (bytes[s + 5]! << 16) + (bytes[s + 6]! << 8) + bytes[s + 7]!;
      info = { sampleRate, channels, bitsPerSample, totalSamples };
    }
    p += 4 + length;
  }
  if (!info) throw new AudioFeaturesError('CORRUPT_AUDIO', 'the FLAC stream has no STREAMINFO block', { file });
  if (info.sampleRate === 0) throw new AudioFeaturesError('CORRUPT_AUDIO', 'FLAC STREAMINFO claims a sample rate of 0 Hz', { file });
  return { info, framesOffset: p };
}

/**
 * Splits the frame section of a native FLAC stream (from `start`) into whole frames. The last
 * frame runs to the end of the bytes (a truncated last frame is left to the decoder to reject).
 */
export function splitFlacFrames(bytes: Uint8Array, start: number, file?: string): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let frameStart = start;
  if (flacFrameHeaderLength(bytes, frameStart) === 0) {
    throw new AudioFeaturesError('CORRUPT_AUDIO', `no valid FLAC frame header after the metadata (at byte ${start})`, { file });
  }
  while (frameStart < bytes.length) {
    const headerLength = flacFrameHeaderLength(bytes, frameStart);
    let crc = 0;
    let end = bytes.length;
    for (let i = frameStart; i < bytes.length; i++) {
      // CRC-16 over [frameStart, i) is 0 exactly when those bytes end with their own CRC-16.
      if (i >= frameStart + headerLength + 2 && crc === 0 && bytes[i] === 0xff && flacFrameHeaderLength(bytes, i) > 0) {
        end = i;
        break;
      }
      crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[i]!]!;
    }
    frames.push(bytes.subarray(frameStart, end));
    frameStart = end;
  }
  return frames;
}

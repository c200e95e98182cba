import { AudioFeaturesError } from '../../errors.js';
import { hasAscii } from '../detect.js';

/** What a FLAC STREAMINFO block says about the stream. */
export interface FlacStreamInfo {
  /** Smallest and largest block size in samples. */
  minBlockSize: number;
  maxBlockSize: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Total samples per channel; 0 when the encoder did not know it. */
  totalSamples: number;
}

/**
 * Parses `fLaC` and the metadata blocks after it: returns STREAMINFO and the byte offset of the
 * first frame. Other metadata blocks (seek table, tags, pictures, …) are skipped.
 *
 * The block sizes STREAMINFO declares are only a hint (frames carry their own, and libFLAC accepts
 * streams whose hint is off), so they are not checked.
 *
 * @throws AudioFeaturesError CORRUPT_AUDIO when the marker, the metadata or STREAMINFO is missing,
 *   truncated or impossible (0 Hz, fewer than 4 bits per sample)
 */
export function parseFlacHeader(bytes: Uint8Array, file?: string): { info: FlacStreamInfo; framesOffset: number } {
  const corrupt = (message: string) => new AudioFeaturesError('CORRUPT_AUDIO', message, { file });
  if (!hasAscii(bytes, 0, 'fLaC')) throw corrupt("FLAC stream does not start with 'fLaC'");
  let p = 4;
  let info: FlacStreamInfo | undefined;
  for (let isLast = false; !isLast;) {
    if (p + 4 > bytes.length)
      throw corrupt('the FLAC metadata is truncated (the file ends before the first audio frame)');
    isLast = (bytes[p]! & 0x80) !== 0;
    const type = bytes[p]! & 0x7f;
    const length = (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (type === 0) {
      if (length < 34 || p + 4 + 34 > bytes.length)
        throw corrupt('the FLAC STREAMINFO block is truncated (expected 34 bytes)');
      info = readStreamInfo(bytes, p + 4);
    }
    p += 4 + length;
  }
  if (p > bytes.length)
    throw corrupt('the FLAC metadata is truncated (the last metadata block runs past the end of the file)');
  if (!info) throw corrupt('the FLAC stream has no STREAMINFO block');
  if (info.sampleRate === 0) throw corrupt('FLAC STREAMINFO claims a sample rate of 0 Hz');
  if (info.bitsPerSample < 4)
    throw corrupt(`FLAC STREAMINFO claims ${info.bitsPerSample} bits per sample (expected 4–32)`);
  return { info, framesOffset: p };
}

/** Reads the fields of a STREAMINFO body starting at `s`. */
function readStreamInfo(bytes: Uint8Array, s: number): FlacStreamInfo {
  const minBlockSize = (bytes[s]! << 8) | bytes[s + 1]!;
  const maxBlockSize = (bytes[s + 2]! << 8) | bytes[s + 3]!;
  const r = s + 10;
  const sampleRate = (bytes[r]! << 12) | (bytes[r + 1]! << 4) | (bytes[r + 2]! >> 4);
  const channels = ((bytes[r + 2]! >> 1) & 0x07) + 1;
  const bitsPerSample = (((bytes[r + 2]! & 1) << 4) | (bytes[r + 3]! >> 4)) + 1;
  const totalSamples =
    (bytes[r + 3]! & 0x0f) * 2 ** 32 +
    bytes[r + 4]! * 2 ** 24 +
    (bytes[r + 5]! << 16) +
    (bytes[r + 6]! << 8) +
    bytes[r + 7]!;
  return { minBlockSize, maxBlockSize, sampleRate, channels, bitsPerSample, totalSamples };
}

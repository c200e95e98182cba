import { AudioFeaturesError } from '../../errors.js';
import { hasAscii } from '../detect.js';
import { id3v2Length } from '../id3.js';
import type { AudioData } from '../types.js';
import { FlacBitReader } from './bit-reader.js';
import { flacCrc16 } from './crc.js';
import { FlacFormatError } from './format-error.js';
import { parseFrameHeader, type FlacFrameHeader } from './frame-header.js';
import { unwrapOggFlac } from './ogg-flac.js';
import { parseFlacHeader, type FlacStreamInfo } from './stream-info.js';
import { decodeSubframe } from './subframe.js';

/**
 * Decodes a FLAC file (native, behind an ID3v2 tag, or in Ogg) in pure TypeScript. Every frame's
 * CRC-8 and CRC-16 is checked. Samples are scaled like libsndfile: integer / 2^(bits − 1).
 *
 * @param bytes - the whole file
 * @param file - put in error messages
 * @throws AudioFeaturesError CORRUPT_AUDIO for bad metadata, a bad frame (CRC mismatch, reserved
 *   codes, frames that disagree with STREAMINFO) or a truncated stream (the file ends inside a frame,
 *   or before STREAMINFO's sample count is reached); UNSUPPORTED_CODEC for 32-bit side channels
 */
export function decodeFlac(bytes: Uint8Array, file?: string): AudioData {
  const stream = hasAscii(bytes, 0, 'OggS') ? unwrapOggFlac(bytes, file) : bytes.subarray(id3v2Length(bytes));
  const { info, framesOffset } = parseFlacHeader(stream, file);
  const channels = decodeFrames(stream, framesOffset, info, file);
  return { sampleRate: info.sampleRate, channels, format: 'flac' };
}

/** Growable per-channel float output. */
class ChannelOutput {
  channels: Float32Array[];
  length = 0;

  constructor(count: number, capacity: number) {
    this.channels = Array.from({ length: count }, () => new Float32Array(capacity));
  }

  /** Makes room for `extra` more samples per channel. */
  reserve(extra: number): void {
    const needed = this.length + extra;
    const capacity = this.channels[0]!.length;
    if (needed <= capacity) return;
    const grown = Math.max(needed, capacity * 2);
    this.channels = this.channels.map((channel) => {
      const bigger = new Float32Array(grown);
      bigger.set(channel.subarray(0, this.length));
      return bigger;
    });
  }

  /** The decoded samples, without spare capacity. */
  result(): Float32Array[] {
    return this.channels.map((channel) => (channel.length === this.length ? channel : channel.slice(0, this.length)));
  }
}

/** Decodes every frame from `offset` to the end of `bytes`. */
function decodeFrames(bytes: Uint8Array, offset: number, info: FlacStreamInfo, file: string | undefined): Float32Array[] {
  const corrupt = (message: string) => new AudioFeaturesError('CORRUPT_AUDIO', message, { file });
  const declared = info.totalSamples;
  // Preallocate STREAMINFO's length, but no more than the bytes could plausibly hold (a damaged
  // total must not allocate gigabytes); the output grows if a stream really is that compressible.
  const plausible = Math.max(info.maxBlockSize, 4096, 4 * bytes.length);
  const output = new ChannelOutput(info.channels, declared > 0 ? Math.min(declared, plausible) : plausible);
  let work = Array.from({ length: info.channels }, () => new Int32Array(info.maxBlockSize));
  const reader = new FlacBitReader(bytes);
  const scale = 2 ** -(info.bitsPerSample - 1);
  const truncated = (frame: number, at: number) =>
    corrupt(
      `truncated FLAC stream: the file ends inside frame ${frame} (which starts at byte ${at} of ${bytes.length}); ` +
        `${output.length} samples per channel were decoded` +
        (declared > 0 ? ` of the ${declared} STREAMINFO declares` : '') +
        '; the file was probably cut off while copying or recording',
    );
  let p = offset;
  for (let frame = 0; p < bytes.length; frame++) {
    if (declared > 0 && output.length >= declared) break; // trailing bytes after the last frame (e.g. an ID3v1 tag)
    const header = parseFrameHeader(bytes, p);
    if (!header) {
      if (bytes.length - p < 16 && bytes[p] === 0xff) throw truncated(frame, p);
      throw corrupt(`no valid FLAC frame header at byte ${p} (frame ${frame}): bad sync code, reserved value or CRC-8 mismatch`);
    }
    checkAgainstStreamInfo(header, info, frame, corrupt);
    if (header.blockSize > work[0]!.length) work = work.map(() => new Int32Array(header.blockSize));
    reader.seek(p + header.length);
    try {
      for (let c = 0; c < header.channels; c++) {
        decodeSubframe(reader, work[c]!, header.blockSize, info.bitsPerSample + (isSideChannel(header, c) ? 1 : 0));
      }
    } catch (error) {
      if (reader.overrun) throw truncated(frame, p);
      if (error instanceof FlacFormatError) {
        throw new AudioFeaturesError(error.unsupported ? 'UNSUPPORTED_CODEC' : 'CORRUPT_AUDIO', `FLAC frame ${frame} at byte ${p}: ${error.message}`, {
          file,
        });
      }
      throw error;
    }
    reader.alignToByte();
    const end = reader.bytePosition;
    if (reader.overrun || end + 2 > bytes.length) throw truncated(frame, p);
    const storedCrc = (bytes[end]! << 8) | bytes[end + 1]!;
    if (flacCrc16(bytes, p, end) !== storedCrc) {
      throw corrupt(`FLAC frame ${frame} (bytes ${p}–${end + 1}) fails its CRC-16 check: the data is damaged`);
    }
    output.reserve(header.blockSize);
    writeFrame(header, work, output.channels, output.length, scale);
    output.length += header.blockSize;
    p = end + 2;
  }
  if (declared > 0 && output.length < declared) {
    throw corrupt(`truncated FLAC stream: the header declares ${declared} samples per channel but only ${output.length} could be decoded`);
  }
  if (declared > 0 && output.length > declared) output.length = declared;
  return output.result();
}

/** Whether channel `c` of the frame is a side channel (coded with one extra bit). */
function isSideChannel(header: FlacFrameHeader, c: number): boolean {
  switch (header.channelAssignment) {
    case 'independent':
      return false;
    case 'side-right':
      return c === 0;
    default:
      return c === 1;
  }
}

/** Frames must agree with STREAMINFO on channels, sample rate and bit depth (the output has one of each). */
function checkAgainstStreamInfo(
  header: FlacFrameHeader,
  info: FlacStreamInfo,
  frame: number,
  corrupt: (message: string) => AudioFeaturesError,
): void {
  const differs = (what: string, got: number, expected: number) =>
    corrupt(`FLAC frame ${frame} has ${got} ${what} but STREAMINFO declares ${expected}`);
  if (header.channels !== info.channels) throw differs('channels', header.channels, info.channels);
  if (header.sampleRate !== 0 && header.sampleRate !== info.sampleRate) throw differs('Hz', header.sampleRate, info.sampleRate);
  if (header.bitsPerSample !== 0 && header.bitsPerSample !== info.bitsPerSample) {
    throw differs('bits per sample', header.bitsPerSample, info.bitsPerSample);
  }
}

/** Undoes the stereo decorrelation and writes the frame's samples, scaled, at `at` in each channel. */
function writeFrame(header: FlacFrameHeader, work: Int32Array[], out: Float32Array[], at: number, scale: number): void {
  const n = header.blockSize;
  if (header.channelAssignment === 'independent') {
    for (let c = 0; c < header.channels; c++) {
      const source = work[c]!;
      const target = out[c]!;
      for (let i = 0; i < n; i++) target[at + i] = source[i]! * scale;
    }
    return;
  }
  const a = work[0]!;
  const b = work[1]!;
  const left = out[0]!;
  const right = out[1]!;
  if (header.channelAssignment === 'left-side') {
    for (let i = 0; i < n; i++) {
      left[at + i] = a[i]! * scale;
      right[at + i] = (a[i]! - b[i]!) * scale;
    }
  } else if (header.channelAssignment === 'side-right') {
    for (let i = 0; i < n; i++) {
      left[at + i] = (a[i]! + b[i]!) * scale;
      right[at + i] = b[i]! * scale;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const side = b[i]!;
      const mid = a[i]! * 2 + (side & 1);
      left[at + i] = Math.floor((mid + side) / 2) * scale;
      right[at + i] = Math.floor((mid - side) / 2) * scale;
    }
  }
}

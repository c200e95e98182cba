import { AudioFeaturesError } from '../../errors.js';
import { hasAscii } from '../detect.js';
import { id3v2Length } from '../id3.js';
import type { SampleSink } from '../sample-sink.js';
import { FlacBitReader } from './bit-reader.js';
import { flacCrc16 } from './crc.js';
import { FlacFormatError } from './format-error.js';
import { parseFrameHeader, type FlacFrameHeader } from './frame-header.js';
import { unwrapOggFlac } from './ogg-flac.js';
import { parseFlacHeader, type FlacStreamInfo } from './stream-info.js';
import { decodeSubframe } from './subframe.js';

/**
 * Decodes a FLAC file (native, behind an ID3v2 tag, or in Ogg) in pure TypeScript into `sink`, frame by
 * frame. Every frame's CRC-8 and CRC-16 is checked. Samples are scaled like libsndfile: integer / 2^(bits − 1).
 *
 * @param bytes - the whole file
 * @param file - put in error messages
 * @throws AudioFeaturesError CORRUPT_AUDIO for bad metadata, a bad frame (CRC mismatch, reserved
 *   codes, frames that disagree with STREAMINFO) or a truncated stream (the file ends inside a frame,
 *   or before STREAMINFO's sample count is reached); UNSUPPORTED_CODEC for 32-bit side channels; the
 *   sink's errors (budget, implausible rate or channel count)
 */
export function decodeFlac(bytes: Uint8Array, sink: SampleSink, file?: string): void {
  const stream = hasAscii(bytes, 0, 'OggS') ? unwrapOggFlac(bytes, file) : bytes.subarray(id3v2Length(bytes));
  const { info, framesOffset } = parseFlacHeader(stream, file);
  sink.start({
    sampleRate: info.sampleRate,
    channels: info.channels,
    ...(info.totalSamples > 0 ? { frames: info.totalSamples } : {}),
    source: 'the FLAC STREAMINFO',
  });
  decodeFrames(stream, framesOffset, info, sink, file);
}

/** Decodes every frame from `offset` to the end of `bytes` into `sink` (or until it wants no more). */
function decodeFrames(
  bytes: Uint8Array,
  offset: number,
  info: FlacStreamInfo,
  sink: SampleSink,
  file: string | undefined,
): void {
  const corrupt = (message: string) => new AudioFeaturesError('CORRUPT_AUDIO', message, { file });
  const declared = info.totalSamples;
  let work = Array.from({ length: info.channels }, () => new Int32Array(Math.max(1, info.maxBlockSize)));
  let samples = Array.from({ length: info.channels }, () => new Float32Array(Math.max(1, info.maxBlockSize)));
  const reader = new FlacBitReader(bytes);
  const scale = 2 ** -(info.bitsPerSample - 1);
  let decoded = 0;
  const truncated = (frame: number, at: number) =>
    corrupt(
      `truncated FLAC stream: the file ends inside frame ${frame} (which starts at byte ${at} of ${bytes.length}); ` +
        `${decoded} samples per channel were decoded` +
        (declared > 0 ? ` of the ${declared} STREAMINFO declares` : '') +
        '; the file was probably cut off while copying or recording',
    );
  let p = offset;
  for (let frame = 0; p < bytes.length; frame++) {
    if (declared > 0 && decoded >= declared) break; // trailing bytes after the last frame (e.g. an ID3v1 tag)
    const header = parseFrameHeader(bytes, p);
    if (!header) {
      if (bytes.length - p < 16 && bytes[p] === 0xff) throw truncated(frame, p);
      throw corrupt(
        `no valid FLAC frame header at byte ${p} (frame ${frame}): bad sync code, reserved value or CRC-8 mismatch`,
      );
    }
    checkAgainstStreamInfo(header, info, frame, corrupt);
    if (header.blockSize > work[0]!.length) {
      work = work.map(() => new Int32Array(header.blockSize));
      samples = samples.map(() => new Float32Array(header.blockSize));
    }
    reader.seek(p + header.length);
    try {
      for (let c = 0; c < header.channels; c++) {
        decodeSubframe(reader, work[c]!, header.blockSize, info.bitsPerSample + (isSideChannel(header, c) ? 1 : 0));
      }
    } catch (error) {
      if (reader.overrun) throw truncated(frame, p);
      if (error instanceof FlacFormatError) {
        throw new AudioFeaturesError(
          error.unsupported ? 'UNSUPPORTED_CODEC' : 'CORRUPT_AUDIO',
          `FLAC frame ${frame} at byte ${p}: ${error.message}`,
          {
            file,
          },
        );
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
    writeFrame(header, work, samples, scale);
    // A last frame longer than STREAMINFO's total is cut to it.
    const count = declared > 0 ? Math.min(header.blockSize, declared - decoded) : header.blockSize;
    decoded += count;
    if (!sink.write(samples, count)) return;
    p = end + 2;
  }
  if (declared > 0 && decoded < declared) {
    throw corrupt(
      `truncated FLAC stream: the header declares ${declared} samples per channel but only ${decoded} could be decoded`,
    );
  }
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
  if (header.sampleRate !== 0 && header.sampleRate !== info.sampleRate)
    throw differs('Hz', header.sampleRate, info.sampleRate);
  if (header.bitsPerSample !== 0 && header.bitsPerSample !== info.bitsPerSample) {
    throw differs('bits per sample', header.bitsPerSample, info.bitsPerSample);
  }
}

/** Undoes the stereo decorrelation and writes the frame's samples, scaled, to the start of each channel's block. */
function writeFrame(header: FlacFrameHeader, work: Int32Array[], out: Float32Array[], scale: number): void {
  const n = header.blockSize;
  if (header.channelAssignment === 'independent') {
    for (let c = 0; c < header.channels; c++) {
      const source = work[c]!;
      const target = out[c]!;
      for (let i = 0; i < n; i++) target[i] = source[i]! * scale;
    }
    return;
  }
  const a = work[0]!;
  const b = work[1]!;
  const left = out[0]!;
  const right = out[1]!;
  if (header.channelAssignment === 'left-side') {
    for (let i = 0; i < n; i++) {
      left[i] = a[i]! * scale;
      right[i] = (a[i]! - b[i]!) * scale;
    }
  } else if (header.channelAssignment === 'side-right') {
    for (let i = 0; i < n; i++) {
      left[i] = (a[i]! + b[i]!) * scale;
      right[i] = b[i]! * scale;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const side = b[i]!;
      const mid = a[i]! * 2 + (side & 1);
      left[i] = Math.floor((mid + side) / 2) * scale;
      right[i] = Math.floor((mid - side) / 2) * scale;
    }
  }
}

import { g711Table } from './g711.js';
import { blockFrames, type SampleSink } from './sample-sink.js';

/** How one sample is stored in an uncompressed PCM stream. */
export type SampleEncoding =
  /** Two's-complement (or, for `signed: false`, offset-binary) integers of 1–4 bytes, left-justified. */
  | { kind: 'int'; bytes: 1 | 2 | 3 | 4; signed: boolean; littleEndian: boolean }
  /** IEEE 754 floats of 4 or 8 bytes. */
  | { kind: 'float'; bytes: 4 | 8; littleEndian: boolean }
  /** G.711 µ-law or A-law, one byte per sample. */
  | { kind: 'ulaw'; bytes: 1 }
  | { kind: 'alaw'; bytes: 1 };

/**
 * Deinterleaves `frames` frames of `channelCount` samples starting at `offset` and hands them to `sink` in
 * blocks (one Float32Array per channel, reused between blocks), stopping early when the sink wants no more.
 * Integers are scaled like libsndfile/soundfile: divided by 2^(bits−1) of the container (int16 / 32768,
 * int24 / 8388608, int32 / 2147483648; unsigned 8-bit (v − 128) / 128), so values lie in [-1, 1). Floats are
 * copied unchanged.
 */
export function streamPcm(
  bytes: Uint8Array,
  offset: number,
  frames: number,
  channelCount: number,
  encoding: SampleEncoding,
  sink: SampleSink,
): void {
  const perBlock = Math.min(frames, blockFrames(channelCount));
  const channels = Array.from({ length: channelCount }, () => new Float32Array(perBlock));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const step = encoding.bytes;
  const readSample = sampleReader(view, encoding);
  let position = offset;
  for (let done = 0; done < frames;) {
    const count = Math.min(perBlock, frames - done);
    for (let frame = 0; frame < count; frame++) {
      for (let c = 0; c < channelCount; c++) {
        channels[c]![frame] = readSample(position);
        position += step;
      }
    }
    done += count;
    if (!sink.write(channels, count)) return;
  }
}

/** A function reading one sample (as a float) at a byte position. */
function sampleReader(view: DataView, encoding: SampleEncoding): (position: number) => number {
  if (encoding.kind === 'ulaw' || encoding.kind === 'alaw') {
    const table = g711Table(encoding.kind);
    return (p) => table[view.getUint8(p)]!;
  }
  if (encoding.kind === 'float') {
    const le = encoding.littleEndian;
    return encoding.bytes === 4 ? (p) => view.getFloat32(p, le) : (p) => view.getFloat64(p, le);
  }
  const le = encoding.littleEndian;
  switch (encoding.bytes) {
    case 1:
      return encoding.signed ? (p) => view.getInt8(p) / 128 : (p) => (view.getUint8(p) - 128) / 128;
    case 2:
      return (p) => view.getInt16(p, le) / 32768;
    case 3:
      return le
        ? (p) => (view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getInt8(p + 2) << 16)) / 8388608
        : (p) => (view.getUint8(p + 2) | (view.getUint8(p + 1) << 8) | (view.getInt8(p) << 16)) / 8388608;
    case 4:
      return (p) => view.getInt32(p, le) / 2147483648;
  }
}

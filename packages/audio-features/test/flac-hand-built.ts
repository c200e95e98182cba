/**
 * A minimal FLAC writer for tests: builds streams with subframe kinds and residual codings that
 * encoders rarely emit (CONSTANT, VERBATIM, wasted bits, escape-coded partitions, Rice2, every
 * sample-rate code), so the decoder can be compared with sox on them.
 */
import { flacCrc16, flacCrc8 } from '../src/decode/flac/crc.js';

/** Big-endian bit writer. */
class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  /** Writes the low `n` bits of `value` (two's complement for negatives), most significant first. */
  write(value: number, n: number): void {
    for (let bit = n - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | (Math.floor(value / 2 ** bit) & 1);
      if (++this.used === 8) this.flushByte();
    }
  }

  /** `n` zero bits then a one. */
  unary(n: number): void {
    for (let i = 0; i < n; i++) this.write(0, 1);
    this.write(1, 1);
  }

  private flushByte(): void {
    this.bytes.push(this.current & 0xff);
    this.current = 0;
    this.used = 0;
  }

  /** Pads with zero bits to a byte boundary and returns the bytes. */
  finish(): number[] {
    while (this.used !== 0) this.write(0, 1);
    return this.bytes;
  }
}

/** How one subframe is coded. */
export type HandSubframe =
  | { kind: 'constant'; wasted?: number }
  | { kind: 'verbatim'; wasted?: number }
  | {
      kind: 'fixed';
      order: number;
      partitionOrder: number;
      rice2?: boolean;
      escapes?: Record<number, number>;
      wasted?: number;
    }
  | {
      kind: 'lpc';
      coefficients: number[];
      precision: number;
      shift: number;
      partitionOrder: number;
      rice2?: boolean;
      /** Partition index → raw bits per residual, for partitions written with the escape code. */
      escapes?: Record<number, number>;
      wasted?: number;
    };

/** One frame: its samples (mono) and how to code them, plus which sample-rate code the header uses. */
export interface HandFrame {
  samples: number[];
  subframe: HandSubframe;
  sampleRateCode: 'streaminfo' | 'table' | 'khz' | 'hz' | 'tens-of-hz';
}

function prediction(subframe: HandSubframe, s: number[], i: number): number {
  if (subframe.kind === 'fixed') {
    const k = [[], [1], [2, -1], [3, -3, 1], [4, -6, 4, -1]][subframe.order]!;
    return k.reduce((sum, c, j) => sum + c * s[i - 1 - j]!, 0);
  }
  if (subframe.kind === 'lpc') {
    const sum = subframe.coefficients.reduce((acc, c, j) => acc + c * s[i - 1 - j]!, 0);
    return Math.floor(sum / 2 ** subframe.shift);
  }
  return 0;
}

function writeResidual(
  w: BitWriter,
  residual: number[],
  blockSize: number,
  order: number,
  sub: Extract<HandSubframe, { partitionOrder: number }>,
): void {
  const rice2 = sub.rice2 ?? false;
  w.write(rice2 ? 1 : 0, 2);
  w.write(sub.partitionOrder, 4);
  const partitions = 1 << sub.partitionOrder;
  const size = blockSize >> sub.partitionOrder;
  let i = 0;
  for (let p = 0; p < partitions; p++) {
    const count = p === 0 ? size - order : size;
    const values = residual.slice(i, i + count);
    i += count;
    const escapeBits = sub.escapes?.[p];
    if (escapeBits !== undefined) {
      w.write(rice2 ? 31 : 15, rice2 ? 5 : 4);
      w.write(escapeBits, 5);
      for (const v of values) w.write(v, escapeBits);
      continue;
    }
    const k = 2;
    w.write(k, rice2 ? 5 : 4);
    for (const v of values) {
      const folded = v >= 0 ? 2 * v : -2 * v - 1;
      w.unary(Math.floor(folded / 2 ** k));
      w.write(folded % 2 ** k, k);
    }
  }
}

const SAMPLE_RATE = 16000;

/** Builds a mono 16-bit 16 kHz FLAC stream from hand-coded frames. */
export function buildFlac(frames: HandFrame[]): Uint8Array {
  const total = frames.reduce((n, f) => n + f.samples.length, 0);
  const sizes = frames.map((f) => f.samples.length);
  const info = new BitWriter();
  info.write(Math.min(...sizes), 16);
  info.write(Math.max(...sizes), 16);
  info.write(0, 24);
  info.write(0, 24);
  info.write(SAMPLE_RATE, 20);
  info.write(0, 3); // 1 channel
  info.write(15, 5); // 16 bits
  info.write(total, 36);
  for (let i = 0; i < 16; i++) info.write(0, 8); // MD5 unknown
  const out: number[] = [0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34, ...info.finish()];
  frames.forEach((frame, index) => {
    const n = frame.samples.length;
    const rateCode = { streaminfo: 0, table: 5, khz: 12, hz: 13, 'tens-of-hz': 14 }[frame.sampleRateCode];
    const header = [0xff, 0xf8, (7 << 4) | rateCode, (0 << 4) | (4 << 1), index, (n - 1) >> 8, (n - 1) & 0xff];
    if (rateCode === 12) header.push(SAMPLE_RATE / 1000);
    if (rateCode === 13) header.push(SAMPLE_RATE >> 8, SAMPLE_RATE & 0xff);
    if (rateCode === 14) header.push((SAMPLE_RATE / 10) >> 8, (SAMPLE_RATE / 10) & 0xff);
    header.push(flacCrc8(Uint8Array.from(header), 0, header.length));
    const w = new BitWriter();
    const sub = frame.subframe;
    const wasted = sub.wasted ?? 0;
    const s = frame.samples.map((v) => v / 2 ** wasted);
    const bits = 16 - wasted;
    w.write(0, 1);
    if (sub.kind === 'constant') w.write(0, 6);
    else if (sub.kind === 'verbatim') w.write(1, 6);
    else if (sub.kind === 'fixed') w.write(8 + sub.order, 6);
    else w.write(31 + sub.coefficients.length, 6);
    if (wasted > 0) {
      w.write(1, 1);
      w.unary(wasted - 1);
    } else w.write(0, 1);
    if (sub.kind === 'constant') w.write(s[0]!, bits);
    else if (sub.kind === 'verbatim') for (const v of s) w.write(v, bits);
    else {
      const order = sub.kind === 'fixed' ? sub.order : sub.coefficients.length;
      for (let i = 0; i < order; i++) w.write(s[i]!, bits);
      if (sub.kind === 'lpc') {
        w.write(sub.precision - 1, 4);
        w.write(sub.shift, 5);
        for (const c of sub.coefficients) w.write(c, sub.precision);
      }
      const residual = [];
      for (let i = order; i < n; i++) residual.push(s[i]! - prediction(sub, s, i));
      writeResidual(w, residual, n, order, sub);
    }
    const frameBytes = [...header, ...w.finish()];
    const crc = flacCrc16(Uint8Array.from(frameBytes), 0, frameBytes.length);
    out.push(...frameBytes, crc >> 8, crc & 0xff);
  });
  return Uint8Array.from(out);
}

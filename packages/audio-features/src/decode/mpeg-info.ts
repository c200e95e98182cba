import { findMpegFrame } from './detect.js';
import { id3v2Length } from './id3.js';

/** Offset of the first MPEG audio frame (after any ID3v2 tag), or −1. */
export function firstMpegFrame(bytes: Uint8Array): number {
  return findMpegFrame(bytes, id3v2Length(bytes), 1 << 16);
}

/** Sample rates by MPEG version (bits 3–4 of the second header byte: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5) and index. */
const MPEG_SAMPLE_RATES: Readonly<Record<number, readonly number[]>> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

/** Sample rate and channel count of the first MPEG audio frame (channel mode 11 is mono), or undefined when there is none. */
export function mpegStreamShape(bytes: Uint8Array): { sampleRate: number; channels: 1 | 2 } | undefined {
  const frame = firstMpegFrame(bytes);
  if (frame < 0) return undefined;
  const sampleRate = MPEG_SAMPLE_RATES[(bytes[frame + 1]! >> 3) & 0x03]?.[(bytes[frame + 2]! >> 2) & 0x03];
  if (sampleRate === undefined) return undefined;
  return { sampleRate, channels: bytes[frame + 3]! >> 6 === 3 ? 1 : 2 };
}

/** Samples per frame of the first MPEG frame (layer I 384, layer II 1152, layer III 1152 or 576). */
function samplesPerFrame(bytes: Uint8Array, frame: number): number {
  const version = (bytes[frame + 1]! >> 3) & 0x03; // 3 = MPEG-1
  const layer = (bytes[frame + 1]! >> 1) & 0x03; // 3 = layer I, 2 = II, 1 = III
  if (layer === 3) return 384;
  if (layer === 2) return 1152;
  return version === 3 ? 1152 : 576;
}

/**
 * Samples per channel an MP3 should decode to, from the Xing/Info tag that LAME and ffmpeg write
 * in the first frame (frame count × samples per frame − the LAME encoder delay and padding), or
 * undefined when the file has no such tag (then the length cannot be known in advance).
 */
export function mpegDeclaredLength(bytes: Uint8Array): number | undefined {
  const frame = firstMpegFrame(bytes);
  if (frame < 0) return undefined;
  const searchEnd = Math.min(bytes.length - 16, frame + 64);
  for (let p = frame + 4; p < searchEnd; p++) {
    const tag = String.fromCharCode(bytes[p]!, bytes[p + 1]!, bytes[p + 2]!, bytes[p + 3]!);
    if (tag !== 'Xing' && tag !== 'Info') continue;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const flags = view.getUint32(p + 4, false);
    if (!(flags & 0x1)) return undefined;
    const frames = view.getUint32(p + 8, false);
    // LAME extension: after the optional fields, 'LAME' … delay (12 bits) and padding (12 bits) at +21.
    let q = p + 8 + (flags & 0x1 ? 4 : 0) + (flags & 0x2 ? 4 : 0) + (flags & 0x4 ? 100 : 0) + (flags & 0x8 ? 4 : 0);
    let delayAndPadding = 0;
    if (q + 24 <= bytes.length && /^(LAME|Lavc|Lavf)/.test(String.fromCharCode(...bytes.subarray(q, q + 4)))) {
      q += 21;
      const delay = (bytes[q]! << 4) | (bytes[q + 1]! >> 4);
      const padding = ((bytes[q + 1]! & 0x0f) << 8) | bytes[q + 2]!;
      delayAndPadding = delay + padding;
    }
    return Math.max(0, frames * samplesPerFrame(bytes, frame) - delayAndPadding);
  }
  return undefined;
}

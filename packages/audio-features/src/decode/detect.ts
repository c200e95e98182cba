import { id3v2Length } from './id3.js';
import type { AudioFormat } from './types.js';

/** True when `bytes` hold the ASCII text `tag` at `offset`. */
export function hasAscii(bytes: Uint8Array, offset: number, tag: string): boolean {
  if (offset < 0 || offset + tag.length > bytes.length) return false;
  for (let i = 0; i < tag.length; i++) {
    if (bytes[offset + i] !== tag.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * True when the 4 bytes at `offset` are a plausible MPEG audio frame header (layer I, II or III):
 * 11-bit sync, a defined version, layer, bitrate and sample-rate index. ADTS AAC (layer bits 00)
 * is rejected.
 */
export function isMpegFrameHeader(bytes: Uint8Array, offset: number): boolean {
  if (offset + 4 > bytes.length) return false;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0x03; // 01 reserved
  const layer = (b1 >> 1) & 0x03; // 00 reserved (ADTS AAC uses it)
  const bitrateIndex = (b2 >> 4) & 0x0f; // 1111 invalid
  const sampleRateIndex = (b2 >> 2) & 0x03; // 11 reserved
  return version !== 1 && layer !== 0 && bitrateIndex !== 0x0f && sampleRateIndex !== 3;
}

/** Offset of the first MPEG frame header in `bytes[start, start + maxScan)`, or -1. */
export function findMpegFrame(bytes: Uint8Array, start: number, maxScan: number): number {
  const end = Math.min(bytes.length - 3, start + maxScan);
  for (let i = start; i < end; i++) {
    if (bytes[i] === 0xff && isMpegFrameHeader(bytes, i)) return i;
  }
  return -1;
}

/** Offset of the first Ogg packet's payload in the first page, or -1 if the page is too short. */
function firstOggPacketOffset(bytes: Uint8Array): number {
  if (bytes.length < 27) return -1;
  const segmentCount = bytes[26]!;
  const offset = 27 + segmentCount;
  return offset <= bytes.length ? offset : -1;
}

/**
 * Detects the audio format from the first bytes (magic numbers), never from a file name.
 *
 * - `wav`: `RIFF…WAVE` or `RF64…WAVE`
 * - `aiff`: `FORM…AIFF` or `FORM…AIFC`
 * - `flac`: `fLaC`, also after an ID3v2 tag
 * - `ogg-opus` / `ogg-vorbis`: `OggS` whose first packet starts with `OpusHead` / `\x01vorbis`
 *   (FLAC in Ogg, whose first packet starts with `\x7FFLAC`, is reported as `flac`)
 * - `mp3`: an ID3v2 tag or an MPEG audio frame header (layers I–III)
 *
 * @param bytes - the start of the file (a few hundred bytes suffice unless a large ID3 tag precedes the audio)
 * @returns the format, or `null` when the bytes are none of the above
 */
export function detectAudioFormat(bytes: Uint8Array): AudioFormat | null {
  if (!(bytes instanceof Uint8Array) || bytes.length < 4) return null;
  // A RIFF/FORM header cut before its form type is still reported as WAV/AIFF, so that the decoder
  // can say "truncated header" rather than "unknown format".
  const isRiff = hasAscii(bytes, 0, 'RIFF') || hasAscii(bytes, 0, 'RF64');
  if (isRiff && (bytes.length < 12 || hasAscii(bytes, 8, 'WAVE'))) return 'wav';
  const isForm = hasAscii(bytes, 0, 'FORM');
  if (isForm && (bytes.length < 12 || hasAscii(bytes, 8, 'AIFF') || hasAscii(bytes, 8, 'AIFC'))) return 'aiff';
  if (hasAscii(bytes, 0, 'fLaC')) return 'flac';
  if (hasAscii(bytes, 0, 'OggS')) {
    const packet = firstOggPacketOffset(bytes);
    if (packet < 0) return null;
    if (hasAscii(bytes, packet, 'OpusHead')) return 'ogg-opus';
    if (bytes[packet] === 0x01 && hasAscii(bytes, packet + 1, 'vorbis')) return 'ogg-vorbis';
    if (bytes[packet] === 0x7f && hasAscii(bytes, packet + 1, 'FLAC')) return 'flac'; // Ogg FLAC
    return null;
  }
  const tagLength = id3v2Length(bytes);
  if (tagLength > 0) {
    if (hasAscii(bytes, tagLength, 'fLaC')) return 'flac';
    // An ID3v2 tag followed by anything but FLAC is treated as MP3 (the tag is MP3's convention);
    // when the tag runs past the bytes given we cannot look further.
    if (tagLength >= bytes.length || findMpegFrame(bytes, tagLength, 4096) >= 0) return 'mp3';
    return null;
  }
  if (isMpegFrameHeader(bytes, 0)) return 'mp3';
  return null;
}

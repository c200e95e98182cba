import { AudioFeaturesError } from '../errors.js';
import { listChunks, type Chunk } from './chunks.js';
import { hasAscii } from './detect.js';
import { streamPcm, type SampleEncoding } from './pcm.js';
import type { SampleSink } from './sample-sink.js';
import { wholeFramesAvailable } from './truncation.js';

/** WAVE format tags with a name, for messages about unsupported codecs. */
const WAVE_CODEC_NAMES: Readonly<Record<number, string>> = {
  0x0001: 'PCM',
  0x0002: 'Microsoft ADPCM',
  0x0003: 'IEEE float',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0022: 'TrueSpeech',
  0x0031: 'GSM 6.10',
  0x0040: 'G.721 ADPCM',
  0x0050: 'MPEG Layer I/II',
  0x0055: 'MPEG Layer III (MP3)',
  0x0092: 'Dolby AC-3 SPDIF',
  0x00ff: 'AAC',
  0x0161: 'Windows Media Audio',
  0x1610: 'MPEG-4 AAC (HEAAC)',
  0x2000: 'Dolby AC-3',
  0xfffe: 'WAVE_FORMAT_EXTENSIBLE',
};

/** Tail shared by every KSDATAFORMAT_SUBTYPE GUID whose first two bytes are a WAVE format tag. */
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Name of a WAVE format tag, e.g. `0x0011 (IMA ADPCM)`. */
export function waveCodecName(tag: number): string {
  const hex = `0x${tag.toString(16).padStart(4, '0')}`;
  const name = WAVE_CODEC_NAMES[tag];
  return name ? `${hex} (${name})` : `${hex} (unknown codec)`;
}

/** The parsed `fmt ` chunk. */
interface WaveFormat {
  /** Effective format tag (the sub-format for WAVE_FORMAT_EXTENSIBLE). */
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  extensible: boolean;
}

function corrupt(message: string, file: string | undefined): AudioFeaturesError {
  return new AudioFeaturesError('CORRUPT_AUDIO', message, { file });
}

function readGuid(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.subarray(offset, offset + 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Parses and validates a `fmt ` chunk. */
function parseFormatChunk(bytes: Uint8Array, chunk: Chunk, file: string | undefined): WaveFormat {
  if (chunk.size < 16) throw corrupt(`the 'fmt ' chunk declares ${chunk.size} bytes, expected at least 16`, file);
  if (chunk.offset + 16 > bytes.length) {
    throw corrupt(
      `the file ends ${Math.max(0, bytes.length - chunk.offset)} bytes into the 16-byte 'fmt ' chunk (the file is truncated)`,
      file,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = chunk.offset;
  let formatTag = view.getUint16(o, true);
  const channels = view.getUint16(o + 2, true);
  const sampleRate = view.getUint32(o + 4, true);
  const bitsPerSample = view.getUint16(o + 14, true);
  const extensible = formatTag === 0xfffe;
  if (extensible) {
    if (chunk.size < 40 || o + 40 > bytes.length) {
      throw corrupt(
        chunk.size < 40
          ? `the WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk declares ${chunk.size} bytes, expected 40`
          : `the file ends ${Math.max(0, bytes.length - o)} bytes into the 40-byte WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk (the file is truncated)`,
        file,
      );
    }
    const guidOffset = o + 24;
    const isStandardSubtype = SUBTYPE_GUID_TAIL.every((b, i) => bytes[guidOffset + 2 + i] === b);
    if (!isStandardSubtype) {
      throw new AudioFeaturesError(
        'UNSUPPORTED_CODEC',
        `WAVE_FORMAT_EXTENSIBLE with sub-format GUID ${readGuid(bytes, guidOffset)} is not supported ` +
          '(supported sub-formats: PCM, IEEE float, A-law, µ-law)',
        { file },
      );
    }
    formatTag = view.getUint16(guidOffset, true);
  }
  if (channels === 0) throw corrupt('the WAV header claims 0 channels (expected ≥ 1)', file);
  if (sampleRate === 0) throw corrupt('the WAV header claims a sample rate of 0 Hz (expected > 0)', file);
  return { formatTag, channels, sampleRate, bitsPerSample, extensible };
}

/** Maps a WAVE format to how its samples are stored, or throws UNSUPPORTED_CODEC. */
function sampleEncoding(format: WaveFormat, file: string | undefined): SampleEncoding {
  const bits = format.bitsPerSample;
  const codec = waveCodecName(format.formatTag) + (format.extensible ? ' inside WAVE_FORMAT_EXTENSIBLE' : '');
  switch (format.formatTag) {
    case 0x0001: {
      if (bits < 1 || bits > 32) {
        throw new AudioFeaturesError(
          'UNSUPPORTED_CODEC',
          `PCM WAV with ${bits} bits per sample is not supported (expected 1–32)`,
          { file },
        );
      }
      const bytes = Math.ceil(bits / 8) as 1 | 2 | 3 | 4;
      return { kind: 'int', bytes, signed: bytes > 1, littleEndian: true };
    }
    case 0x0003:
      if (bits !== 32 && bits !== 64) {
        throw new AudioFeaturesError(
          'UNSUPPORTED_CODEC',
          `IEEE float WAV with ${bits} bits per sample is not supported (expected 32 or 64)`,
          { file },
        );
      }
      return { kind: 'float', bytes: (bits / 8) as 4 | 8, littleEndian: true };
    case 0x0006:
    case 0x0007:
      if (bits !== 8) {
        throw new AudioFeaturesError(
          'UNSUPPORTED_CODEC',
          `${codec} WAV with ${bits} bits per sample is not supported (expected 8)`,
          { file },
        );
      }
      return format.formatTag === 0x0006 ? { kind: 'alaw', bytes: 1 } : { kind: 'ulaw', bytes: 1 };
    default:
      throw new AudioFeaturesError(
        'UNSUPPORTED_CODEC',
        `WAV codec ${codec} is not supported; supported WAV codecs: PCM (0x0001), IEEE float (0x0003), ` +
          'A-law (0x0006), µ-law (0x0007) and WAVE_FORMAT_EXTENSIBLE of these. Convert the file first, e.g. ' +
          '`sox in.wav -e signed-integer -b 16 out.wav`',
        { file },
      );
  }
}

/** 64-bit little-endian unsigned integer as a Number (exact below 2^53). */
function readUint64(view: DataView, offset: number): number {
  return view.getUint32(offset + 4, true) * 2 ** 32 + view.getUint32(offset, true);
}

/**
 * Decodes a RIFF/WAVE (or RF64) file in pure TypeScript into `sink`: PCM 8-bit unsigned, 16/24/32-bit
 * signed (any bit depth 1–32, scaled by its container), IEEE float 32/64, A-law, µ-law, and
 * WAVE_FORMAT_EXTENSIBLE of these. Unknown chunks are skipped, odd-sized chunks padded.
 *
 * Data size: `0xFFFFFFFF` in a plain RIFF (written by streaming encoders) means "to the end of the
 * file"; otherwise a data chunk longer than the file is CORRUPT_AUDIO unless only a partial last
 * frame is missing.
 */
export function decodeWav(bytes: Uint8Array, sink: SampleSink, file?: string): void {
  if (bytes.length < 12 || !hasAscii(bytes, 8, 'WAVE')) {
    throw corrupt(
      `the WAV header is truncated or invalid (${bytes.length} bytes; expected 'RIFF' <size> 'WAVE')`,
      file,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isRf64 = hasAscii(bytes, 0, 'RF64');
  let rf64DataSize: number | undefined;
  if (isRf64) {
    if (!hasAscii(bytes, 12, 'ds64') || bytes.length < 12 + 8 + 24) {
      throw corrupt("RF64 file without a 'ds64' chunk right after the header", file);
    }
    rf64DataSize = readUint64(view, 12 + 8 + 8);
  }
  const chunks = listChunks(bytes, 12, true, (id, declared) =>
    id === 'data' && declared === 0xffffffff && rf64DataSize !== undefined ? rf64DataSize : declared,
  );
  const fmtChunk = chunks.find((c) => c.id === 'fmt ');
  const dataChunk = chunks.find((c) => c.id === 'data');
  const found = chunks.map((c) => `'${c.id}'`).join(', ') || 'none';
  if (!fmtChunk) throw corrupt(`no 'fmt ' chunk in the WAV file (chunks found: ${found})`, file);
  const format = parseFormatChunk(bytes, fmtChunk, file);
  const encoding = sampleEncoding(format, file);
  if (!dataChunk) throw corrupt(`no 'data' chunk in the WAV file (chunks found: ${found})`, file);

  const frameBytes = format.channels * encoding.bytes;
  const available = Math.max(0, bytes.length - dataChunk.offset);
  // 0xFFFFFFFF in a plain RIFF: written by a streaming encoder that never patched the size.
  const declared = dataChunk.size === 0xffffffff && !isRf64 ? available : dataChunk.size;
  const frames = wholeFramesAvailable(declared, available, frameBytes, file, "WAV 'data' chunk");
  sink.start({
    sampleRate: format.sampleRate,
    channels: format.channels,
    frames,
    framesPresent: true,
    source: 'the WAV header',
  });
  streamPcm(bytes, dataChunk.offset, frames, format.channels, encoding, sink);
}

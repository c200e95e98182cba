import { AudioFeaturesError } from '../errors.js';
import { listChunks, type Chunk } from './chunks.js';
import { hasAscii } from './detect.js';
import { readExtended80 } from './extended-float.js';
import { streamPcm, type SampleEncoding } from './pcm.js';
import type { SampleSink } from './sample-sink.js';
import { wholeFramesAvailable } from './truncation.js';

/** The parsed COMM chunk. */
interface AiffCommon {
  channels: number;
  frames: number;
  sampleSize: number;
  sampleRate: number;
  /** AIFC compression type (`NONE` for plain AIFF). */
  compression: string;
}

function corrupt(message: string, file: string | undefined): AudioFeaturesError {
  return new AudioFeaturesError('CORRUPT_AUDIO', message, { file });
}

function parseCommon(bytes: Uint8Array, chunk: Chunk, isAifc: boolean, file: string | undefined): AiffCommon {
  const needed = isAifc ? 22 : 18;
  const kind = isAifc ? 'AIFC' : 'AIFF';
  if (chunk.size < needed)
    throw corrupt(`the ${kind} 'COMM' chunk declares ${chunk.size} bytes, expected at least ${needed}`, file);
  if (chunk.offset + needed > bytes.length) {
    throw corrupt(
      `the file ends ${Math.max(0, bytes.length - chunk.offset)} bytes into the ${needed}-byte ${kind} 'COMM' chunk ` +
        `(${bytes.length} bytes in all; the file is truncated)`,
      file,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const o = chunk.offset;
  const channels = view.getInt16(o, false);
  const frames = view.getUint32(o + 2, false);
  const sampleSize = view.getInt16(o + 6, false);
  const sampleRate = readExtended80(bytes, o + 8);
  const compression = isAifc ? String.fromCharCode(...bytes.subarray(o + 18, o + 22)) : 'NONE';
  if (channels <= 0) throw corrupt(`the AIFF header claims ${channels} channels (expected ≥ 1)`, file);
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    throw corrupt(`the AIFF header claims a sample rate of ${sampleRate} Hz (expected > 0)`, file);
  }
  return { channels, frames, sampleSize, sampleRate, compression };
}

/** Maps an AIFF/AIFC compression type and sample size to a sample encoding, or throws UNSUPPORTED_CODEC. */
function aiffEncoding(common: AiffCommon, file: string | undefined): SampleEncoding {
  const bits = common.sampleSize;
  const intBytes = (): 1 | 2 | 3 | 4 => {
    if (bits < 1 || bits > 32) {
      throw new AudioFeaturesError(
        'UNSUPPORTED_CODEC',
        `AIFF with ${bits}-bit samples is not supported (expected 1–32)`,
        { file },
      );
    }
    return Math.ceil(bits / 8) as 1 | 2 | 3 | 4;
  };
  switch (common.compression) {
    case 'NONE':
    case 'twos':
      return { kind: 'int', bytes: intBytes(), signed: true, littleEndian: false };
    case 'sowt':
      return { kind: 'int', bytes: intBytes(), signed: true, littleEndian: true };
    case 'raw ':
      return { kind: 'int', bytes: 1, signed: false, littleEndian: false };
    case 'in24':
      return { kind: 'int', bytes: 3, signed: true, littleEndian: false };
    case 'in32':
      return { kind: 'int', bytes: 4, signed: true, littleEndian: false };
    case 'fl32':
    case 'FL32':
      return { kind: 'float', bytes: 4, littleEndian: false };
    case 'fl64':
    case 'FL64':
      return { kind: 'float', bytes: 8, littleEndian: false };
    case 'ulaw':
    case 'ULAW':
      return { kind: 'ulaw', bytes: 1 };
    case 'alaw':
    case 'ALAW':
      return { kind: 'alaw', bytes: 1 };
    default:
      throw new AudioFeaturesError(
        'UNSUPPORTED_CODEC',
        `AIFC compression type '${common.compression}' is not supported; supported: NONE, twos, sowt, raw, in24, ` +
          'in32, fl32, fl64, ulaw, alaw',
        { file },
      );
  }
}

/**
 * Decodes an AIFF or AIFC file in pure TypeScript into `sink` (big-endian PCM 1–32 bits, AIFC `sowt`
 * little-endian PCM, `fl32`/`fl64` floats, `ulaw`/`alaw`, `raw`/`in24`/`in32`). The sample rate is
 * the 80-bit extended float of the COMM chunk. Integers are scaled like libsndfile (int16 / 32768 …).
 */
export function decodeAiff(bytes: Uint8Array, sink: SampleSink, file?: string): void {
  if (bytes.length < 12) throw corrupt(`the AIFF header is truncated (${bytes.length} bytes)`, file);
  const isAifc = hasAscii(bytes, 8, 'AIFC');
  const chunks = listChunks(bytes, 12, false);
  const found = chunks.map((c) => `'${c.id}'`).join(', ') || 'none';
  const commChunk = chunks.find((c) => c.id === 'COMM');
  if (!commChunk) throw corrupt(`no 'COMM' chunk in the AIFF file (chunks found: ${found})`, file);
  const common = parseCommon(bytes, commChunk, isAifc, file);
  const encoding = aiffEncoding(common, file);
  const soundChunk = chunks.find((c) => c.id === 'SSND');
  if (!soundChunk) {
    if (common.frames === 0) throw new AudioFeaturesError('EMPTY_AUDIO', 'the AIFF file has 0 sample frames', { file });
    throw corrupt(`no 'SSND' chunk in the AIFF file (chunks found: ${found})`, file);
  }
  if (soundChunk.offset + 8 > bytes.length) throw corrupt("the AIFF 'SSND' chunk header is truncated", file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = soundChunk.offset + 8 + view.getUint32(soundChunk.offset, false);
  const frameBytes = common.channels * encoding.bytes;
  const declared = common.frames * frameBytes;
  const inChunk = Math.max(0, Math.min(soundChunk.offset + soundChunk.size, bytes.length) - dataOffset);
  const frames = wholeFramesAvailable(declared, inChunk, frameBytes, file, "AIFF 'SSND' chunk");
  sink.start({
    sampleRate: common.sampleRate,
    channels: common.channels,
    frames,
    framesPresent: true,
    source: 'the AIFF header',
  });
  streamPcm(bytes, dataOffset, frames, common.channels, encoding, sink);
}

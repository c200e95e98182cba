import { AudioFeaturesError } from '../errors.js';
import { isMonoMpeg, mpegDeclaredLength } from './mpeg-info.js';
import { oggDeclaredLength, oggTruncation } from './ogg-pages.js';
import type { AudioData, AudioFormat } from './types.js';

/** What every wasm decoder package returns. */
interface WasmDecoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: ReadonlyArray<{ message: string; frameNumber?: number; inputBytes?: number }>;
}

/** Formats decoded by a WebAssembly decoder rather than our own TypeScript. */
export type WasmAudioFormat = Extract<AudioFormat, 'mp3' | 'ogg-vorbis' | 'ogg-opus'>;

/** Waits for a decoder's wasm instance, decodes a whole stream and always frees the instance. */
async function decodeAndFree<D extends { ready: Promise<void>; free: () => void }>(
  decoder: D,
  decodeAll: (decoder: D) => WasmDecoded | Promise<WasmDecoded>,
): Promise<WasmDecoded> {
  try {
    await decoder.ready;
    return await decodeAll(decoder);
  } finally {
    decoder.free();
  }
}

/** Loads a decoder package, turning a failed import into a typed error naming the package. */
async function loadPackage<M>(load: () => Promise<M>, packageName: string, file: string | undefined): Promise<M> {
  try {
    return await load();
  } catch (cause) {
    throw new AudioFeaturesError(
      'UNSUPPORTED_CODEC',
      `the decoder package ${packageName} could not be loaded in this environment: ${errorText(cause)}`,
      { file, cause },
    );
  }
}

/**
 * Creates the decoder for a format and returns a function that decodes a whole file with it. The
 * decoder packages are loaded on first use (dynamic import), so WAV/AIFF users never load their
 * WebAssembly.
 */
async function loadDecoder(format: WasmAudioFormat, file: string | undefined): Promise<(bytes: Uint8Array) => Promise<WasmDecoded>> {
  switch (format) {
    case 'mp3': {
      const { MPEGDecoder } = await loadPackage(() => import('mpg123-decoder'), 'mpg123-decoder', file);
      // MPEGDecoder has no decodeFile: decode() takes a whole stream.
      return (bytes) => decodeAndFree(new MPEGDecoder(), (d) => d.decode(bytes));
    }
    case 'ogg-vorbis': {
      const { OggVorbisDecoder } = await loadPackage(
        () => import('@wasm-audio-decoders/ogg-vorbis'),
        '@wasm-audio-decoders/ogg-vorbis',
        file,
      );
      return (bytes) => decodeAndFree(new OggVorbisDecoder(), (d) => d.decodeFile(bytes));
    }
    case 'ogg-opus': {
      const { OggOpusDecoder } = await loadPackage(() => import('ogg-opus-decoder'), 'ogg-opus-decoder', file);
      return (bytes) => decodeAndFree(new OggOpusDecoder(), (d) => d.decodeFile(bytes));
    }
  }
}

const CODEC_NAMES: Readonly<Record<WasmAudioFormat, string>> = {
  mp3: 'MP3',
  'ogg-vorbis': 'Ogg Vorbis',
  'ogg-opus': 'Ogg Opus',
};

/**
 * Decodes MP3, Ogg Vorbis or Ogg Opus with the WebAssembly decoders
 * (`mpg123-decoder`, `@wasm-audio-decoders/ogg-vorbis`, `ogg-opus-decoder`), freeing each decoder instance afterwards. Decoder-reported errors and
 * streams that decode to nothing become CORRUPT_AUDIO naming the file. Opus always decodes at 48 kHz.
 */
export async function decodeWithWasm(format: WasmAudioFormat, bytes: Uint8Array, file?: string): Promise<AudioData> {
  const codec = CODEC_NAMES[format];
  const input = bytes;
  if (format === 'ogg-vorbis' || format === 'ogg-opus') {
    const truncation = oggTruncation(input);
    if (truncation) throw new AudioFeaturesError('CORRUPT_AUDIO', `truncated ${codec} stream: ${truncation}`, { file });
  }
  const decode = await loadDecoder(format, file);
  let decoded: WasmDecoded;
  try {
    decoded = await decode(input);
  } catch (cause) {
    if (cause instanceof AudioFeaturesError) throw cause;
    throw new AudioFeaturesError('CORRUPT_AUDIO', `the ${codec} decoder failed: ${errorText(cause)}`, { file, cause });
  }
  if (decoded.errors.length > 0) {
    const first = decoded.errors[0]!;
    const where = first.frameNumber !== undefined ? ` at frame ${first.frameNumber}` : '';
    throw new AudioFeaturesError(
      'CORRUPT_AUDIO',
      `the ${codec} stream is corrupt: ${decoded.errors.length} decoding error(s), first${where}: ${first.message}`,
      { file },
    );
  }
  const frames = expectedLength(format, input, decoded.samplesDecoded, file);
  if (frames === 0 || decoded.channelData.length === 0) {
    throw new AudioFeaturesError('CORRUPT_AUDIO', `the ${codec} stream decoded to 0 samples (truncated or not really ${codec})`, { file });
  }
  // mpg123 always outputs two channels; a mono MP3 (channel mode 11) keeps one.
  const channelData = format === 'mp3' && isMonoMpeg(input) ? decoded.channelData.slice(0, 1) : decoded.channelData;
  // Copy out of the decoder's buffers and trim to the decoded length.
  const channels = channelData.map((channel) => channel.slice(0, frames));
  return { sampleRate: decoded.sampleRate, channels, format };
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}


/**
 * The number of samples to keep, checked against what the container declares: an MP3 Xing/Info
 * frame count must be reached (else the file was cut off:
 * CORRUPT_AUDIO); Ogg output is trimmed to the last granule position (the Opus decoder can pad a
 * stream with silence).
 */
function expectedLength(format: WasmAudioFormat, input: Uint8Array, decodedLength: number, file: string | undefined): number {
  const truncated = (what: string, declared: number) =>
    new AudioFeaturesError(
      'CORRUPT_AUDIO',
      `truncated ${what}: the header declares ${declared} samples per channel but only ${decodedLength} could be decoded`,
      { file },
    );
  switch (format) {
    case 'mp3': {
      const declared = mpegDeclaredLength(input);
      // Allow two frames of slack for encoder/decoder delay bookkeeping.
      if (declared !== undefined && decodedLength < declared - 2 * 1152) throw truncated('MP3 stream (Xing/Info frame count)', declared);
      return decodedLength;
    }
    case 'ogg-vorbis':
    case 'ogg-opus': {
      const declared = oggDeclaredLength(input, format === 'ogg-opus' ? 'opus' : 'vorbis');
      return declared !== undefined && declared > 0 && declared < decodedLength ? declared : decodedLength;
    }
  }
}

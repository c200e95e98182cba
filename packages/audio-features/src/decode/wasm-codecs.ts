import { AudioFeaturesError } from '../errors.js';
import { FORMAT_NAMES } from './describe.js';
import type { AudioFormat } from './types.js';

/** Formats decoded by a WebAssembly decoder rather than our own TypeScript. */
export type WasmAudioFormat = Extract<AudioFormat, 'mp3' | 'ogg-vorbis' | 'ogg-opus'>;

/** Bytes handed to a streaming decoder per call: its output for one call stays small, whatever the file. */
export const FEED_BYTES = 1 << 16;

/** What the wasm decoder packages return for a chunk or a frame. */
export interface WasmDecoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: ReadonlyArray<{ message: string; frameNumber?: number }>;
}

/** Loads a decoder package, turning a failed import into a typed error naming the package. */
export async function loadPackage<M>(
  load: () => Promise<M>,
  packageName: string,
  file: string | undefined,
): Promise<M> {
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

/** The message of anything thrown. */
export function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Throws CORRUPT_AUDIO for the first error a decoder reported (decoding stops there: one error, not one per frame). */
export function throwIfDecodeErrors(
  format: WasmAudioFormat,
  decoded: WasmDecoded,
  where: string,
  file: string | undefined,
): void {
  if (decoded.errors.length === 0) return;
  const first = decoded.errors[0]!;
  throw new AudioFeaturesError(
    'CORRUPT_AUDIO',
    `the ${FORMAT_NAMES[format]} stream is corrupt: ${where} cannot be decoded (${first.message})`,
    { file },
  );
}

/**
 * Runs a whole decode with a WebAssembly decoder: errors that are not already typed become CORRUPT_AUDIO naming
 * the codec, and the decoder instance is always freed.
 */
export async function runWasmDecode<D extends { ready: Promise<void>; free: () => void }>(
  format: WasmAudioFormat,
  create: () => D,
  decodeWith: (decoder: D) => Promise<void>,
  file: string | undefined,
): Promise<void> {
  let decoder: D | undefined;
  try {
    decoder = create();
    await decoder.ready;
    await decodeWith(decoder);
  } catch (cause) {
    if (cause instanceof AudioFeaturesError) throw cause;
    throw new AudioFeaturesError('CORRUPT_AUDIO', `the ${FORMAT_NAMES[format]} decoder failed: ${errorText(cause)}`, {
      file,
      cause,
    });
  } finally {
    decoder?.free();
  }
}

/** A stream that decoded to nothing: CORRUPT_AUDIO. */
export function decodedNothing(format: WasmAudioFormat, file: string | undefined): AudioFeaturesError {
  const codec = FORMAT_NAMES[format];
  return new AudioFeaturesError(
    'CORRUPT_AUDIO',
    `the ${codec} stream decoded to 0 samples (truncated or not really ${codec})`,
    { file },
  );
}

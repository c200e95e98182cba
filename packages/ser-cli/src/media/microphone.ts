/** Recording from the microphone with @ser/text/node's `recordMicrophone` (sox `rec`, `arecord` or `ffmpeg`). */
import { loadTextNode } from '../deps.js';
import { CliError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { LoadedMedia } from './load-media.js';

/** Options of {@link recordFromMicrophone}. */
export interface MicrophoneOptions {
  /** The line printed on stderr as recording starts (default `recording N s from the microphone… speak now`). */
  prompt?: string;
  /** Called once a second while recording with the seconds left (for a countdown). */
  onSecond?: (secondsLeft: number) => void;
}

/** The CLI's message for a microphone that cannot record: what went wrong, and a file to use instead. */
function microphoneError(error: unknown): CliError {
  return new CliError(`cannot record from the microphone: ${(error as Error).message}`, {
    hint: 'or analyse a recording with `ser listen --file <file>`',
    cause: error,
  });
}

/**
 * Throws at once, before anyone is asked to speak, when no recorder (sox `rec`, `arecord`, `ffmpeg`) is on PATH.
 * @throws CliError the same as {@link recordFromMicrophone} would, after the speaker had talked
 */
export async function assertMicrophoneRecorder(io: CliIo): Promise<void> {
  const { requireRecorder } = await loadTextNode();
  try {
    requireRecorder(undefined, io.env.PATH ?? '');
  } catch (error) {
    throw microphoneError(error);
  }
}

/**
 * Records `seconds` of 16-kHz mono audio from the microphone.
 * @throws CliError when no recorder is installed or the recording fails, with a hint to use a file instead
 */
export async function recordFromMicrophone(
  seconds: number,
  io: CliIo,
  options: MicrophoneOptions = {},
): Promise<LoadedMedia> {
  const { recordMicrophone } = await loadTextNode();
  io.stderr.write(`${options.prompt ?? `recording ${seconds} s from the microphone… speak now`}\n`);
  let left = Math.ceil(seconds);
  const ticker = options.onSecond ? setInterval(() => options.onSecond?.(--left), 1000) : undefined;
  let recording;
  try {
    recording = await recordMicrophone({ seconds, sampleRate: 16_000, searchPath: io.env.PATH ?? '' });
  } catch (error) {
    throw microphoneError(error);
  } finally {
    if (ticker) clearInterval(ticker);
  }
  const samples = recording.samples;
  return {
    samples,
    sampleRate: recording.sampleRate,
    channels: [samples],
    fileSampleRate: recording.sampleRate,
    fileChannels: 1,
    duration: samples.length / recording.sampleRate,
    decodedBy: 'wav',
    source: `microphone (${recording.recorder})`,
  };
}

/**
 * Bounded decoding of an encoded recording (a file or its bytes) straight to the model's input: mono, at the
 * model's rate. Shared by analysis and calibration.
 */
import { decodeAudio } from '@ser/audio-features';
import { readAudioBytes } from '@ser/audio-features/node';
import type { RecordingDescription } from '../recognizer/analysis-report.js';

/** The decode budget of {@link decodeRecording}. */
export interface DecodeBudget {
  /** Name of the recording in error messages and in the result (default: the path, or `recording`). */
  fileName?: string;
  /** The decode budget of `decodeAudio` (default three hours of mono 16 kHz audio). */
  maxDecodedSamples?: number;
  /** Refuse recordings longer than this many seconds (default: no limit). */
  maxSeconds?: number;
  /** Refuse files larger than this many bytes before reading them (default 1 GiB; paths only). */
  maxFileBytes?: number;
}

/** A decoded recording: mono samples at the requested rate, and what it was. */
export interface DecodedRecording {
  samples: Float32Array;
  sampleRate: number;
  recording: RecordingDescription;
}

/**
 * Reads (for a path) and decodes a WAV, AIFF, FLAC, MP3 or Ogg recording within the budget, mixing it to mono and
 * resampling it to `sampleRate` while decoding (so a long multichannel file is never held at its own rate).
 * @throws AudioFeaturesError naming the file (not readable, not audio, over the budget, corrupt …)
 */
export async function decodeRecording(
  input: string | Uint8Array,
  sampleRate: number,
  options: DecodeBudget = {},
): Promise<DecodedRecording> {
  const fileName = options.fileName ?? (typeof input === 'string' ? input : 'recording');
  const bytes =
    typeof input === 'string'
      ? await readAudioBytes(input, options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes })
      : input;
  const audio = await decodeAudio(bytes, {
    fileName,
    mono: true,
    sr: sampleRate,
    ...(options.maxDecodedSamples === undefined ? {} : { maxDecodedSamples: options.maxDecodedSamples }),
    ...(options.maxSeconds === undefined ? {} : { maxSeconds: options.maxSeconds }),
  });
  return {
    samples: audio.channels[0] ?? new Float32Array(0),
    sampleRate: audio.sampleRate,
    recording: {
      source: fileName,
      format: audio.format,
      sampleRate: audio.fileSampleRate ?? audio.sampleRate,
      channels: audio.fileChannels ?? audio.channels.length,
    },
  };
}

/**
 * Recording from the microphone in Node through an installed command-line recorder (sox `rec`,
 * ALSA `arecord` or `ffmpeg`).
 */
import { spawn } from 'node:child_process';
import { TextEmotionError } from '../errors.js';
import { validateRecordingLength } from '../recording-options.js';
import {
  findRecorder,
  recorderArguments,
  RECORDERS,
  s16leToFloat32,
  type FoundRecorder,
  type RecorderName,
} from './find-recorder.js';
import { recorderMessage } from './recorder-message.js';

/** Options of {@link recordMicrophone}. */
export interface RecordMicrophoneOptions {
  /** Length in seconds (> 0, at most 3600). */
  seconds: number;
  /** Sample rate in Hz (default 16000, what Whisper wants). */
  sampleRate?: number;
  /** Use this recorder instead of the first found of rec, arecord, ffmpeg. */
  recorder?: RecorderName;
  /** Input device name (recorder-specific; default: the system default input). */
  device?: string;
  /** ffmpeg's input format (default alsa on Linux, avfoundation on macOS, dshow on Windows). */
  ffmpegInputFormat?: string;
  /** PATH to search (default `process.env.PATH`). */
  searchPath?: string;
}

/** A recording. */
export interface MicrophoneRecording {
  samples: Float32Array;
  sampleRate: number;
  /** Which program recorded it. */
  recorder: RecorderName;
}

const INSTALL_HINT =
  'install one of: sox (provides `rec`; apt install sox / brew install sox), alsa-utils (provides `arecord`; apt install alsa-utils), ' +
  'or ffmpeg (apt install ffmpeg / brew install ffmpeg)';

/**
 * The recorder {@link recordMicrophone} would use, found on `searchPath` (default `PATH`): call it before asking
 * someone to speak, so a machine without one says so at once.
 * @param preferred - a recorder to look for alone (`rec`, `arecord` or `ffmpeg`)
 * @throws TextEmotionError RECORDER_UNAVAILABLE naming what was looked for and what to install
 * @example
 * ```ts
 * const { name } = requireRecorder(); // e.g. 'arecord'
 * ```
 */
export function requireRecorder(preferred?: RecorderName, searchPath?: string): FoundRecorder {
  const found = findRecorder(preferred, searchPath);
  if (found) return found;
  const looked = preferred ? `\`${preferred}\`` : RECORDERS.map((r) => `\`${r}\``).join(', ');
  throw new TextEmotionError(
    'RECORDER_UNAVAILABLE',
    `no microphone recorder found on PATH (looked for ${looked}); ${INSTALL_HINT}`,
  );
}

/**
 * Records `seconds` of mono audio at `sampleRate` from the default microphone. Throws
 * RECORDER_UNAVAILABLE naming what to install when no recorder is on PATH, and RECORDING_FAILED with the
 * recorder's own message when it fails (no device, permission, …), without the ALSA/JACK diagnostics before it.
 */
export async function recordMicrophone(options: RecordMicrophoneOptions): Promise<MicrophoneRecording> {
  const { seconds, sampleRate } = validateRecordingLength(options);
  if (options.recorder !== undefined && !RECORDERS.includes(options.recorder)) {
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      `recorder must be one of ${RECORDERS.join(', ')}, got ${String(options.recorder)}`,
    );
  }
  const found = requireRecorder(options.recorder, options.searchPath);
  const args = recorderArguments(found.name, {
    seconds,
    sampleRate,
    ...(options.device ? { device: options.device } : {}),
    ...(options.ffmpegInputFormat ? { ffmpegInputFormat: options.ffmpegInputFormat } : {}),
  });
  const env = found.name === 'rec' && options.device ? { ...process.env, AUDIODEV: options.device } : process.env;
  const bytes = await runRecorder(found.executable, args, env, (seconds + 15) * 1000, found.name);
  const wanted = Math.round(seconds * sampleRate);
  const all = s16leToFloat32(bytes);
  const samples = all.length > wanted ? all.slice(0, wanted) : all;
  if (samples.length === 0) {
    throw new TextEmotionError(
      'RECORDING_FAILED',
      `${found.name} (${found.executable}) produced no audio; check that a microphone is connected and allowed`,
    );
  }
  return { samples, sampleRate, recorder: found.name };
}

function runRecorder(
  executable: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  name: string,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const chunks: Buffer[] = [];
    // the end is kept: the recorder's own message comes after the audio libraries' diagnostics
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString()).slice(-8000);
    });
    child.on('error', (cause) => {
      clearTimeout(timer);
      reject(
        new TextEmotionError('RECORDING_FAILED', `could not start ${name} (${executable}): ${cause.message}`, {
          cause,
        }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(new Uint8Array(Buffer.concat(chunks)));
        return;
      }
      reject(
        new TextEmotionError(
          'RECORDING_FAILED',
          `${name} (${executable} ${args.join(' ')}) failed with ${signal ? `signal ${signal}` : `exit code ${code}`}: ${recorderMessage(stderr) || 'no message'}`,
        ),
      );
    });
  });
}

/**
 * Finding a command-line audio recorder on PATH and the command line that makes it write raw 16-bit
 * little-endian mono PCM to stdout.
 */
import { findExecutable } from '@ser/audio-features/node';

export { findExecutable };

/** Recorders we know how to drive, in order of preference. */
export const RECORDERS = ['rec', 'arecord', 'ffmpeg'] as const;
/** One of {@link RECORDERS}. */
export type RecorderName = (typeof RECORDERS)[number];

/** A recorder found on PATH. */
export interface FoundRecorder {
  name: RecorderName;
  /** Absolute path of the executable. */
  executable: string;
}

/** The first available recorder (or the one asked for) on `searchPath`; undefined when there is none. */
export function findRecorder(preferred?: RecorderName, searchPath?: string): FoundRecorder | undefined {
  for (const name of preferred ? [preferred] : RECORDERS) {
    const executable = findExecutable(name, searchPath);
    if (executable) return { name, executable };
  }
  return undefined;
}

/** Settings that shape a recorder's command line. */
export interface RecorderCommandOptions {
  seconds: number;
  sampleRate: number;
  /** Input device: sox/ffmpeg device name or ALSA PCM (default: the system default). */
  device?: string;
  /** ffmpeg input format (default `alsa` on Linux, `avfoundation` on macOS, `dshow` on Windows). */
  ffmpegInputFormat?: string;
}

/** Arguments that make `recorder` write `seconds` of raw s16le mono at `sampleRate` to stdout. */
export function recorderArguments(recorder: RecorderName, options: RecorderCommandOptions): string[] {
  const { seconds, sampleRate } = options;
  switch (recorder) {
    case 'rec':
      // sox picks its input device from the AUDIODEV environment variable (see recordMicrophone).
      return [
        '-q',
        '-t',
        'raw',
        '-b',
        '16',
        '-e',
        'signed-integer',
        '-c',
        '1',
        '-r',
        String(sampleRate),
        '-',
        'trim',
        '0',
        String(seconds),
      ];
    case 'arecord':
      return [
        '-q',
        ...(options.device ? ['-D', options.device] : []),
        '-f',
        'S16_LE',
        '-c',
        '1',
        '-r',
        String(sampleRate),
        '-t',
        'raw',
        '-d',
        String(Math.ceil(seconds)),
      ];
    case 'ffmpeg': {
      const format =
        options.ffmpegInputFormat ??
        (process.platform === 'darwin' ? 'avfoundation' : process.platform === 'win32' ? 'dshow' : 'alsa');
      const device = options.device ?? (format === 'avfoundation' ? ':0' : 'default');
      return [
        '-hide_banner',
        '-loglevel',
        'error',
        '-nostdin',
        '-f',
        format,
        '-i',
        device,
        '-t',
        String(seconds),
        '-ac',
        '1',
        '-ar',
        String(sampleRate),
        '-f',
        's16le',
        '-',
      ];
    }
  }
}

/** Decodes raw signed 16-bit little-endian PCM into floats in [−1, 1). */
export function s16leToFloat32(bytes: Uint8Array): Float32Array {
  const count = Math.floor(bytes.length / 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true) / 32768;
  return out;
}

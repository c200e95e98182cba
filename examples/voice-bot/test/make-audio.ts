/**
 * Real audio files for the tests, made with espeak-ng (speech) and ffmpeg (encoders).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Speaks `text` with espeak-ng into `dir/<name>.wav` (22 050 Hz mono 16-bit) and returns the path.
 */
export function speechWav(dir: string, name: string, text: string): string {
  const out = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-s', '150', '-w', out, text]);
  return out;
}

/** Re-encodes `input` with ffmpeg into `dir/<name>` using the given codec arguments; returns the path. */
export function encode(input: string, dir: string, name: string, codecArgs: string[]): string {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...codecArgs, out]);
  return out;
}

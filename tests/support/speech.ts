/**
 * Test speech made on the spot: espeak-ng speaks a sentence into a WAV (22 050 Hz mono 16-bit), for tests
 * that need real recordings without ../shared. Needs espeak-ng (declare it with `needs('espeak-ng')`).
 *
 * @example
 * ```ts
 * const wav = speechWav(dir, 'hello', 'Hello there, how are you?');
 * ```
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Speaks `text` with espeak-ng into `dir/<name>.wav` and returns the path.
 * @param options `wordsPerMinute` (espeak-ng `-s`, default 150), `voice` (espeak-ng `-v`, e.g. `en+f3`)
 */
export function speechWav(
  dir: string,
  name: string,
  text: string,
  options: { wordsPerMinute?: number; voice?: string } = {},
): string {
  const out = join(dir, `${name}.wav`);
  const voice = options.voice ? ['-v', options.voice] : [];
  execFileSync('espeak-ng', [...voice, '-s', String(options.wordsPerMinute ?? 150), '-w', out, text]);
  return out;
}

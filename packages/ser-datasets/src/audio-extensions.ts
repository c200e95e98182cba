import { extname } from 'node:path';

/** Audio file extensions the scanners accept (compared case-insensitively). */
export const AUDIO_EXTENSIONS: readonly string[] = ['.wav', '.flac', '.mp3', '.ogg', '.aiff', '.aif'];

/** True when `filePath` ends in one of {@link AUDIO_EXTENSIONS}, in any letter case. */
export function hasAudioExtension(filePath: string): boolean {
  return AUDIO_EXTENSIONS.includes(extname(filePath).toLowerCase());
}

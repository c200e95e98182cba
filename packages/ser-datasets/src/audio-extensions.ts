/** Audio file extensions the scanners accept (compared case-insensitively). */
export const AUDIO_EXTENSIONS: readonly string[] = ['.wav', '.flac', '.mp3', '.ogg', '.aiff', '.aif'];

/** The extension of a file name or path, lower-cased, with its dot (`''` when there is none). */
export function lowerCaseExtension(filePath: string): string {
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** True when `filePath` ends in one of {@link AUDIO_EXTENSIONS}, in any letter case. */
export function hasAudioExtension(filePath: string): boolean {
  return AUDIO_EXTENSIONS.includes(lowerCaseExtension(filePath));
}

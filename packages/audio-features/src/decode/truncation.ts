import { AudioFeaturesError } from '../errors.js';

/**
 * Number of whole frames to decode from a sample-data block that declares `declaredBytes` but of
 * which only `availableBytes` are in the file.
 *
 * Policy (documented in the README): a file truncated by less than one frame (a partial last
 * frame) decodes its whole frames; a larger shortfall is a CORRUPT_AUDIO error that says how many
 * bytes were expected and found, rather than silently returning part of the recording.
 */
export function wholeFramesAvailable(
  declaredBytes: number,
  availableBytes: number,
  frameBytes: number,
  file: string | undefined,
  what: string,
): number {
  if (declaredBytes - availableBytes >= frameBytes) {
    throw new AudioFeaturesError(
      'CORRUPT_AUDIO',
      `truncated ${what}: the header declares ${declaredBytes} bytes of samples but the file holds only ` +
        `${availableBytes} (${Math.floor(availableBytes / frameBytes)} of ${Math.floor(declaredBytes / frameBytes)} frames); ` +
        'the file was probably cut off while copying or recording',
      { file },
    );
  }
  return Math.floor(Math.min(declaredBytes, availableBytes) / frameBytes);
}

/**
 * The useful part of a recorder's stderr. Without a sound card, sox `rec` and `arecord` print the ALSA library's
 * diagnostics first (`ALSA lib confmisc.c:855:(parse_card) cannot find card '0'`, eight lines or more) and their own
 * message last (`rec FAIL sox: Sorry, there is no default audio device configured`); JACK and PulseAudio clients add
 * similar lines. Those lines say nothing a user can act on and push the real message out of sight.
 */

/** Lines of audio-library diagnostics, not of the recorder itself. */
const NOISE = [
  /^ALSA lib /,
  /^(Cannot connect to server|jack server is not running|JackShmReadWritePtr)/i,
  /^(Home directory not accessible|pulse audio|W: \[pulseaudio\])/i,
];

/**
 * `stderr` without the audio libraries' diagnostic lines; when nothing else is left, the last of them (it is the
 * most specific, e.g. `Unknown PCM default`).
 *
 * @param stderr what the recorder wrote on stderr
 * @returns the trimmed message, `''` when there was none
 * @example
 * ```ts
 * recorderMessage("ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\nrec FAIL sox: Sorry, there is no default audio device configured\n");
 * // 'rec FAIL sox: Sorry, there is no default audio device configured'
 * ```
 */
export function recorderMessage(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
  const useful = lines.filter((line) => !NOISE.some((pattern) => pattern.test(line)));
  if (useful.length > 0) return useful.join('\n');
  return lines.at(-1) ?? '';
}

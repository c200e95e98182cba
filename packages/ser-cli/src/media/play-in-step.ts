/** Playing a recording while printing lines at the moments they describe. */
import type { AudioPlayer } from './player.js';
import { startPlayback } from './player.js';

/** A line to print `at` seconds after playback starts. */
export interface TimedLine {
  at: number;
  line: string;
}

/**
 * Starts `player` on `file` and writes each line when playback reaches its time; resolves when the player has
 * exited and every line is out (lines not yet printed when the player stops early are printed at once).
 * @returns the player's exit code and its error output
 */
export async function playInStep(
  player: AudioPlayer,
  file: string,
  lines: readonly TimedLine[],
  write: (line: string) => void,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const playback = startPlayback(player, file, env);
  const started = performance.now();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const flushDue = (all: boolean): void => {
    const elapsed = (performance.now() - started) / 1000;
    while (next < lines.length && (all || lines[next]!.at <= elapsed)) write(lines[next++]!.line);
  };
  const schedule = (): void => {
    flushDue(false);
    if (next >= lines.length) return;
    const wait = Math.max(0, lines[next]!.at * 1000 - (performance.now() - started));
    timer = setTimeout(schedule, wait);
  };
  schedule();
  const result = await playback.finished;
  if (timer) clearTimeout(timer);
  flushDue(true);
  return result;
}

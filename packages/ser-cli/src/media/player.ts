/** Playing a WAV file through whichever command-line player is installed: sox `play`, `ffplay`, `aplay`. */
import { spawn } from 'node:child_process';
import { findExecutable } from '@ser/audio-features/node';

/** A command-line audio player found on PATH. */
export interface AudioPlayer {
  /** The program's name. */
  name: 'play' | 'ffplay' | 'aplay';
  /** Its full path. */
  path: string;
  /** Arguments that play `file` once, quietly, without a window. */
  args(file: string): string[];
}

const CANDIDATES: readonly { name: AudioPlayer['name']; args(file: string): string[] }[] = [
  { name: 'play', args: (file) => ['-q', file] },
  { name: 'ffplay', args: (file) => ['-nodisp', '-autoexit', '-loglevel', 'error', file] },
  { name: 'aplay', args: (file) => ['-q', file] },
];

/** What to tell a user who asked for playback when no player exists. */
export const NO_PLAYER_MESSAGE =
  'cannot play audio: none of `play` (sox), `ffplay` (ffmpeg) or `aplay` (alsa-utils) is on PATH; ' +
  'install one (e.g. `sudo apt install sox`, `brew install sox`) — showing the results without playback';

/** The first available player, in the order sox `play`, `ffplay`, `aplay`. */
export function findPlayer(env: Record<string, string | undefined>): AudioPlayer | undefined {
  for (const candidate of CANDIDATES) {
    const path = findExecutable(candidate.name, env);
    if (path) return { name: candidate.name, path, args: candidate.args };
  }
  return undefined;
}

/** A running playback. */
export interface Playback {
  /** Resolves when the player exits: its exit code (null when a signal ended it), the signal, and its last error lines. */
  finished: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Stops playback. */
  stop(): void;
}

/** Starts playing `file` with `player`; the player's output is captured, not shown. */
export function startPlayback(player: AudioPlayer, file: string, env: Record<string, string | undefined>): Playback {
  const child = spawn(player.path, player.args(file), { stdio: ['ignore', 'ignore', 'pipe'], env: env });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    if (stderr.length < 4000) stderr += text;
  });
  const finished = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('error', (error) => resolve({ code: -1, signal: null, stderr: error.message }));
    child.on('close', (code, signal) =>
      resolve({ code, signal, stderr: stderr.trim().split('\n').slice(-2).join(' ') }),
    );
  });
  return { finished, stop: () => child.kill('SIGTERM') };
}

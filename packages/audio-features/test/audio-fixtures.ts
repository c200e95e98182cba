/**
 * Test helpers: real audio files made with espeak-ng, sox and ffmpeg in a temporary directory, and
 * an independent reference decoder (sox) to compare against.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATASETS_DIR } from '@ser/test-support';

/** The corpora beside the repository (`../shared/datasets`) and their original recordings. */
export const datasetsDir = DATASETS_DIR;
export const originalsDir = path.join(DATASETS_DIR, 'originals');

/** Runs a command, failing with its stderr. */
export function run(command: string, args: string[]): Buffer {
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

/** Decodes a file with sox into `channels` float32 channels (sox's own decoders: an independent reference). */
export function soxChannels(file: string, channels: number): Float32Array[] {
  const raw = run('sox', [file, '-t', 'f32', '-']);
  const interleaved = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const frames = interleaved.length / channels;
  return Array.from({ length: channels }, (_, c) =>
    Float32Array.from({ length: frames }, (_, i) => interleaved[i * channels + c]!),
  );
}

/** Decodes a file with ffmpeg's own decoders to mono float32 (an independent reference for lossy codecs). */
export function ffmpegMono(file: string): Float32Array {
  const raw = run('ffmpeg', ['-v', 'error', '-i', file, '-ac', '1', '-f', 'f32le', '-']);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** Largest |a − b| over two equally long arrays. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Pearson correlation of `a` and `b` shifted by `lag` (b[i + lag] against a[i]) over their overlap. */
function correlationAtLag(a: Float32Array, b: Float32Array, lag: number, start: number, length: number): number {
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = start; i < start + length; i++) {
    const j = i + lag;
    if (j < 0 || j >= b.length || i >= a.length) continue;
    sab += a[i]! * b[j]!;
    saa += a[i]! * a[i]!;
    sbb += b[j]! * b[j]!;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Best correlation of `decoded` with `reference` over lags in [−maxLag, maxLag] (lossy codecs add
 * encoder/decoder delay), measured on `length` samples from `start`. Coarse search then refinement.
 */
export function alignedCorrelation(
  reference: Float32Array,
  decoded: Float32Array,
  maxLag: number,
  start: number,
  length: number,
) {
  let best = { lag: 0, correlation: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag += 8) {
    const c = correlationAtLag(reference, decoded, lag, start, length);
    if (c > best.correlation) best = { lag, correlation: c };
  }
  for (let lag = best.lag - 8; lag <= best.lag + 8; lag++) {
    const c = correlationAtLag(reference, decoded, lag, start, length);
    if (c > best.correlation) best = { lag, correlation: c };
  }
  return best;
}

/** A temporary directory of generated audio files. */
export interface FixtureDir {
  dir: string;
  file(name: string): string;
  cleanup(): void;
}

/** The speech every generated fixture is made from (espeak-ng, 22 050 Hz, 16-bit mono). */
const SENTENCE = 'Kids are talking by the door. Dogs are sitting by the door.';

/**
 * Generates the fixtures: `speech.wav` (espeak-ng), `speech48k.wav`, `stereo.wav` (speech left,
 * −0.5 × speech right), and every `<name>` listed in `recipes`, each made by sox or ffmpeg.
 */
export function makeFixtures(recipes: Record<string, (f: (name: string) => string) => void>): FixtureDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'ser-audio-io-'));
  const file = (name: string) => path.join(dir, name);
  run('espeak-ng', ['-w', file('speech.wav'), SENTENCE]);
  // -R: repeatable (sox otherwise seeds its dither randomly, so fixtures would differ between runs).
  run('sox', ['-R', file('speech.wav'), '-r', '48000', file('speech48k.wav')]);
  run('sox', ['-R', '-M', file('speech.wav'), file('speech.wav'), file('stereo.wav'), 'remix', '1', '2v-0.5']);
  for (const recipe of Object.values(recipes)) recipe(file);
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** sox conversion recipe: `sox speech.wav <args> <name>`. */
export const soxRecipe =
  (name: string, args: string[], source = 'speech.wav') =>
  (f: (n: string) => string) => {
    run('sox', ['-R', f(source), ...args, f(name)]);
  };

/** ffmpeg conversion recipe: `ffmpeg -i <source> <args> <name>`. */
export const ffmpegRecipe =
  (name: string, args: string[], source = 'speech.wav') =>
  (f: (n: string) => string) => {
    run('ffmpeg', ['-v', 'error', '-y', '-i', f(source), ...args, f(name)]);
  };

/** Writes bytes to a fixture file. */
export const bytesRecipe =
  (name: string, make: (f: (n: string) => string) => Uint8Array) => (f: (n: string) => string) => {
    writeFileSync(f(name), make(f));
  };

/**
 * Speaker calibration files (`*.calibration.json`, what `ser calibrate` writes): reading one with @ser/models'
 * `parseCalibration`, and writing one so that an existing file is never left half-written.
 */
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SpeakerCalibration } from '@ser/models';
import { loadDatasets, loadModels } from '../deps.js';
import { CliError } from '../errors.js';

/** Largest calibration file read, bytes: a real one is about 2 KB; anything far larger is not a calibration. */
export const MAX_CALIBRATION_BYTES = 1024 * 1024;

/** A calibration read from a file. */
export interface CalibrationFile {
  /** The path as the user gave it (named in messages and reports). */
  file: string;
  calibration: SpeakerCalibration;
}

/** What reports say about the calibration an analysis used. */
export interface CalibrationSummary {
  /** The calibration file, or `null` when it was made in this run and not saved. */
  file: string | null;
  /** Seconds of calm speech it rests on. */
  speechSeconds: number;
  /** Recordings enrolled. */
  recordings: number;
  /** When it was made (ISO 8601). */
  createdAt: string;
}

const CALIBRATE_HINT = 'make a calibration file with `ser calibrate <calm-recording…> --out <file.calibration.json>`';

/**
 * Reads and checks the calibration file `given` (relative to `cwd`).
 * @param option - the option it came from, named in messages (`--calibration`)
 * @throws CliError naming the file: missing, not a regular file, over {@link MAX_CALIBRATION_BYTES}, or not a
 *   valid calibration (`parseCalibration`'s message says which field)
 * @example
 * ```ts
 * const { calibration } = await readCalibrationFile('me.calibration.json', process.cwd());
 * ```
 */
export async function readCalibrationFile(
  given: string,
  cwd: string,
  option = '--calibration',
): Promise<CalibrationFile> {
  const path = resolve(cwd, given);
  const info = await stat(path).catch((cause: unknown) => {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (cause as Error).message})`;
    throw new CliError(`${option} ${given}: ${path} ${why}`, { hint: CALIBRATE_HINT });
  });
  if (!info.isFile()) throw new CliError(`${option} ${given}: ${path} is not a regular file`, { hint: CALIBRATE_HINT });
  if (info.size > MAX_CALIBRATION_BYTES) {
    throw new CliError(
      `${option} ${given}: ${info.size} bytes is far too large for a calibration file (at most ${MAX_CALIBRATION_BYTES})`,
      { hint: CALIBRATE_HINT },
    );
  }
  const handle = await open(path, 'r');
  let text: string;
  try {
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  const { parseCalibration } = await loadModels();
  try {
    return { file: given, calibration: parseCalibration(text, given) };
  } catch (cause) {
    throw new CliError(`${option} ${(cause as Error).message}`, {
      hint: `${CALIBRATE_HINT} (a calibration file is not edited by hand)`,
      cause,
    });
  }
}

/**
 * Writes `calibration` as JSON to `given` (relative to `cwd`): to a temporary file beside it first, then renamed
 * over it, so an existing file is replaced whole or not at all.
 * @returns the absolute path written
 * @throws CliError naming the file when it cannot be written (folder missing or read-only, disk full)
 */
export async function writeCalibrationFile(
  given: string,
  cwd: string,
  calibration: SpeakerCalibration,
): Promise<string> {
  const path = resolve(cwd, given);
  const { writeFilesAtomically } = await loadDatasets();
  try {
    await writeFilesAtomically([{ path, bytes: `${JSON.stringify(calibration, null, 2)}\n` }]);
  } catch (cause) {
    throw new CliError(`cannot write the calibration to ${given}: ${(cause as Error).message}`, {
      hint: 'choose a writable folder for --out',
      cause,
    });
  }
  return path;
}

/** The report's view of a calibration: where it is, how much speech, when. */
export function calibrationSummary(calibration: SpeakerCalibration, file: string | null): CalibrationSummary {
  return {
    file,
    speechSeconds: calibration.speechSeconds,
    recordings: calibration.recordings,
    createdAt: calibration.createdAt,
  };
}

/** One line for headers: `calibrated with me.calibration.json (7.4 s of calm speech, 2026-12-02)`. */
export function describeCalibration(summary: CalibrationSummary): string {
  const from = summary.file ?? 'the enrollment just recorded';
  return `calibrated with ${from} (${summary.speechSeconds.toFixed(1)} s of calm speech, ${summary.createdAt.slice(0, 10)})`;
}

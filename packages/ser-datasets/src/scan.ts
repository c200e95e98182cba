import { basename, dirname } from 'node:path';
import { AUDIO_EXTENSIONS, hasAudioExtension, lowerCaseExtension } from './audio-extensions.js';
import { DatasetError } from './errors.js';
import { listFilesRecursive } from './list-files.js';
import { compareCodeUnits } from './sort.js';
import { parseCremaDName } from './naming/cremad.js';
import type { NameParseResult } from './naming/parsed-name.js';
import { parseRavdessName } from './naming/ravdess.js';
import { parseTessName } from './naming/tess.js';
import type { DatasetItem, DatasetName, ScanResult, SkippedFile } from './types.js';

/** Options common to every scanner. */
export interface ScanOptions {
  /** RAVDESS only: keep song recordings (vocal channel 02). Default false (they are skipped with a reason). */
  includeSong?: boolean;
}

/** What {@link scanDataset} accepts as a corpus name: one corpus, or `auto` to recognise each file by its name. */
export type ScanDatasetName = DatasetName | 'crema-d' | 'auto';

type NameParser = (stem: string, parentFolder: string, options: ScanOptions) => NameParseResult;

const PARSERS: Record<DatasetName, NameParser> = {
  ravdess: (stem, parent, options) => parseRavdessName(stem, parent, options),
  cremad: (stem) => parseCremaDName(stem),
  tess: (stem) => parseTessName(stem),
};

/**
 * Scans a RAVDESS folder (e.g. `Actor_01` … `Actor_24` at any depth; folder case does not matter).
 * @param dir - directory to scan recursively
 * @returns recognised speech recordings and every other file with the reason it was skipped
 */
export function scanRavdess(dir: string, options: ScanOptions = {}): Promise<ScanResult> {
  return scanWith(dir, ['ravdess'], options);
}

/**
 * Scans a CREMA-D folder (`AudioWAV/1001_DFA_ANG_XX.wav` …, at any depth).
 * @param dir - directory to scan recursively
 * @returns recognised recordings and every other file with the reason it was skipped
 */
export function scanCremaD(dir: string, options: ScanOptions = {}): Promise<ScanResult> {
  return scanWith(dir, ['cremad'], options);
}

/**
 * Scans a TESS folder (`OAF_angry/OAF_back_angry.wav` …, at any depth).
 * @param dir - directory to scan recursively
 * @returns recognised recordings and every other file with the reason it was skipped
 */
export function scanTess(dir: string, options: ScanOptions = {}): Promise<ScanResult> {
  return scanWith(dir, ['tess'], options);
}

/**
 * Scans `dir` for one named corpus (`ravdess`, `cremad` / `crema-d`, `tess`, any case), or with `auto` for all
 * three, recognising each file by its name. In every scanner, a recording that appears twice (same corpus and
 * file stem, e.g. a `.wav` original next to its `.flac` copy) is kept once: the later path (in sorted order)
 * is skipped as a duplicate, naming the first.
 *
 * @throws DatasetError INVALID_ARGUMENT for an unknown corpus name, NOT_FOUND for a missing directory
 */
export async function scanDataset(
  dir: string,
  name: ScanDatasetName | string,
  options: ScanOptions = {},
): Promise<ScanResult> {
  return scanWith(dir, datasetsForName(name), options);
}

/** Resolves a corpus name given by a user to the corpora it means. */
export function datasetsForName(name: string): DatasetName[] {
  const key = String(name)
    .toLowerCase()
    .replace(/[-_\s]/g, '');
  if (key === 'ravdess') return ['ravdess'];
  if (key === 'cremad') return ['cremad'];
  if (key === 'tess') return ['tess'];
  if (key === 'auto') return ['ravdess', 'cremad', 'tess'];
  throw new DatasetError(
    'INVALID_ARGUMENT',
    `unknown dataset "${name}": expected ravdess, cremad (crema-d), tess or auto`,
  );
}

async function scanWith(dir: string, datasets: DatasetName[], options: ScanOptions): Promise<ScanResult> {
  const notRead: SkippedFile[] = [];
  const files = await listFilesRecursive(dir, notRead);
  const items: DatasetItem[] = [];
  const skipped: SkippedFile[] = [...notRead];
  const seen = new Map<string, string>();
  for (const path of files) {
    const result = classifyFile(path, datasets, options);
    if ('reason' in result) {
      skipped.push(result);
      continue;
    }
    const key = `${result.dataset}:${result.stem.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      skipped.push({ path, reason: `duplicate recording: same ${result.dataset} name as ${first}` });
      continue;
    }
    seen.set(key, path);
    items.push(result);
  }
  items.sort((a, b) => compareCodeUnits(a.path, b.path));
  skipped.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { items, skipped };
}

/** Turns one file path into an item, or into a skipped entry with the reason. */
function classifyFile(path: string, datasets: DatasetName[], options: ScanOptions): DatasetItem | SkippedFile {
  if (!hasAudioExtension(path)) {
    const ext = lowerCaseExtension(path) || '(none)';
    return { path, reason: `extension ${ext} is not an audio extension (${AUDIO_EXTENSIONS.join(' ')})` };
  }
  const name = basename(path);
  if (name.startsWith('._')) return { path, reason: 'macOS metadata file (AppleDouble "._" prefix), not a recording' };
  const stem = name.slice(0, name.length - lowerCaseExtension(name).length);
  const parentFolder = basename(dirname(path));
  const reasons: string[] = [];
  for (const dataset of datasets) {
    const parsed = PARSERS[dataset](stem, parentFolder, options);
    if (parsed.ok) return { path, ...parsed.fields };
    reasons.push(parsed.reason);
  }
  return { path, reason: reasons.join('; ') };
}

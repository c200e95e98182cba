import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** `shared/datasets` beside the repository root (the repo is cloned at `<somewhere>/main`). */
export const DATASETS = resolve(here, '../../../../shared/datasets');
/** RAVDESS actors 1–20 as 16 kHz FLAC. */
export const RAVDESS_DIR = resolve(DATASETS, 'ravdess');
/** TESS as 16 kHz FLAC. */
export const TESS_DIR = resolve(DATASETS, 'tess');
/** Untouched original WAV/AIFF files. */
export const ORIGINALS_DIR = resolve(DATASETS, 'originals');
/** The package root. */
export const PACKAGE_DIR = resolve(here, '..');
/** True when the shared data is present. */
export const HAS_DATASETS = existsSync(RAVDESS_DIR) && existsSync(TESS_DIR);

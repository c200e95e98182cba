import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS_DIR } from '@ser/test-support';

const here = dirname(fileURLToPath(import.meta.url));

/** `shared/datasets` beside the repository root. */
export const DATASETS = DATASETS_DIR;
/** RAVDESS actors 1–20 as 16 kHz FLAC. */
export const RAVDESS_DIR = resolve(DATASETS, 'ravdess');
/** TESS as 16 kHz FLAC. */
export const TESS_DIR = resolve(DATASETS, 'tess');
/** Untouched original WAV/AIFF files. */
export const ORIGINALS_DIR = resolve(DATASETS, 'originals');
/** The package root. */
export const PACKAGE_DIR = resolve(here, '..');

/** Shared types of @ser/datasets. */
import type { Emotion } from '@ser/core';

/** The corpora this package knows. Also the namespace of speaker ids (`ravdess:01`, `cremad:1001`, `tess:OAF`). */
export type DatasetName = 'ravdess' | 'cremad' | 'tess';

/** Speaker gender as published by each corpus. */
export type Gender = 'male' | 'female';

/** Emotional intensity: RAVDESS `normal`/`strong`; CREMA-D `low`/`medium`/`high`/`unspecified`. */
export type Intensity = 'normal' | 'strong' | 'low' | 'medium' | 'high' | 'unspecified';

/** One recording of a corpus, with everything its file name says. */
export interface DatasetItem {
  /** Absolute path of the audio file. */
  path: string;
  /** Corpus the file belongs to. */
  dataset: DatasetName;
  /** Speaker id namespaced by corpus: `ravdess:01`, `cremad:1001`, `tess:OAF`. */
  speaker: string;
  /** Speaker gender (RAVDESS: odd actors male; TESS: both female; CREMA-D: VideoDemographics.csv). */
  gender: Gender;
  /** Normalised emotion (see {@link Emotion}). */
  emotion: Emotion;
  /** The label exactly as the corpus codes it: RAVDESS `05`, CREMA-D `ANG`, TESS `ps`. */
  sourceLabel: string;
  /** Emotional intensity, when the corpus records it (RAVDESS, CREMA-D). */
  intensity?: Intensity;
  /** What was said: RAVDESS statement code `01`/`02`, CREMA-D sentence code (`DFA`, …), TESS target word. */
  statement?: string;
  /** RAVDESS repetition, 1 or 2. */
  repetition?: number;
  /** The file name without directory or extension (`03-01-05-01-01-01-01`, `1001_DFA_ANG_XX`, `OAF_back_angry`). */
  stem: string;
}

/** A file a scanner found but did not turn into an item, and why. */
export interface SkippedFile {
  /** Path of the file. */
  path: string;
  /** Why it was skipped (naming convention not matched, unknown code, not an audio extension, duplicate, …). */
  reason: string;
}

/** Result of a scanner: items and skipped files, each sorted by path. */
export interface ScanResult {
  /** Recognised recordings, sorted by path. */
  items: DatasetItem[];
  /** Files that were found but not recognised, sorted by path. Nothing is dropped silently. */
  skipped: SkippedFile[];
}

import type { DatasetItem } from '../types.js';

/** The fields a file name yields (an item without `path`). */
export type ParsedName = Omit<DatasetItem, 'path'>;

/** Either the fields of a recognised name or the reason it was not recognised. */
export type NameParseResult = { ok: true; fields: ParsedName } | { ok: false; reason: string };

/** Builds a failed {@link NameParseResult}. */
export function rejectName(reason: string): NameParseResult {
  return { ok: false, reason };
}

/** A train/test partition of row indices. */
export interface Split {
  /** Row indices of the training side, ascending. */
  train: number[];
  /** Row indices of the test side, ascending. */
  test: number[];
  /** Speakers with rows on the training side, sorted. */
  trainSpeakers: string[];
  /** Speakers with rows on the test side, sorted. */
  testSpeakers: string[];
}

/** Something with a speaker per row: a corpus (`{ items }`) or an item list. */
export type SpeakerRows = { items: ReadonlyArray<{ speaker: string }> } | ReadonlyArray<{ speaker: string }>;

/** The speaker of every row of a corpus or item list. */
export function speakersOfRows(rows: SpeakerRows): string[] {
  const items = 'items' in rows ? rows.items : rows;
  return items.map((item) => item.speaker);
}

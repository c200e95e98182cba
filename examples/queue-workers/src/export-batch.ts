/**
 * `results --out batch.jsonl|.csv`: a batch's results in input order, one record per recording.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Queue } from 'bullmq';
import type { BatchEntry } from './batch-record.js';
import type { ResultsStore } from './results-store.js';

/** One recording's row of the export. */
export interface ExportRecord {
  jobId: string;
  input: string;
  /** `done` (result stored), `failed` (with the error), or the job's queue state while it has neither. */
  status: string;
  /** The `ser analyze --json` report. */
  result?: AnalysisReportLike;
  /** Why the job failed. */
  error?: string;
}

/** The parts of a `ser analyze --json` report the CSV uses. */
export interface AnalysisReportLike {
  duration: number;
  model: { labels: string[] };
  /** @ser/models' summary: the most probable label (`null` when every chunk is silent) and each label's mean probability. */
  summary: { label: string | null; probabilities: Record<string, number> | null };
  [key: string]: unknown;
}

/**
 * The records of a batch: the stored result of each entry, else its failure or queue state.
 * @param results the stored JSON of each entry (same order, `null` when none)
 * @param lookup the state and failure reason of a job without a result
 */
export async function batchRecords(
  entries: readonly BatchEntry[],
  results: readonly (string | null)[],
  lookup: (jobId: string) => Promise<{ status: string; error?: string }>,
): Promise<ExportRecord[]> {
  const records: ExportRecord[] = [];
  for (const [i, entry] of entries.entries()) {
    const json = results[i];
    if (json !== null && json !== undefined)
      records.push({ ...entry, status: 'done', result: JSON.parse(json) as AnalysisReportLike });
    else records.push({ ...entry, ...(await lookup(entry.jobId)) });
  }
  return records;
}

/** JSON Lines: one record a line (pure). */
export function toJsonLines(records: readonly ExportRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/** A CSV field, quoted when it has to be (RFC 4180). */
export function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV (pure): input, job id, status, duration, the recording's emotion (empty when silent), each label's mean
 * probability over the non-silent chunks (the summary of `ser analyze`), and the error (on one line: its lines joined with `; `). Label columns are every label of the batch's models, in
 * order of first appearance.
 */
export function toCsv(records: readonly ExportRecord[]): string {
  const labels: string[] = [];
  for (const record of records)
    for (const label of record.result?.model.labels ?? []) if (!labels.includes(label)) labels.push(label);
  const header = [
    'input',
    'job_id',
    'status',
    'duration_s',
    'emotion',
    ...labels.map((label) => `p_${label}`),
    'error',
  ];
  const rows = records.map((record) => {
    const probabilities = record.result?.summary.probabilities ?? {};
    return [
      record.input,
      record.jobId,
      record.status,
      record.result?.duration,
      record.result?.summary.label ?? undefined,
      ...labels.map((label) => probabilities[label]),
      record.error?.replace(/\s*\n\s*/g, '; '),
    ];
  });
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\n`).join('');
}

/** The format an output path asks for: `.csv` is CSV, anything else JSON Lines. */
export function exportFormatOf(path: string): 'csv' | 'jsonl' {
  return extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
}

/**
 * Writes the batch to `out` and returns its records.
 * @example
 * ```ts
 * const records = await exportBatch(queue, results, await readBatch(redis, config, batchId), 'batch.csv');
 * ```
 */
export async function exportBatch(
  queue: Queue,
  results: ResultsStore,
  entries: readonly BatchEntry[],
  out: string,
): Promise<ExportRecord[]> {
  const stored = await results.getMany(entries.map((entry) => entry.jobId));
  const records = await batchRecords(entries, stored, async (jobId) => {
    const job = await queue.getJob(jobId);
    if (!job) return { status: 'missing' };
    const status = await job.getState();
    return status === 'failed' ? { status, error: job.failedReason } : { status };
  });
  await writeFile(out, exportFormatOf(out) === 'csv' ? toCsv(records) : toJsonLines(records));
  return records;
}

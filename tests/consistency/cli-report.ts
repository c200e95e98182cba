/**
 * The reference answer: the built `ser analyze --json` (packages/ser-cli/dist/cli.js), and the part of a report
 * every front end must give alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '@ser/test-support';
import type { AnalysisReport } from '@ser/models';

/** The built CLI. */
export const CLI = resolve(REPO_ROOT, 'packages/ser-cli/dist/cli.js');

/** @throws Error when the CLI is not built. */
export function assertCliBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @ser/cli first (npx nx run @ser/cli:build)`);
}

/** Runs the built `ser` with `args` and returns its stdout, expecting exit code 0. */
export function runCli(args: readonly string[]): string {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** `ser analyze <file> --json [...extra]`. */
export function cliReport(file: string, extra: readonly string[] = []): AnalysisReport {
  return JSON.parse(runCli(['analyze', file, '--json', ...extra])) as AnalysisReport;
}

/** What all front ends must agree on. */
export type AgreedPart = Pick<
  AnalysisReport,
  | 'chunks'
  | 'summary'
  | 'chunkSeconds'
  | 'hopSeconds'
  | 'silenceThresholdDbfs'
  | 'model'
  | 'format'
  | 'sampleRate'
  | 'channels'
  | 'calibrated'
>;

/** The part of `report` all front ends must agree on. */
export function agreed(report: AnalysisReport): AgreedPart {
  const { chunks, summary, chunkSeconds, hopSeconds, silenceThresholdDbfs, format, sampleRate, channels, calibrated } =
    report;
  return {
    chunks,
    summary,
    chunkSeconds,
    hopSeconds,
    silenceThresholdDbfs,
    format,
    sampleRate,
    channels,
    calibrated,
    model: { labels: report.model.labels, sampleRate: report.model.sampleRate, featureSet: report.model.featureSet },
  };
}

/** One line per chunk and the summary, for the test log. */
export function describeReport(name: string, report: AnalysisReport): string {
  const chunks = report.chunks.map(
    (c) => `${c.start.toFixed(2)}–${c.end.toFixed(2)} ${c.silent ? 'silent' : `${c.label} ${c.confidence.toFixed(2)}`}`,
  );
  return `${name}: ${chunks.join(' | ')} → ${report.summary.label} ${report.summary.confidence.toFixed(3)}`;
}

#!/usr/bin/env node
// @ts-check
/**
 * `ser-test`: runs the tests of the project in the current folder (its `npm test` / nx `test` target) with
 * the repository's reporters — vitest's default, the list of tests skipped for want of a tool or of
 * ../shared (skip-reporter.mjs), and a JSON report in `.tmp/vitest-report.json`, which nx keeps as the
 * target's output so that a cached run still counts in the summary of the root `npm test`. Arguments are
 * passed on to `vitest run`.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where every project writes its report (relative to the project). */
export const REPORT = '.tmp/vitest-report.json';

const require = createRequire(import.meta.url);
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const skipReporter = join(dirname(fileURLToPath(import.meta.url)), 'skip-reporter.mjs');

rmSync(REPORT, { force: true }); // a crashed run must not leave the previous report behind
const child = spawn(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    `--reporter=${skipReporter}`,
    '--reporter=json',
    `--outputFile.json=${REPORT}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// @ts-check
/**
 * The closing count of `npm test` from the projects' vitest JSON reports: tests passed, failed and skipped,
 * and the test files that failed before any of their tests ran (an import error, or `needs()` under
 * CI=true) — vitest counts those as failed suites, not failed tests, so a count of tests alone says
 * "0 failed" for a run that failed.
 */
import { relative } from 'node:path';

/**
 * What the counts read of one report.
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number,
 *   testResults?: Array<{ name: string, status?: string, message?: string, assertionResults?: Array<{ status: string }> }> }} VitestReport
 */

/**
 * Counts over a run.
 * @typedef {{ passed: number, failed: number, skipped: number, failedFiles: Array<{ file: string, message: string }> }} RunCounts
 */

/** @returns {RunCounts} */
export function emptyCounts() {
  return { passed: 0, failed: 0, skipped: 0, failedFiles: [] };
}

/**
 * Adds one project's report to `counts` (mutated and returned).
 * @param {RunCounts} counts
 * @param {VitestReport} report
 * @returns {RunCounts}
 */
export function addReport(counts, report) {
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const testFailed = (file.assertionResults ?? []).some((test) => test.status === 'failed');
    if (file.status === 'failed' && !testFailed) {
      counts.failedFiles.push({ file: file.name, message: (file.message ?? '').split('\n')[0] ?? '' });
    }
  }
  return counts;
}

/**
 * The closing lines: one per file that failed before its tests ran, then
 * `N passed, N failed, N skipped` (and `, N test files failed to run` when there are such files).
 * @param {RunCounts} counts
 * @param {string} root paths are shown relative to it
 * @returns {string}
 */
export function formatCounts(counts, root) {
  const lines = counts.failedFiles.map(({ file, message }) => `failed to run: ${relative(root, file)}: ${message}`);
  const files = counts.failedFiles.length;
  lines.push(
    `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${files > 0 ? `, ${files} test file(s) failed to run` : ''}`,
  );
  return lines.join('\n');
}

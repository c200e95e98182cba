// @ts-check
/**
 * The closing list of a test run: which tests were skipped because this machine lacks something they need,
 * and how to provide it. Shared by the vitest reporter (one project's run) and `scripts/test.mjs` (the
 * whole `npm test`, from the projects' JSON reports).
 */
import { relative } from 'node:path';

/**
 * One skipped test: its file and the `meta.skipped` that `needs()` gave it.
 * @typedef {{ file: string, missing: string[], enable: string[] }} SkipRecord
 */

/**
 * The skip records of a vitest JSON report (tests skipped without a recorded reason are not listed).
 * @param {{ testResults?: Array<{ name: string, assertionResults?: Array<{ status: string, meta?: { skipped?: { missing: string[], enable: string[] } } }> }> }} report
 * @returns {SkipRecord[]}
 */
export function skipRecordsOfReport(report) {
  const records = [];
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      const reason = test.meta?.skipped;
      if (test.status === 'skipped' && reason)
        records.push({ file: file.name, missing: reason.missing, enable: reason.enable });
    }
  }
  return records;
}

/**
 * The list: for each missing thing, how many tests it stopped, how to provide it, and in which files
 * (a test needing several missing things counts under each). '' when no test was skipped for a reason.
 * @param {SkipRecord[]} records
 * @param {string} root paths are shown relative to it
 * @returns {string}
 */
export function formatSkipSummary(records, root) {
  if (records.length === 0) return '';
  /** @type {Map<string, { enable: string, files: Map<string, number> }>} */
  const groups = new Map();
  for (const record of records) {
    record.missing.forEach((missing, i) => {
      let group = groups.get(missing);
      if (!group) groups.set(missing, (group = { enable: record.enable[i] ?? '', files: new Map() }));
      const file = relative(root, record.file);
      group.files.set(file, (group.files.get(file) ?? 0) + 1);
    });
  }
  const lines = [`Skipped ${records.length} test(s) for want of what they need (under CI=true they fail instead):`];
  for (const [missing, group] of groups) {
    const count = [...group.files.values()].reduce((a, b) => a + b, 0);
    lines.push(`  - ${missing}: ${count} test(s). To run them: ${group.enable}.`);
    lines.push(
      `      ${[...group.files]
        .sort()
        .map(([file, n]) => `${file} (${n})`)
        .join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

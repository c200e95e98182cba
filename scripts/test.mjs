#!/usr/bin/env node
// @ts-check
/**
 * `npm test`: every project's tests through nx — each workspace's `test` target, cached (a project whose
 * inputs did not change replays its last result) and after its build — then one summary over all of them
 * from the projects' JSON reports: the counts (CI reads that line) and the tests skipped for want of a tool
 * or of ../shared, with how to enable them. Arguments are passed on to `nx run-many` (e.g. `--skip-nx-cache`).
 * For only what a change touches: `npx nx affected -t test --base=main`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addReport, emptyCounts, formatCounts } from '../tests/support/report-counts.mjs';
import { formatSkipSummary, skipRecordsOfReport } from '../tests/support/skip-summary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPORT = '.tmp/vitest-report.json'; // written by tests/support/run-tests.mjs in each project

/** The folders of the root's workspaces (`folder` and `folder/*` entries) that have a `test` script. */
function testedWorkspaces() {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const folders = workspaces.flatMap((/** @type {string} */ glob) =>
    glob.endsWith('/*') ? readdirSync(join(ROOT, glob.slice(0, -2))).map((d) => `${glob.slice(0, -2)}/${d}`) : [glob],
  );
  return folders.filter((folder) => {
    const file = join(ROOT, folder, 'package.json');
    return existsSync(file) && Boolean(JSON.parse(readFileSync(file, 'utf8')).scripts?.test);
  });
}

// Reports of an earlier run must not count: nx writes this run's, or restores them with a cached result.
const workspaces = testedWorkspaces();
for (const folder of workspaces) rmSync(join(ROOT, folder, REPORT), { force: true });
const partial = process.argv.slice(2).some((arg) => /^(--projects|-p|--exclude)\b/.test(arg));

const nxManifest = createRequire(import.meta.url).resolve('nx/package.json');
const nx = join(dirname(nxManifest), JSON.parse(readFileSync(nxManifest, 'utf8')).bin.nx);
const run = spawnSync(
  process.execPath,
  [nx, 'run-many', '-t', 'test', '--parallel=2', '--outputStyle=stream', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit', env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', ...process.env } },
);

const counts = emptyCounts();
/** @type {import('../tests/support/skip-summary.mjs').SkipRecord[]} */
const records = [];
const missingReports = [];
for (const folder of workspaces) {
  const file = join(ROOT, folder, REPORT);
  if (!existsSync(file)) {
    missingReports.push(folder);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  addReport(counts, report);
  records.push(...skipRecordsOfReport(report));
}

console.log('');
const summary = formatSkipSummary(records, ROOT);
if (summary) console.log(summary);
if (missingReports.length > 0 && !partial)
  console.log(`no test report from: ${missingReports.join(', ')} (their tests did not run)`);
console.log(formatCounts(counts, ROOT));
process.exit(run.status ?? 1);

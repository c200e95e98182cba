// @ts-check
/**
 * A vitest reporter that ends the run with the list of tests skipped for a missing requirement (see
 * `requirements.ts`) and how to enable them. Use it beside the default reporter.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSkipSummary } from './skip-summary.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default class SkipReporter {
  /** @param {ReadonlyArray<import('vitest/node').TestModule>} testModules */
  onTestRunEnd(testModules) {
    /** @type {import('./skip-summary.mjs').SkipRecord[]} */
    const records = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const reason = test.meta().skipped;
        if (test.result().state === 'skipped' && reason)
          records.push({ file: module.moduleId, missing: reason.missing, enable: reason.enable });
      }
    }
    const summary = formatSkipSummary(records, REPO_ROOT);
    if (summary) process.stdout.write(`\n${summary}`);
  }
}

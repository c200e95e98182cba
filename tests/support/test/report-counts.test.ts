import { describe, expect, it } from 'vitest';
import { addReport, emptyCounts, formatCounts } from '../report-counts.mjs';

// The shape vitest's JSON reporter writes: a file whose `needs()` threw under CI=true has status 'failed',
// a message and no test results, and counts as a failed suite, not a failed test.
const ciReport = {
  numPassedTests: 44,
  numFailedTests: 0,
  numPendingTests: 0,
  numTodoTests: 0,
  testResults: [
    {
      name: '/repo/packages/ser-text/test/browser.test.ts',
      status: 'failed',
      message: 'CI=true, but these tests cannot run: no Chromium\n    at …',
      assertionResults: [],
    },
    {
      name: '/repo/packages/ser-text/test/fusion.test.ts',
      status: 'passed',
      message: '',
      assertionResults: [{ status: 'passed' }],
    },
  ],
};
const failingTestReport = {
  numPassedTests: 1,
  numFailedTests: 1,
  numPendingTests: 2,
  numTodoTests: 1,
  testResults: [
    {
      name: '/repo/a.test.ts',
      status: 'failed',
      message: '',
      assertionResults: [{ status: 'failed' }, { status: 'passed' }],
    },
  ],
};

describe('the closing counts of npm test', () => {
  it("adds the projects' tests and lists the files that failed before their tests ran", () => {
    const counts = addReport(addReport(emptyCounts(), ciReport), failingTestReport);
    expect(counts).toEqual({
      passed: 45,
      failed: 1,
      skipped: 3,
      failedFiles: [
        {
          file: '/repo/packages/ser-text/test/browser.test.ts',
          message: 'CI=true, but these tests cannot run: no Chromium',
        },
      ],
    });
    expect(formatCounts(counts, '/repo')).toBe(
      [
        'failed to run: packages/ser-text/test/browser.test.ts: CI=true, but these tests cannot run: no Chromium',
        '45 passed, 1 failed, 3 skipped, 1 test file(s) failed to run',
      ].join('\n'),
    );
  });

  it('is the plain counts line when every file ran', () => {
    expect(formatCounts(addReport(emptyCounts(), failingTestReport), '/repo')).toBe('1 passed, 1 failed, 3 skipped');
  });
});

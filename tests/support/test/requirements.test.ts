import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath, findOnPath, isCi, skipOptions } from '../requirements.js';
import { formatSkipSummary, skipRecordsOfReport } from '../skip-summary.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ser-test-support-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('skipOptions (what needs() returns)', () => {
  it('is empty when everything is present', () => {
    expect(skipOptions(['sox', 'golden'], () => true, true)).toEqual({});
  });

  it('skips with one line per missing requirement and how to provide it', () => {
    const options = skipOptions(['sox', 'golden', 'ffmpeg'], (r) => r === 'sox', false);
    expect(options.skip).toBe(true);
    expect(options.meta?.skipped?.missing).toEqual([
      expect.stringMatching(/librosa reference values/),
      'ffmpeg is not on PATH',
    ]);
    expect(options.meta?.skipped?.enable).toEqual([expect.stringMatching(/shared/), 'apt-get install ffmpeg']);
  });

  it('fails instead under CI, naming what is missing', () => {
    expect(() => skipOptions(['chromium'], () => false, true)).toThrow(
      /^CI=true, but these tests cannot run: no Chromium/,
    );
  });
});

describe('finding tools', () => {
  it('finds a file on PATH and not a folder', () => {
    writeFileSync(join(dir, 'some-tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'some-tool'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path}`;
    try {
      expect(findOnPath('some-tool')).toBe(join(dir, 'some-tool'));
      expect(findOnPath('no-such-tool-anywhere')).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });

  it('takes CHROMIUM_PATH when it exists, and nothing when it does not', () => {
    const saved = process.env.CHROMIUM_PATH;
    try {
      process.env.CHROMIUM_PATH = join(dir, 'some-tool');
      expect(chromiumPath()).toBe(join(dir, 'some-tool'));
      process.env.CHROMIUM_PATH = join(dir, 'missing-chrome');
      expect(chromiumPath()).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it('reads CI the way CI services set it', () => {
    const saved = process.env.CI;
    try {
      for (const [value, ci] of [
        ['true', true],
        ['1', true],
        ['false', false],
        ['0', false],
        ['', false],
      ] as const) {
        process.env.CI = value;
        expect(isCi(), `CI=${value}`).toBe(ci);
      }
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});

describe('the skip list', () => {
  const report = {
    testResults: [
      {
        name: '/repo/a.test.ts',
        assertionResults: [
          {
            status: 'skipped',
            meta: {
              skipped: { missing: ['sox is not on PATH', 'no RAVDESS'], enable: ['apt-get install sox', 'put shared'] },
            },
          },
          {
            status: 'skipped',
            meta: { skipped: { missing: ['sox is not on PATH'], enable: ['apt-get install sox'] } },
          },
          { status: 'skipped' }, // skipped for another reason: not listed
          { status: 'passed', meta: {} },
        ],
      },
      {
        name: '/repo/b.test.ts',
        assertionResults: [
          { status: 'skipped', meta: { skipped: { missing: ['no RAVDESS'], enable: ['put shared'] } } },
        ],
      },
    ],
  };

  it('reads the reasons from a vitest JSON report', () => {
    expect(skipRecordsOfReport(report)).toHaveLength(3);
  });

  it('groups by what is missing, counting tests per file', () => {
    expect(formatSkipSummary(skipRecordsOfReport(report), '/repo')).toBe(
      [
        'Skipped 3 test(s) for want of what they need (under CI=true they fail instead):',
        '  - sox is not on PATH: 2 test(s). To run them: apt-get install sox.',
        '      a.test.ts (2)',
        '  - no RAVDESS: 2 test(s). To run them: put shared.',
        '      a.test.ts (1), b.test.ts (1)',
        '',
      ].join('\n'),
    );
    expect(formatSkipSummary([], '/repo')).toBe('');
  });
});

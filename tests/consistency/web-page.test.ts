/**
 * One recording, one answer in the browser (issue #13): the web-microphone page's "Analyse a file" — the recording
 * decoded in the page by @ser/audio-features and analysed by @ser/models' createRecognizer on TensorFlow.js in real
 * headless Chromium — gives the chunks and summary of the built `ser analyze --json` for the same file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, chromiumPath, needs } from '@ser/test-support';
import type { AnalysisReport, LabelProbabilities } from '@ser/models';
import { serveStatic } from '../../examples/web-microphone/test/static-server.js';
import { agreed, assertCliBuilt, cliReport, describeReport } from './cli-report.js';
import { ANGRY, mixedRecording } from './recordings.js';

const PAGE_ROOT = resolve(REPO_ROOT, 'examples/web-microphone');
/**
 * How far the page's probabilities may be from the CLI's. The decoding and the features are the same JavaScript in
 * both, and the model the same TensorFlow.js kernels on the same backend — wasm in the page; in Node tfjs-node when
 * installed, else wasm — which gives identical numbers (the difference measured with wasm on both sides is 0). On
 * another pair of backends (tfjs-node, or the page's cpu fallback) float32 sums and exponentials round differently
 * in the last bits (≈ 1e-7): 1e-5 allows that and nothing more.
 */
const PROBABILITY_TOLERANCE = 1e-5;

let work: string;
let server: Server | undefined;
let browser: Browser | undefined;
let pageUrl: string;
const recordings: Record<string, string> = {};

/** Chooses `file` in the page's "Analyse a file" control and returns the page's report, or throws its error line. */
async function pageReport(page: Page, file: string): Promise<AnalysisReport> {
  await page.setInputFiles('#file', file);
  await page.waitForSelector('#file-analysis:is([data-state="done"], [data-state="error"])', { timeout: 60_000 });
  expect(
    await page.getAttribute('#file-analysis', 'data-state'),
    (await page.textContent('#file-analysis')) ?? '',
  ).toBe('done');
  return JSON.parse((await page.getAttribute('#file-analysis', 'data-report'))!) as AnalysisReport;
}

/** `actual`'s probabilities within {@link PROBABILITY_TOLERANCE} of `expected`'s, label by label. */
function expectClose(actual: LabelProbabilities | null, expected: LabelProbabilities | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(Object.keys(actual ?? {}), what).toEqual(Object.keys(expected));
  for (const [label, p] of Object.entries(expected)) {
    expect(Math.abs(actual![label]! - p), `${what}: ${label}`).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
  }
}

/** The page's report agrees with the CLI's: exactly in everything but the probabilities, which are close. */
function expectSameAnalysis(page: AnalysisReport, cli: AnalysisReport): number {
  const { chunks, summary, ...rules } = agreed(page);
  const { chunks: cliChunks, summary: cliSummary, ...cliRules } = agreed(cli);
  expect(rules).toEqual(cliRules);
  expect(chunks.map(({ start, end, silent, label }) => ({ start, end, silent, label }))).toEqual(
    cliChunks.map(({ start, end, silent, label }) => ({ start, end, silent, label })),
  );
  let largest = 0;
  const track = (a: LabelProbabilities | null, b: LabelProbabilities | null): void => {
    for (const [label, p] of Object.entries(b ?? {}))
      largest = Math.max(largest, Math.abs((a?.[label] ?? Infinity) - p));
  };
  chunks.forEach((chunk, i) => {
    const expected = cliChunks[i]!;
    expectClose(chunk.probabilities, expected.probabilities, `chunk ${i} (${expected.start}–${expected.end} s)`);
    expect(Math.abs(chunk.confidence - expected.confidence)).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
    track(chunk.probabilities, expected.probabilities);
  });
  const { probabilities, confidence, ...counts } = summary;
  const { probabilities: cliProbabilities, confidence: cliConfidence, ...cliCounts } = cliSummary;
  expect(counts).toEqual(cliCounts);
  expectClose(probabilities, cliProbabilities, 'summary');
  expect(Math.abs(confidence - cliConfidence)).toBeLessThanOrEqual(PROBABILITY_TOLERANCE);
  track(probabilities, cliProbabilities);
  return largest;
}

describe('one recording, one answer: the web page', needs('chromium', 'ravdess', 'sox'), () => {
  beforeAll(async () => {
    assertCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'ser-consistency-web-'));
    recordings.angry = ANGRY;
    recordings.mixed = mixedRecording(work);
    // The page as `npm run build` makes it, into a folder of this test's own (the example's tests build dist/).
    const dist = join(work, 'page');
    await build({
      root: PAGE_ROOT,
      configFile: join(PAGE_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: dist, emptyOutDir: true },
    });
    ({ server, url: pageUrl } = await serveStatic(dist));
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('"Analyse a file" gives the chunks and summary of ser analyze --json for both recordings, and shows them', async () => {
    const page = await browser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pageUrl);
    await page.waitForSelector('#file:enabled', { timeout: 60_000 });
    const backend = /(\w+) backend/.exec((await page.textContent('#status')) ?? '')?.[1];
    for (const [name, file] of Object.entries(recordings)) {
      const cli = cliReport(file);
      const report = await pageReport(page, file);
      expect(report.source).toBe(basename(file));
      expect(report.calibrated).toBe(false);
      const largest = expectSameAnalysis(report, cli);
      // The page shows them: one list line per chunk (latest first), the summary in the readout and the file line.
      const shown = await page.$$eval('#timeline-entries li', (items) =>
        items.map((li) => ({
          label: li.getAttribute('data-label'),
          silent: li.getAttribute('data-silent'),
          start: li.getAttribute('data-start'),
        })),
      );
      expect(shown).toEqual(
        cli.chunks
          .map((c) => ({ label: c.label ?? '', silent: String(c.silent), start: c.start.toFixed(2) }))
          .reverse(),
      );
      expect(await page.textContent('#now .now-label')).toBe(cli.summary.label ?? 'silence');
      expect(await page.textContent('#now .now-caption')).toBe('overall');
      expect(await page.textContent('#file-analysis')).toContain(
        `overall: ${cli.summary.label} ${Math.round(cli.summary.confidence * 100)}%`,
      );
      console.log(
        `${describeReport(`${name} in the page (${backend} backend)`, report)}; largest probability difference from the CLI ${largest.toExponential(1)}`,
      );
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says in the page why a file cannot be analysed, and analyses the next one', async () => {
    const page = await browser!.newPage();
    await page.goto(pageUrl);
    await page.waitForSelector('#file:enabled', { timeout: 60_000 });
    const notAudio = join(work, 'notes.txt');
    writeFileSync(notAudio, 'these are not audio samples\n');
    await page.setInputFiles('#file', notAudio);
    await page.waitForSelector('#file-analysis[data-state="error"]', { timeout: 30_000 });
    expect(await page.textContent('#file-analysis')).toMatch(/^Could not analyse notes\.txt: /);
    expect(await page.getAttribute('#file-analysis', 'data-report')).toBeNull();
    expect(await page.isDisabled('#start')).toBe(false);
    expect((await pageReport(page, ANGRY)).summary.label).toBe(cliReport(ANGRY).summary.label);
    await page.close();
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, needs } from '@ser/test-support';
import { serveStatic } from './static-server.js';
import { DATASETS, testModelDir } from './model-dir.js';

const ROOT = resolve(__dirname, '..');
const OUTPUT = join(ROOT, 'test-output');
const CHROMIUM = chromiumPath();

let work: string;
let server: Server | undefined;
let browser: Browser | undefined;
let pageUrl: string;
let labels: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ser-web-microphone-'));
  // The build copies the pretrained default bundle next to the page, as `npm run build` does.
  labels = (JSON.parse(readFileSync(join(testModelDir(), 'ser-model.json'), 'utf8')) as { labels: string[] }).labels;
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  ({ server, url: pageUrl } = await serveStatic(join(ROOT, 'dist')));
  // The fake microphone (Chromium loops the file): two real RAVDESS recordings (happy, sad; actor 18)
  // followed by espeak-ng speech, as one 48 kHz 16-bit mono WAV.
  const espeak = join(work, 'espeak.wav');
  const parts = [
    join(DATASETS, 'ravdess', 'Actor_18', '03-01-03-02-01-01-18.flac'),
    join(DATASETS, 'ravdess', 'Actor_18', '03-01-04-02-01-01-18.flac'),
    espeak,
  ];
  execFileSync('espeak-ng', [
    '-s',
    '140',
    '-w',
    espeak,
    'This is wonderful news, I am so happy to hear it. Really, I could not be more delighted today.',
  ]);
  const resampled = parts.map((part, i) => {
    const out = join(work, `part-${i}.wav`);
    execFileSync('sox', [part, '-r', '48000', '-b', '16', '-c', '1', out]);
    return out;
  });
  const microphone = join(work, 'microphone.wav');
  execFileSync('sox', [...resampled, microphone]);
  browser = await launchWithMicrophone(microphone);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('web-microphone page', needs('chromium', 'espeak-ng', 'sox', 'ravdess'), () => {
  it('classifies the microphone in the browser and draws a timeline', async () => {
    const page = await browser!.newPage({ viewport: { width: 1024, height: 820 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pageUrl);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#start')!.disabled, undefined, {
      timeout: 60_000,
    });
    expect(await page.textContent('#status')).toMatch(/Model ready/);
    await page.click('#start');
    await page.waitForFunction(
      () => document.querySelectorAll('#timeline-entries li[data-silent="false"]').length >= 8,
      undefined,
      { timeout: 60_000 },
    );
    const entries = await page.$$eval('#timeline-entries li', (items) =>
      items.map((li) => ({
        label: (li as HTMLElement).dataset.label!,
        silent: (li as HTMLElement).dataset.silent === 'true',
        text: li.textContent,
      })),
    );
    const predicted = entries.filter((e) => !e.silent);
    expect(predicted.length).toBeGreaterThanOrEqual(2);
    for (const entry of predicted) expect(labels).toContain(entry.label);
    const status = await page.textContent('#status');
    expect(status).toMatch(/^Listening \(audio-worklet, \d+ Hz, (wasm|cpu) backend\)/);
    expect(status).toMatch(new RegExp(`now: (${labels.join('|')}|silence)`));
    // The canvas is not blank: it holds pixels of at least one label colour.
    const coloured = await page.$eval('#timeline', (canvas) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4)
        if (
          data[i + 3]! > 0 &&
          Math.max(data[i]!, data[i + 1]!, data[i + 2]!) - Math.min(data[i]!, data[i + 1]!, data[i + 2]!) > 60
        )
          count++;
      return count;
    });
    expect(coloured).toBeGreaterThan(500);
    expect(await layout(page)).toMatchObject({ canvasMatchesScreen: true, overflowsPage: false });
    await expectNowReadout(page);
    mkdirSync(OUTPUT, { recursive: true });
    const screenshot = join(OUTPUT, 'timeline-desktop.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`web-microphone screenshot: ${screenshot}`);
    console.log(`web-microphone timeline: ${predicted.map((e) => e.text).join(' | ')}`);
    expect(pageErrors).toEqual([]);
    await page.click('#stop');
    await page.waitForFunction(() => document.querySelector('#status')!.textContent.startsWith('Stopped'));
  });

  it("fits a phone: the canvas at the screen's resolution, readable labels, the large readout, no sideways scrolling", async () => {
    // An iPhone-sized screen: 390 × 844 CSS pixels at devicePixelRatio 3.
    const context = await browser!.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pageUrl);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#start')!.disabled, undefined, {
      timeout: 60_000,
    });
    await page.tap('#start');
    await page.waitForFunction(
      () => document.querySelectorAll('#timeline-entries li[data-silent="false"]').length >= 3,
      undefined,
      { timeout: 60_000 },
    );
    const measured = await layout(page);
    expect(measured).toMatchObject({ ratio: 3, canvasMatchesScreen: true, overflowsPage: false });
    expect(measured.canvasCssWidth).toBeLessThanOrEqual(390);
    expect(measured.canvasCssWidth).toBeGreaterThan(300);
    await expectNowReadout(page);
    mkdirSync(OUTPUT, { recursive: true });
    const screenshot = join(OUTPUT, 'timeline-phone.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`web-microphone phone screenshot: ${screenshot}`);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('has a favicon', async () => {
    const page = await browser!.newPage();
    await page.goto(pageUrl);
    const href = await page.$eval('link[rel="icon"]', (link) => (link as HTMLLinkElement).href);
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(await response.text()).toMatch(/^<svg /);
    await page.close();
  });
});

describe('web-microphone page: Calibrate', needs('chromium', 'sox', 'ravdess'), () => {
  let calmBrowser: Browser | undefined;
  let silentBrowser: Browser | undefined;

  beforeAll(async () => {
    // Calm speech for the fake microphone: actor 18's four neutral and four calm (normal intensity) RAVDESS
    // recordings, leading and trailing silence trimmed, one after the other (≈ 11 s, 48 kHz 16-bit mono).
    const actor = join(DATASETS, 'ravdess', 'Actor_18');
    const names = [
      '01-01-01-01',
      '01-01-01-02',
      '01-01-02-01',
      '01-01-02-02',
      '02-01-01-01',
      '02-01-01-02',
      '02-01-02-01',
      '02-01-02-02',
    ];
    const parts = names.map((name, i) => {
      const out = join(work, `calm-${i}.wav`);
      execFileSync('sox', [
        join(actor, `03-01-${name}-18.flac`),
        '-r',
        '48000',
        '-b',
        '16',
        '-c',
        '1',
        out,
        'silence',
        '1',
        '0.05',
        '0.5%',
        'reverse',
        'silence',
        '1',
        '0.05',
        '0.5%',
        'reverse',
      ]);
      return out;
    });
    const calm = join(work, 'calm.wav');
    execFileSync('sox', [...parts, calm]);
    const silent = join(work, 'silent.wav');
    execFileSync('sox', ['-n', '-r', '48000', '-b', '16', '-c', '1', silent, 'trim', '0', '8']);
    [calmBrowser, silentBrowser] = await Promise.all([launchWithMicrophone(calm), launchWithMicrophone(silent)]);
  });

  afterAll(async () => {
    await Promise.all([calmBrowser?.close(), silentBrowser?.close()]);
  });

  it('calibrates from 5 s of calm speech, fetching the calibrated model only then, keeps it for the tab, listens calibrated', async () => {
    const page = await calmBrowser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(pageUrl);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#calibrate')!.disabled, undefined, {
      timeout: 60_000,
    });
    expect(await page.isDisabled('#forget')).toBe(true);
    expect(requested.some((path) => path.includes('model-calibrated/'))).toBe(false);

    await page.click('#calibrate');
    expect(await page.getAttribute('#calibration', 'data-state')).toBe('recording');
    expect(await page.textContent('#calibration')).toMatch(/Speak calmly/);
    expect(await page.isDisabled('#start')).toBe(true);
    await page.waitForFunction(
      () => ['calibrated', 'error'].includes(document.querySelector<HTMLElement>('#calibration')!.dataset.state!),
      undefined,
      { timeout: 30_000 },
    );
    const message = (await page.textContent('#calibration'))!;
    expect(message).toMatch(/^Calibrated: \d+\.\d s of speech/);
    const seconds = Number(/(\d+\.\d) s of speech/.exec(message)![1]);
    // 5 s were recorded, of trimmed speech: nearly all of it is speech.
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThanOrEqual(5.1);
    expect(requested).toContain('/model-calibrated/model.json');
    expect(requested).toContain('/model-calibrated/weights.bin');
    expect(await page.isDisabled('#forget')).toBe(false);

    // The calibration is kept for the tab: a reload starts calibrated.
    await page.reload();
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#start')!.disabled, undefined, {
      timeout: 60_000,
    });
    expect(await page.getAttribute('#calibration', 'data-state')).toBe('calibrated');
    expect(await page.textContent('#calibration')).toMatch(/^Calibrated earlier in this tab: \d+\.\d s of speech/);

    await page.click('#start');
    await page.waitForFunction(
      () => document.querySelectorAll('#timeline-entries li[data-silent="false"]').length >= 3,
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.textContent('#status')).toMatch(
      /^Listening \(audio-worklet, \d+ Hz, (wasm|cpu) backend\), calibrated — \d+ s; now: /,
    );
    const predicted = await page.$$eval('#timeline-entries li[data-silent="false"]', (items) =>
      items.map((li) => (li as HTMLElement).dataset.label!),
    );
    for (const label of predicted) expect(labels).toContain(label);
    console.log(`web-microphone calibration: ${message} | calibrated timeline: ${predicted.join(', ')}`);

    // Forget while listening: the plain model takes over and the timeline goes on.
    const before = await page.$$eval('#timeline-entries li', (items) => items.length);
    await page.click('#forget');
    expect(await page.getAttribute('#calibration', 'data-state')).toBe('none');
    expect(await page.isDisabled('#forget')).toBe(true);
    await page.waitForFunction((n) => document.querySelectorAll('#timeline-entries li').length >= n + 2, before, {
      timeout: 30_000,
    });
    expect(await page.textContent('#status')).toMatch(
      /^Listening \(audio-worklet, \d+ Hz, (wasm|cpu) backend\) — \d+ s; now: /,
    );
    const starts = await page.$$eval('#timeline-entries li', (items) =>
      items.map((li) => Number((li as HTMLElement).dataset.start)),
    );
    expect(starts[0]).toBeGreaterThan(starts[starts.length - 1]!);
    await page.click('#stop');
    await page.waitForFunction(() => document.querySelector('#status')!.textContent.startsWith('Stopped'));
    // Forgotten for the tab too.
    await page.reload();
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#start')!.disabled, undefined, {
      timeout: 60_000,
    });
    expect(await page.getAttribute('#calibration', 'data-state')).toBe('none');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('says so when the calibration recording is silent, and stays uncalibrated', async () => {
    const page = await silentBrowser!.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pageUrl);
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('#calibrate')!.disabled, undefined, {
      timeout: 60_000,
    });
    await page.click('#calibrate');
    await page.waitForFunction(
      () => ['calibrated', 'error'].includes(document.querySelector<HTMLElement>('#calibration')!.dataset.state!),
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getAttribute('#calibration', 'data-state')).toBe('error');
    expect(await page.textContent('#calibration')).toMatch(
      /^the 5-s recording is silent \(its level stays below -55 dBFS\): record a few seconds of calm speech/,
    );
    expect(await page.isDisabled('#forget')).toBe(true);
    expect(await page.isDisabled('#calibrate')).toBe(false);
    expect(await page.isDisabled('#start')).toBe(false);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

/** Headless Chromium whose fake microphone plays `wav` (looped). */
function launchWithMicrophone(wav: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
    ],
  });
}

/** The canvas's CSS and backing-store sizes, and whether anything is wider than the viewport. */
async function layout(
  page: Page,
): Promise<{ ratio: number; canvasCssWidth: number; canvasMatchesScreen: boolean; overflowsPage: boolean }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('#timeline')!;
    const ratio = window.devicePixelRatio;
    return {
      ratio,
      canvasCssWidth: canvas.clientWidth,
      // One canvas pixel per screen pixel, so 12-px labels stay 12 CSS pixels (not a scaled-down 960-px bitmap).
      canvasMatchesScreen:
        canvas.width === Math.round(canvas.clientWidth * ratio) &&
        canvas.height === Math.round(canvas.clientHeight * ratio),
      overflowsPage: document.documentElement.scrollWidth > window.innerWidth,
    };
  });
}

/** The "now" readout shows the latest window's emotion (a model label, or silence) in large type. */
async function expectNowReadout(page: Page): Promise<void> {
  const now = await page.$eval('#now', (readout) => ({
    label: readout.querySelector('.now-label')!.textContent,
    latest: document.querySelector<HTMLElement>('#timeline-entries li')!.dataset.label,
    fontSize: parseFloat(getComputedStyle(readout.querySelector('.now-label')!).fontSize),
  }));
  expect([...labels, 'silence']).toContain(now.label);
  expect(now.label).toBe(now.latest === '' ? 'silence' : now.latest);
  expect(now.fontSize).toBeGreaterThanOrEqual(32);
}

/**
 * The browser entry in a real browser (Chromium via playwright-core, skipped when no Chromium is
 * installed): the built-in model classifies without file access, and recordMicrophone records from
 * Chromium's fake capture device through getUserMedia + AudioWorklet.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, needs } from '@ser/test-support';

const CHROMIUM = chromiumPath();

describe('@ser/text/browser in Chromium', needs('chromium'), () => {
  let server: http.Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [path.resolve(__dirname, '../src/browser.ts')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      external: ['@huggingface/transformers'],
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    // No Node built-ins may reach the browser bundle.
    expect(code).not.toMatch(/from ["']node:|require\(["'](fs|path|child_process)["']\)/);
    // The bundle at /ser-text.js finds the model at new URL('../model/…', import.meta.url) = /model/…;
    // /elsewhere/ is where an app hosting the file itself would put it.
    const modelFile = readFileSync(path.resolve(__dirname, '../model/builtin-text-model.bin'));
    server = http.createServer((req, res) => {
      if (req.url === '/ser-text.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(code);
      } else if (req.url === '/model/builtin-text-model.bin' || req.url === '/elsewhere/text-model.bin') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(modelFile);
      } else if (req.url?.endsWith('.bin')) {
        res.writeHead(404);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>ser-text</title>');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--no-sandbox',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('classifies with the built-in model and records 1.2 s at 16 kHz from the (fake) microphone', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    // A string, so that vitest does not rewrite the browser-side import().
    const result = (await page.evaluate(`(async () => {
      const lib = await import('/ser-text.js');
      const emotion = await lib.classifyText('Thank you so much, I love this!');
      const recording = await lib.recordMicrophone({ seconds: 1.2, sampleRate: 16000 });
      let peak = 0;
      for (const v of recording.samples) peak = Math.max(peak, Math.abs(v));
      return { label: emotion.label, scores: emotion.scores.length, length: recording.samples.length, sampleRate: recording.sampleRate, peak };
    })()`)) as { label: string; scores: number; length: number; sampleRate: number; peak: number };
    expect(result.label).toBe('joy');
    expect(result.scores).toBe(7);
    expect(result.sampleRate).toBe(16000);
    expect(result.length).toBe(19200);
    expect(result.peak).toBeGreaterThan(0.001); // Chromium's fake device plays a beep
    await page.close();
  });

  it('fetches the model from where the app hosts it, and names the URL when it is not there', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const result = (await page.evaluate(`(async () => {
      const lib = await import('/ser-text.js');
      const missing = await lib.loadBuiltinTextModel({ url: 'missing/text-model.bin' }).catch((e) => e);
      await lib.loadBuiltinTextModel({ url: 'elsewhere/text-model.bin' });
      const emotion = await lib.classifyText('I miss her so much, I am so sad');
      return { code: missing.code, message: missing.message, label: emotion.label };
    })()`)) as { code: string; message: string; label: string };
    expect(result.code).toBe('MODEL_UNAVAILABLE');
    expect(result.message).toContain(`${url}missing/text-model.bin (HTTP 404`);
    expect(result.label).toBe('sadness');
    await page.close();
  });
});

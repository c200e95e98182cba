/**
 * The main entry must run in browsers: bundling it for `platform: 'browser'` must succeed (esbuild
 * fails on any Node built-in), and the bundle must decode and resample real audio in headless
 * Chromium (skipped where Chromium is not installed). The browser bundle cannot run in Node: the
 * wasm decoders' worker classes extend the browser's global `Worker` at load time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '../src/decode/index.js';
import { resample } from '../src/dsp/core/resample/resample.js';
import { serFeatureVector } from '../src/dsp/features/ser-feature-vector.js';
import { REPO_ROOT, chromiumPath, needs } from '@ser/test-support';

const packageDir = path.resolve(__dirname, '..');
// A sample recording of the repository (samples/README.md): 16 kHz mono FLAC.
const flacFile = path.join(REPO_ROOT, 'samples/speech-16k.flac');

const browserOptions: BuildOptions = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
};

/** The code run inside the bundle: decode a FLAC (TypeScript decoder) and a WAV made on the fly, resample, summarise. */
const CHECK_ENTRY = `
import { decodeAudio, resample, detectAudioFormat, serFeatureVector, wasmResamplerAvailable, wasmStftAvailable } from './src/index.ts';

function wav16(samples, sampleRate) {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset, s) => [...s].forEach((c, i) => (bytes[offset + i] = c.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples.length * 2, true); text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true); view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((v, i) => view.setInt16(44 + 2 * i, v, true));
  return bytes;
}

export async function runCheck(flacBytes) {
  const flac = await decodeAudio(flacBytes, { fileName: 'speech.flac' });
  const y = resample(flac.channels[0], flac.sampleRate, 22050);
  const features = Array.from(serFeatureVector(y, { sr: 22050 }));
  let sumAbs = 0;
  for (const v of y) sumAbs += Math.abs(v);
  const wav = await decodeAudio(wav16([0, 16384, -32768, 32767], 8000));
  return {
    format: flac.format, sampleRate: flac.sampleRate, length: flac.channels[0].length,
    resampledLength: y.length, resampledSumAbs: sumAbs,
    wav: Array.from(wav.channels[0]), detected: detectAudioFormat(flacBytes), wasm: wasmResamplerAvailable(), wasmStft: wasmStftAvailable(), features,
  };
}
`;

let workDir: string;
let expected: { length: number; resampledLength: number; resampledSumAbs: number; features: number[] };

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'ser-browser-bundle-'));
  const flac = await decodeAudio(readFileSync(flacFile));
  const y = resample(flac.channels[0]!, flac.sampleRate, 22050);
  expected = {
    length: flac.channels[0]!.length,
    resampledLength: y.length,
    resampledSumAbs: y.reduce((s, v) => s + Math.abs(v), 0),
    features: Array.from(serFeatureVector(y, { sr: 22050 })),
  };
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function checkResult(result: Record<string, unknown>, wasmKernels = true) {
  expect(result.format).toBe('flac');
  expect(result.detected).toBe('flac');
  expect(result.sampleRate).toBe(16000);
  expect(result.length).toBe(expected.length);
  expect(result.resampledLength).toBe(expected.resampledLength);
  expect(result.resampledSumAbs as number).toBeCloseTo(expected.resampledSumAbs, 3);
  expect(result.wav).toEqual([0, 0.5, -1, 32767 / 32768]);
  // The WebAssembly SIMD kernels ran (or, under a CSP that forbids WebAssembly, the TypeScript fallbacks did).
  expect(result.wasm).toBe(wasmKernels);
  expect(result.wasmStft).toBe(wasmKernels);
  // The SER vector matches Node's (the kernels and the fallbacks agree to float32 rounding).
  const features = result.features as number[];
  expect(features).toHaveLength(180);
  features.forEach((v, i) =>
    expect(Math.abs(v - expected.features[i]!)).toBeLessThanOrEqual(
      1e-5 * Math.max(1, Math.abs(expected.features[i]!)),
    ),
  );
}

describe('browser bundle of @ser/audio-features', () => {
  it('bundles src/index.ts for the browser with no Node built-ins', async () => {
    const result = await build({
      ...browserOptions,
      entryPoints: [path.join(packageDir, 'src/index.ts')],
      format: 'esm',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles![0]!.text;
    expect(code).not.toMatch(/from ["']node:|require\(["'](node:)?(fs|path|os|child_process)["']\)/);
  });

  it('the same build fails on the Node-only entry (the check can fail)', async () => {
    await expect(
      build({ ...browserOptions, entryPoints: [path.join(packageDir, 'src/node.ts')], format: 'esm' }),
    ).rejects.toThrow(/node:fs\/promises/);
  });

  const chromium = chromiumPath();

  /** Builds the check bundle, runs it in headless Chromium on a page (with `csp` as its policy), returns its result. */
  async function runInChromium(name: string, csp?: string): Promise<Record<string, unknown>> {
    const result = await build({
      ...browserOptions,
      stdin: { contents: CHECK_ENTRY, resolveDir: packageDir, loader: 'js', sourcefile: 'check.js' },
      format: 'iife',
      globalName: 'SerAudioCheck',
    });
    const flacBase64 = readFileSync(flacFile).toString('base64');
    // The bundle is inlined so that a CSP needs no 'self' (file: pages have an opaque origin). The wasm
    // decoders embed their binaries in JS strings: the page must be read as UTF-8.
    writeFileSync(
      path.join(workDir, `${name}.html`),
      `<!doctype html><html><head><meta charset="utf-8">${csp ? `<meta http-equiv="Content-Security-Policy" content="${csp}">` : ''}</head>
<body><pre id="out">pending</pre>
<script>${result.outputFiles![0]!.text.replaceAll('</script', '<\\/script')}</script><script>
const bytes = Uint8Array.from(atob("${flacBase64}"), (c) => c.charCodeAt(0));
SerAudioCheck.runCheck(bytes).then(
  (r) => { document.getElementById('out').textContent = JSON.stringify(r); },
  (e) => { document.getElementById('out').textContent = 'ERROR ' + e.message; });
</script></body></html>`,
    );
    const dom = execFileSync(
      chromium!,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--virtual-time-budget=20000',
        '--dump-dom',
        pathToFileURL(path.join(workDir, `${name}.html`)).href,
      ],
      { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
    );
    const text = /<pre id="out">([^<]*)<\/pre>/.exec(dom)?.[1] ?? dom.slice(0, 500);
    expect(text).not.toMatch(/^(pending|ERROR)/);
    return JSON.parse(text.replaceAll('&quot;', '"').replaceAll('&amp;', '&')) as Record<string, unknown>;
  }

  it(
    'decodes FLAC (TypeScript decoder) and WAV, resamples and computes features in headless Chromium',
    needs('chromium'),
    async () => {
      checkResult(await runInChromium('page'));
    },
  );

  it(
    "falls back to TypeScript where a Content-Security-Policy forbids WebAssembly (no 'wasm-unsafe-eval')",
    needs('chromium'),
    async () => {
      checkResult(await runInChromium('csp', "default-src 'none'; script-src 'unsafe-inline'"), false);
    },
  );
});

/**
 * The BUILT package (dist) must load as ESM (`import`) and CommonJS (`require`), from both entries,
 * in fresh Node processes — the way users consume it. Run after `npm run build` (the root `npm test`
 * builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@ser/test-support';

const packageDir = path.resolve(__dirname, '..');
// The repository's sample recordings (samples/README.md), so that these checks need no corpora.
const flacFile = path.join(REPO_ROOT, 'samples/speech-16k.flac');
const wavFile = path.join(REPO_ROOT, 'samples/speech-48k-stereo.wav');

/** Runs a script in a child Node process inside the package (so `@ser/audio-features` self-resolves). */
function runNode(args: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, args, { cwd: packageDir, encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** The same program body for both module systems; `lib` and `node` are the two entries. */
const body = `
  const exportsOk = ['decodeAudio', 'detectAudioFormat', 'resample', 'toMono', 'mfcc', 'serFeatureVector',
    'computeFeatures', 'featureConfig', 'AudioFeaturesError']
    .every((name) => name in lib);
  const flac = await node.loadAudio(${JSON.stringify(flacFile)});
  const wav = await node.readAudioFile(${JSON.stringify(wavFile)});
  const m = lib.mfcc({ y: flac.samples, sr: flac.sampleRate, nMfcc: 20 });
  const vector = lib.serFeatureVector(flac.samples, { sr: flac.sampleRate });
  const tensor = lib.computeFeatures(flac.samples, lib.featureConfig('ser180'));
  const vectorOk = vector.length === 180 && vector.every(Number.isFinite) && tensor.data.every((v, i) => v === vector[i]);
  let missing;
  try { await node.loadAudio('/no/such/file.wav'); } catch (e) { missing = { isTyped: e instanceof lib.AudioFeaturesError, code: e.code }; }
  console.log(JSON.stringify({ exportsOk, sr: flac.sampleRate, length: flac.samples.length, wav: [wav.format, wav.sampleRate, wav.channels.length], mfccRows: m.rows, vectorOk, shape: tensor.shape, missing }));
`;

function checkResult(result: Record<string, unknown>) {
  expect(result.exportsOk).toBe(true);
  expect(result.sr).toBe(22050);
  expect(result.length).toBe(Math.ceil(128222 * (22050 / 16000)));
  expect(result.wav).toEqual(['wav', 48000, 2]);
  expect(result.mfccRows).toBe(20);
  expect(result.vectorOk).toBe(true);
  expect(result.shape).toEqual([180]);
  // The error class is shared between the entries (one AudioFeaturesError, not two copies).
  expect(result.missing).toEqual({ isTyped: true, code: 'NOT_FOUND' });
}

describe('built entry points', () => {
  it('dist has been built', () => {
    for (const f of ['index.js', 'index.cjs', 'node.js', 'node.cjs', 'index.d.ts', 'node.d.ts']) {
      expect(existsSync(path.join(packageDir, 'dist', f)), `dist/${f} (run npm run build)`).toBe(true);
    }
  });

  it('ESM: import from @ser/audio-features and @ser/audio-features/node', () => {
    const script = `
      import * as lib from '@ser/audio-features';
      import * as node from '@ser/audio-features/node';
      // Named imports must link statically too.
      import { mfcc, serFeatureVector, decodeAudio, resample, AudioFeaturesError } from '@ser/audio-features';
      import { loadAudio, readAudioFile } from '@ser/audio-features/node';
      if (![mfcc, serFeatureVector, decodeAudio, resample, AudioFeaturesError, loadAudio, readAudioFile].every((f) => typeof f === 'function')) {
        throw new Error('a named export is not a function');
      }
      ${body}`;
    checkResult(runNode(['--input-type=module', '-e', script]));
  });

  it('CommonJS: require @ser/audio-features and @ser/audio-features/node', () => {
    const script = `
      const lib = require('@ser/audio-features');
      const node = require('@ser/audio-features/node');
      const { mfcc, serFeatureVector } = require('@ser/audio-features');
      if (typeof mfcc !== 'function' || typeof serFeatureVector !== 'function') throw new Error('missing CJS export');
      (async () => { ${body} })().catch((e) => { console.error(e); process.exit(1); });`;
    checkResult(runNode(['--input-type=commonjs', '-e', script]));
  });
});

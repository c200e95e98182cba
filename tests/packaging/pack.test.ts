/**
 * The packages as users get them: copy the repository as a clean clone would have it (tracked files
 * only: no node_modules, no dist, no nx cache), install it, `npm pack` every package there WITHOUT a prior
 * build (each builds itself on `prepack`), check each tarball's contents, install the tarballs into a fresh
 * project and use them from ESM, CJS and the `ser` binary.
 */
import { execFileSync, spawnSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarballProblems, type PackResult } from './tarball-rules.js';

const REPO = resolve(__dirname, '../..');
const PACKAGES = join(REPO, 'packages');
/** A recording of the repository (samples/README.md): the tarball checks need no corpora. */
const SAMPLE_FILE = join(REPO, 'samples', 'speech-16k.flac');
const HAS_DEFAULT_MODEL = existsSync(join(PACKAGES, 'ser-models', 'pretrained', 'default', 'model.json'));

/**
 * The environment for child npm/node processes: no npm_* variables inherited from an `npm test` parent, and
 * no nx cache. nx 24 shares one cache per user among all checkouts of a workspace (`~/.nx/<id>`, the id
 * derived from git), so in a git clone prepack would replay this checkout's builds instead of building.
 */
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries({
    ...process.env,
    ONNXRUNTIME_NODE_INSTALL: 'skip',
    NO_COLOR: '1',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_SKIP_NX_CACHE: 'true',
  }).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
);

let clone: string;
let packDir: string;
let project: string;
let packs: PackResult[] = [];
let packWarnings: string[] = [];
let builtBeforePack: string[] = [];
const manifests = new Map<string, Record<string, unknown>>();

function run(command: string, args: string[], cwd: string, options: ExecFileSyncOptions = {}): string {
  return execFileSync(command, args, {
    cwd,
    env: childEnv,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  }) as string;
}

/** Runs a Node snippet inside the install project and returns its parsed JSON output. */
function nodeJson(args: string[], code: string): Record<string, unknown> {
  const out = run(process.execPath, [...args, '-e', code], project)
    .trim()
    .split('\n')
    .pop()!;
  return JSON.parse(out) as Record<string, unknown>;
}

/** What never belongs to a clean clone, for a repository without git (a downloaded archive). */
const NOT_IN_A_CLONE = new Set([
  '.git',
  'node_modules',
  'dist',
  '.nx',
  '.tmp',
  'tmp',
  'coverage',
  'test-output',
  '.scratch',
]);

/** Every file under `dir` (relative paths), skipping {@link NOT_IN_A_CLONE}. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (NOT_IN_A_CLONE.has(entry.name) || path === 'docs/api') return [];
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

/**
 * Copies the files git tracks (or would track: untracked but not ignored) as they are in the working tree;
 * without git, every file but build output, caches and dependencies.
 */
function cleanCopy(target: string): void {
  let files: string[];
  try {
    files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO)
      .split('\0')
      .filter(Boolean);
  } catch {
    files = listFiles(REPO);
  }
  for (const file of files) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(REPO, file), join(target, file));
  }
}

beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'ser-clone-'));
  packDir = mkdtempSync(join(tmpdir(), 'ser-pack-'));
  project = mkdtempSync(join(tmpdir(), 'ser-pack-install-'));
  cleanCopy(clone);
  const dirs = readdirSync(join(clone, 'packages'))
    .filter((d) => existsSync(join(clone, 'packages', d, 'package.json')))
    .sort();
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(join(clone, 'packages', dir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    manifests.set(String(manifest.name), manifest);
  }
  run('npm', ['ci', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], clone, {
    timeout: 300_000,
  });
  builtBeforePack = dirs.filter((d) => existsSync(join(clone, 'packages', d, 'dist')));
  const pack = spawnSync(
    'npm',
    ['pack', '--json', '--pack-destination', packDir, ...dirs.flatMap((d) => ['-w', `packages/${d}`])],
    { cwd: clone, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
  );
  if (pack.status !== 0) throw new Error(`npm pack failed (${pack.status}):\n${pack.stderr}`);
  packWarnings = pack.stderr.split('\n').filter((line) => /^npm warn/i.test(line));
  // prepack's build output may precede npm's JSON on stdout.
  const json = /^\[\s*\{/m.exec(pack.stdout);
  if (!json) throw new Error(`npm pack printed no JSON:\n${pack.stdout.slice(-2000)}`);
  packs = JSON.parse(pack.stdout.slice(json.index)) as PackResult[];
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'ser-pack-check', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  run(
    'npm',
    [
      'install',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...packs.map((p) => join(packDir, p.filename)),
    ],
    project,
    { timeout: 300_000 },
  );
}, 900_000);

afterAll(() => {
  for (const dir of [clone, packDir, project]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm pack in a clean clone', () => {
  it('starts from no build at all', () => {
    expect(builtBeforePack).toEqual([]);
  });

  it('prints no npm warning (no unknown config keys)', () => {
    expect(packWarnings).toEqual([]);
  });

  it('packs every package under packages/', () => {
    expect(packs.map((p) => p.name).sort()).toEqual([...manifests.keys()].sort());
  });

  it('publishes dist, README, LICENSE and every exported file — and no tests, data or sources', () => {
    const problems = packs.flatMap((pack) => {
      const extra =
        pack.name === '@ser/models' && HAS_DEFAULT_MODEL
          ? ['pretrained/default/model.json', 'pretrained/default/weights.bin', 'pretrained/default/ser-model.json']
          : pack.name === '@ser/text'
            ? ['model/builtin-text-model.bin']
            : [];
      return tarballProblems(pack, manifests.get(pack.name)!, extra);
    });
    expect(problems).toEqual([]);
  });

  it('@ser/text unpacks to at most 5 MB (its model is one binary file, not a JS literal in every build)', () => {
    const text = packs.find((p) => p.name === '@ser/text')!;
    expect(text.unpackedSize).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(text.files.filter((f) => f.path.startsWith('dist/')).every((f) => (f.size ?? 0) < 512 * 1024)).toBe(true);
  });

  it('keeps the tarballs small', () => {
    for (const pack of packs) {
      const size = readFileSync(join(packDir, pack.filename)).length;
      expect(size, `${pack.name} tarball is ${size} bytes`).toBeLessThan(20 * 1024 * 1024);
    }
  });
});

describe('installed from the tarballs', () => {
  it('imports @ser/audio-features as ESM and computes MFCCs', () => {
    const result = nodeJson(
      ['--input-type=module'],
      `
      const m = await import('@ser/audio-features');
      const sr = 22050;
      const y = Float32Array.from({ length: sr }, (_, i) => 0.5 * Math.sin(2 * Math.PI * 440 * i / sr));
      const M = m.mfcc({ y, sr, nMfcc: 20 });
      const v = m.serFeatureVector(y, { sr });
      console.log(JSON.stringify({ rows: M.rows, cols: M.cols, finite: M.data.every(Number.isFinite), ser: v.length }));`,
    );
    expect(result).toEqual({ rows: 20, cols: 44, finite: true, ser: 180 });
  });

  it('requires every package and entry as CommonJS', () => {
    const result = nodeJson(
      [],
      `
      const af = require('@ser/audio-features');
      const afNode = require('@ser/audio-features/node');
      const models = require('@ser/models');
      const modelsNode = require('@ser/models/node');
      const datasets = require('@ser/datasets');
      const text = require('@ser/text');
      const cli = require('@ser/cli');
      console.log(JSON.stringify({
        mfcc: typeof af.mfcc, decodeAudio: typeof af.decodeAudio, loadAudio: typeof afNode.loadAudio,
        predict: typeof models.predict, loadBundle: typeof modelsNode.loadBundle,
        datasets: Object.keys(datasets).length > 0, classifyText: typeof text.classifyText, runCli: typeof cli.runCli,
      }));`,
    );
    expect(result).toEqual({
      mfcc: 'function',
      decodeAudio: 'function',
      loadAudio: 'function',
      predict: 'function',
      loadBundle: 'function',
      datasets: true,
      classifyText: 'function',
      runCli: 'function',
    });
  });

  it('type-checks @ser/text without its optional peer @huggingface/transformers (skipLibCheck: false)', () => {
    expect(existsSync(join(project, 'node_modules', '@huggingface', 'transformers'))).toBe(false);
    const dir = mkdtempSync(join(project, 'types-'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ['use.mts'],
      }),
    );
    writeFileSync(
      join(dir, 'use.mts'),
      [
        "import { classifyText, loadTransformers, type TransformersModule } from '@ser/text';",
        "import { recordMicrophone } from '@ser/text/browser';",
        "const result = await classifyText('hello');",
        'const label: string = result.label;',
        'const load: () => Promise<TransformersModule> = loadTransformers;',
        'export { label, load, recordMicrophone };',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('runs `npx ser --help`', () => {
    const help = run('npx', ['--no-install', 'ser', '--help'], project);
    expect(help).toMatch(/analy[sz]e/);
    expect(help).toMatch(/train|extract/);
  });

  it("picks up a user's @tensorflow/tfjs-node (ESM and CJS)", () => {
    // The real package needs libtensorflow (downloaded at install), so a stand-in takes its place. It
    // registers itself the way tfjs-node 4.22 does (dist/index.js: require('@tensorflow/tfjs'), then
    // registerBackend('tensorflow', …, 3), a registerKernel per op, setBackend('tensorflow')), on the
    // tfjs-core that @ser/models installed — the umbrella tfjs-node depends on re-exports that same
    // tfjs-core, whose engine and kernel registry live in globals shared by every copy.
    const stub = join(project, 'node_modules', '@tensorflow', 'tfjs-node');
    mkdirSync(stub, { recursive: true });
    writeFileSync(
      join(stub, 'package.json'),
      JSON.stringify({ name: '@tensorflow/tfjs-node', version: '4.22.0', main: 'index.js' }),
    );
    writeFileSync(
      join(stub, 'index.js'),
      `
      const tf = require('@tensorflow/tfjs-core');
      const { MathBackendCPU } = require('@tensorflow/tfjs-backend-cpu');
      for (const kernel of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
      tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
      tf.setBackend('tensorflow');
      module.exports = tf;`,
    );
    try {
      const predictCode = (load: string) => `${load}
        const backend = await models.initBackend();
        const bundle = await node.loadDefaultModel();
        const sr = 16000;
        const y = Float32Array.from({ length: 2 * sr }, (_, i) => 0.3 * Math.sin(2 * Math.PI * 220 * i / sr));
        const p = models.predict(bundle, y, sr);
        console.log(JSON.stringify({ backend: backend.name, sum: p.probabilities.reduce((a, b) => a + b, 0) }));`;
      const esm = nodeJson(
        ['--input-type=module'],
        predictCode(`
        const models = await import('@ser/models'); const node = await import('@ser/models/node');`),
      );
      const cjs = nodeJson(
        [],
        `(async () => { ${predictCode(`
        const models = require('@ser/models'); const node = require('@ser/models/node');`)} })();`,
      );
      for (const result of [esm, cjs]) {
        expect(result.backend).toBe('tensorflow');
        expect(result.sum as number).toBeCloseTo(1, 4);
      }
    } finally {
      rmSync(stub, { recursive: true, force: true });
    }
  });

  it.runIf(HAS_DEFAULT_MODEL)(
    "exports the pretrained model: the README's copy script and loadBundleFromUrl over HTTP",
    () => {
      const resolved = nodeJson(
        ['--input-type=module'],
        `
      const esm = import.meta.resolve('@ser/models/pretrained/default/model.json');
      const { createRequire } = await import('node:module');
      const cjs = createRequire(import.meta.url).resolve('@ser/models/pretrained/default/weights.bin');
      console.log(JSON.stringify({ esm, cjs }));`,
      );
      expect(resolved.esm).toMatch(/node_modules\/@ser\/models\/pretrained\/default\/model\.json$/);
      expect(resolved.cjs).toMatch(/node_modules\/@ser\/models\/pretrained\/default\/weights\.bin$/);
      // The README's copy script, as written there.
      const readme = readFileSync(join(clone, 'packages', 'ser-models', 'README.md'), 'utf8');
      const script = /```js\n(\/\/ copy-ser-assets\.mjs[\s\S]*?)```/.exec(readme)?.[1];
      expect(script).toBeDefined();
      writeFileSync(join(project, 'copy-ser-assets.mjs'), script!);
      run(process.execPath, ['copy-ser-assets.mjs'], project);
      expect(readdirSync(join(project, 'public', 'ser-model')).sort()).toEqual([
        'model.json',
        'ser-model.json',
        'weights.bin',
      ]);
      expect(readdirSync(join(project, 'public', 'tfjs-wasm')).sort()).toEqual([
        'tfjs-backend-wasm-simd.wasm',
        'tfjs-backend-wasm-threaded-simd.wasm',
        'tfjs-backend-wasm.wasm',
      ]);
      const served = nodeJson(
        ['--input-type=module'],
        `
      const http = await import('node:http');
      const { readFile } = await import('node:fs/promises');
      const server = http.createServer(async (req, res) => {
        try { res.end(await readFile('public' + decodeURIComponent(req.url))); } catch { res.statusCode = 404; res.end(); }
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const base = 'http://127.0.0.1:' + server.address().port + '/';
      const models = await import('@ser/models');
      // In Node the wasm backend reads its binaries from disk, so wasmPaths (a URL in the page) is not used here.
      const backend = await models.initBackend();
      const bundle = await models.loadBundleFromUrl(base + 'ser-model/');
      const sr = 16000;
      const y = Float32Array.from({ length: 2 * sr }, (_, i) => 0.3 * Math.sin(2 * Math.PI * 180 * i / sr));
      const p = models.predict(bundle, y, sr);
      const missing = await models.loadBundleFromUrl(base + 'nowhere/').catch((e) => e.code);
      server.close();
      console.log(JSON.stringify({ backend: backend.name, labels: bundle.metadata.labels.length, sum: p.probabilities.reduce((a, b) => a + b, 0), missing }));`,
      );
      expect(served).toMatchObject({ backend: 'wasm', labels: 7, missing: 'NOT_FOUND' });
      expect(served.sum as number).toBeCloseTo(1, 4);
    },
  );

  it.runIf(HAS_DEFAULT_MODEL)('loads the shipped default model and predicts a recording', () => {
    const result = nodeJson(
      ['--input-type=module'],
      `
      const { loadAudio } = await import('@ser/audio-features/node');
      const models = await import('@ser/models');
      const node = await import('@ser/models/node');
      await models.initBackend();
      const bundle = await node.loadBundle(node.defaultModelDir());
      const { samples, sampleRate } = await loadAudio(${JSON.stringify(SAMPLE_FILE)}, { sr: null });
      const p = models.predict(bundle, samples, sampleRate);
      const sum = Array.from(p.probabilities).reduce((a, b) => a + b, 0);
      console.log(JSON.stringify({ label: p.label, labels: bundle.metadata.labels, sum }));`,
    );
    expect(result.labels as string[]).toContain(result.label);
    expect(result.sum as number).toBeCloseTo(1, 4);
  });
});

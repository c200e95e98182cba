import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures, parseTessName, type DatasetItem } from '../src/index.js';

/** Items whose paths the stub workers below look at (no audio is read by them). */
const items: DatasetItem[] = [
  'OAF_back_angry',
  'OAF_bar_angry',
  'OAF_base_angry',
  'OAF_bath_angry',
  'OAF_bean_angry',
].map((stem) => {
  const parsed = parseTessName(stem);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { path: `/nowhere/${stem}.wav`, ...parsed.fields };
});

describe('worker pool failure handling (stub worker scripts)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ser-pool-'));
    // Replies with the row index as features, but its thread dies on the file named "bath".
    await writeFile(
      join(dir, 'dies-on-bath.mjs'),
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job.path.includes('bath')) process.exit(3);
  parentPort.postMessage({ index: job.index, ok: true, data: new Float32Array(180).fill(job.index) });
});`,
    );
    await writeFile(
      join(dir, 'always-dies.mjs'),
      `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(1));`,
    );
    // Never answers for "bath" (a runaway decode), and fills its JavaScript heap for "bean".
    await writeFile(
      join(dir, 'runaway.mjs'),
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job.path.includes('bath')) return;
  if (job.path.includes('bean')) { const hog = []; for (;;) hog.push({ job, filler: new Array(1000).fill(job.index) }); }
  parentPort.postMessage({ index: job.index, ok: true, data: new Float32Array(180).fill(job.index) });
});`,
    );
    // Dies on every odd row: many bad files among good ones.
    await writeFile(
      join(dir, 'dies-on-odd.mjs'),
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => {
  if (job.index % 2 === 1) process.exit(4);
  parentPort.postMessage({ index: job.index, ok: true, data: new Float32Array(180).fill(job.index) });
});`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records the file whose worker died, replaces the worker and keeps order', async () => {
    const corpus = await extractFeatures(items, {
      featureSet: 'ser180',
      workers: 2,
      workerScript: join(dir, 'dies-on-bath.mjs'),
    });
    expect(corpus.failures).toHaveLength(1);
    expect(corpus.failures[0]!.path).toBe('/nowhere/OAF_bath_angry.wav');
    expect(corpus.failures[0]!.error).toMatch(/worker failed: worker exited with code 3/);
    expect(corpus.items.map((item) => item.stem)).toEqual([
      'OAF_back_angry',
      'OAF_bar_angry',
      'OAF_base_angry',
      'OAF_bean_angry',
    ]);
    expect([0, 1, 2, 3].map((row) => corpus.x[row * 180])).toEqual([0, 1, 2, 4]);
  });

  it('a stalled worker and one past its heap limit are replaced; their files are failures, the rest extracted', async () => {
    const corpus = await extractFeatures(items, {
      featureSet: 'ser180',
      workers: 2,
      workerScript: join(dir, 'runaway.mjs'),
      fileTimeoutMs: 1500,
      workerResourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
    });
    expect(corpus.items.map((item) => item.stem)).toEqual(['OAF_back_angry', 'OAF_bar_angry', 'OAF_base_angry']);
    expect(corpus.failures.map((f) => f.path)).toEqual(['/nowhere/OAF_bath_angry.wav', '/nowhere/OAF_bean_angry.wav']);
    expect(corpus.failures[0]!.error).toMatch(
      /OAF_bath_angry\.wav: worker failed: no answer for 1\.5 s, so the worker was stopped/,
    );
    expect(corpus.failures[1]!.error).toMatch(/OAF_bean_angry\.wav: worker failed: .*memory limit/i);
  });

  it('many failing files among good ones do not stop the run', async () => {
    const many = Array.from({ length: 16 }, (_, i) => ({ ...items[0]!, path: `/nowhere/${i}.wav` }));
    const corpus = await extractFeatures(many, {
      featureSet: 'ser180',
      workers: 2,
      workerScript: join(dir, 'dies-on-odd.mjs'),
    });
    expect(corpus.shape[0]).toBe(8);
    expect(corpus.failures).toHaveLength(8);
  });

  it('stops with WORKER_ERROR when workers keep dying', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...items[0]!, path: `/nowhere/${i}.wav` }));
    await expect(
      extractFeatures(many, { featureSet: 'ser180', workers: 2, workerScript: join(dir, 'always-dies.mjs') }),
    ).rejects.toMatchObject({ code: 'WORKER_ERROR' });
  });

  it('handles an empty item list without starting workers', async () => {
    const corpus = await extractFeatures([], {
      featureSet: 'ser180',
      workers: 2,
      workerScript: join(dir, 'always-dies.mjs'),
    });
    expect(corpus.shape).toEqual([0, 180]);
    expect(corpus.x).toHaveLength(0);
  });
});

describe('replies out of order', () => {
  it('puts every row in its input place when a worker answers its jobs in reverse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ser-pool-'));
    try {
      // Holds each first job until the second arrives, then answers the second before the first.
      await writeFile(
        join(dir, 'reverse.mjs'),
        `import { parentPort } from 'node:worker_threads';
let held;
parentPort.on('message', (job) => {
  const answer = (j) => parentPort.postMessage({ index: j.index, ok: true, data: new Float32Array(180).fill(j.index) });
  if (!held) { held = job; setTimeout(() => { if (held === job) { held = undefined; answer(job); } }, 50); return; }
  const first = held; held = undefined; answer(job); answer(first);
});`,
      );
      const many = Array.from({ length: 9 }, (_, i) => ({ ...items[0]!, path: `/nowhere/${i}.wav` }));
      const corpus = await extractFeatures(many, {
        featureSet: 'ser180',
        workers: 2,
        workerScript: join(dir, 'reverse.mjs'),
      });
      expect(corpus.failures).toEqual([]);
      expect(Array.from({ length: 9 }, (_, row) => corpus.x[row * 180])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(corpus.items.map((item) => item.path)).toEqual(many.map((item) => item.path));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a throwing onProgress callback', () => {
  it('stops the extraction with that error instead of crashing the process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ser-pool-'));
    try {
      await writeFile(
        join(dir, 'echo.mjs'),
        `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => parentPort.postMessage({ index: job.index, ok: true, data: new Float32Array(180) }));`,
      );
      const onProgress = () => {
        throw new Error('progress display broke');
      };
      await expect(
        extractFeatures(items, { featureSet: 'ser180', workers: 2, workerScript: join(dir, 'echo.mjs'), onProgress }),
      ).rejects.toThrow('progress display broke');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('aborting a running extraction', () => {
  it('terminates the workers and rejects with ABORTED', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ser-pool-'));
    try {
      await writeFile(
        join(dir, 'slow.mjs'),
        `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (job) => setTimeout(() => parentPort.postMessage({ index: job.index, ok: true, data: new Float32Array(180) }), 30));`,
      );
      const controller = new AbortController();
      const many = Array.from({ length: 40 }, (_, i) => ({ ...items[0]!, path: `/nowhere/${i}.wav` }));
      let progressCalls = 0;
      const run = extractFeatures(many, {
        featureSet: 'ser180',
        workers: 2,
        workerScript: join(dir, 'slow.mjs'),
        signal: controller.signal,
        onProgress: () => {
          progressCalls++;
          if (progressCalls === 3) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
      expect(progressCalls).toBeLessThan(40);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

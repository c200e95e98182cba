import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hyperband } from '../src/tuner/hyperband.js';
import { RandomSearch } from '../src/tuner/random-search.js';
import { SearchSpace, originalSearchSpace } from '../src/tuner/search-space.js';
import { modelObjective } from '../src/tuner/model-objective.js';
import type { Objective } from '../src/tuner/trial-runner.js';
import type { TrialRecord } from '../src/tuner/trial-log.js';
import { jsonTrialStore } from '../src/node/json-trial-store.js';
import { initBackend } from '../src/backend/init-backend.js';
import { mlp } from '../src/architectures/index.js';
import { createRandom } from '../src/random.js';

/** 4 × 3 × 3 = 36 settings; the best is units_0 = 48, learning_rate = 1e-3, dropout_1 = 0.25. */
const space = () =>
  new SearchSpace()
    .int('units_0', 16, 64, 16)
    .choice('learning_rate', [1e-2, 1e-3, 1e-4])
    .float('dropout_1', 0, 0.5, 0.25);
/** A synthetic validation accuracy: peaks at the known best setting, grows with epochs, never ties. */
const synthetic: Objective = async (h, { epochs }) => {
  const { units_0 = NaN, learning_rate = NaN, dropout_1 = NaN } = h;
  const distance = ((units_0 - 48) / 16) ** 2 + (Math.log10(learning_rate) + 3) ** 2 + ((dropout_1 - 0.25) / 0.25) ** 2;
  return (1 / (1 + distance)) * (1 - 0.5 / (epochs + 1)) + units_0 * 1e-6;
};
const strip = (trials: TrialRecord[]) => trials.map(({ ms: _ms, ...rest }) => rest);

describe('tuners', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ser-models-tuner-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("Hyperband's schedule follows keras-tuner (maxEpochs 9, factor 3)", () => {
    const hb = new Hyperband({ maxEpochs: 9, factor: 3, space: space(), objective: synthetic });
    expect(hb.schedule()).toEqual([
      {
        bracket: 2,
        rounds: [
          { size: 9, epochs: 1 },
          { size: 3, epochs: 3 },
          { size: 1, epochs: 9 },
        ],
      },
      {
        bracket: 1,
        rounds: [
          { size: 5, epochs: 3 },
          { size: 2, epochs: 9 },
        ],
      },
      { bracket: 0, rounds: [{ size: 3, epochs: 9 }] },
    ]);
  });

  it('the original search space has dropout_1..5, units_0..8 and learning_rate on their grids', () => {
    const s = originalSearchSpace();
    expect(s.specs.map((p) => p.name)).toEqual([
      'dropout_1',
      'dropout_2',
      'dropout_3',
      'dropout_4',
      'dropout_5',
      ...Array.from({ length: 9 }, (_, i) => `units_${i}`),
      'learning_rate',
    ]);
    const random = createRandom(3);
    for (let i = 0; i < 200; i++) {
      const h = s.sample(random);
      expect(h.units_4! % 16).toBe(0);
      expect(h.units_4).toBeGreaterThanOrEqual(16);
      expect(h.units_4).toBeLessThanOrEqual(256);
      expect(Math.round(h.dropout_3! * 20) / 20).toBe(h.dropout_3);
      expect([1e-2, 1e-3, 1e-4]).toContain(h.learning_rate);
    }
    expect(s.size()).toBe(11 ** 5 * 16 ** 9 * 3);
  });

  it('Hyperband finds the known best setting of a synthetic problem', async () => {
    const result = await new Hyperband({
      maxEpochs: 27,
      factor: 3,
      seed: 2,
      space: space(),
      objective: synthetic,
    }).search();
    expect(result.completed).toBe(true);
    expect(result.bestTrial?.hyperparameters).toEqual({ units_0: 48, learning_rate: 1e-3, dropout_1: 0.25 });
    expect(result.bestTrial?.epochs).toBe(27);
  });

  it('successive halving promotes exactly the best settings of each round', async () => {
    const hb = new Hyperband({ maxEpochs: 27, factor: 3, seed: 5, space: space(), objective: synthetic });
    const result = await hb.search();
    const key = (t: TrialRecord) => JSON.stringify(t.hyperparameters);
    for (const { bracket, rounds } of hb.schedule()) {
      for (let round = 1; round < rounds.length; round++) {
        const previous = result.trials.filter((t) => t.bracket === bracket && t.round === round - 1);
        const current = result.trials.filter((t) => t.bracket === bracket && t.round === round);
        expect(previous).toHaveLength(rounds[round - 1]!.size);
        expect(current).toHaveLength(rounds[round]!.size);
        expect(current.every((t) => t.epochs === rounds[round]!.epochs)).toBe(true);
        const best = [...previous]
          .sort((a, b) => b.score - a.score)
          .slice(0, rounds[round]!.size)
          .map(key)
          .sort();
        expect(current.map(key).sort()).toEqual(best);
      }
    }
  });

  it('RandomSearch finds it when its trials cover the space', async () => {
    const result = await new RandomSearch({
      maxTrials: 36,
      epochs: 5,
      seed: 4,
      space: space(),
      objective: synthetic,
    }).search();
    expect(result.trials).toHaveLength(36);
    expect(new Set(result.trials.map((t) => JSON.stringify(t.hyperparameters))).size).toBe(36);
    expect(result.bestTrial?.hyperparameters).toEqual({ units_0: 48, learning_rate: 1e-3, dropout_1: 0.25 });
  });

  it('resumes from its JSON log after an interruption with the same final result', async () => {
    const options = { maxEpochs: 9, factor: 3, seed: 7, executionsPerTrial: 2, space: space(), objective: synthetic };
    const uninterrupted = await new Hyperband(options).search();

    const file = path.join(dir, 'hyperband.json');
    let ran = 0;
    const first = await new Hyperband({
      ...options,
      store: jsonTrialStore(file),
      onTrialEnd: () => ++ran >= 6,
    }).search();
    expect(first.completed).toBe(false);
    expect(JSON.parse(await readFile(file, 'utf8')).trials).toHaveLength(6);

    let calls = 0;
    const counting: Objective = async (h, c) => {
      calls++;
      return synthetic(h, c);
    };
    const resumed = await new Hyperband({ ...options, objective: counting, store: jsonTrialStore(file) }).search();
    expect(resumed.completed).toBe(true);
    expect(resumed.resumedTrials).toBe(6);
    expect(calls).toBe((uninterrupted.trials.length - 6) * 2);
    expect(strip(resumed.trials)).toEqual(strip(uninterrupted.trials));
    expect(resumed.bestTrial?.hyperparameters).toEqual(uninterrupted.bestTrial?.hyperparameters);
    expect(JSON.parse(await readFile(file, 'utf8')).trials).toHaveLength(uninterrupted.trials.length);

    const controller = new AbortController();
    controller.abort();
    const aborted = await new RandomSearch({
      maxTrials: 3,
      epochs: 1,
      space: space(),
      objective: synthetic,
      signal: controller.signal,
    }).search();
    expect(aborted).toMatchObject({ completed: false, trials: [] });
    await expect(
      new RandomSearch({
        maxTrials: 3,
        epochs: 1,
        space: space(),
        objective: synthetic,
        store: jsonTrialStore(file),
      }).search(),
    ).rejects.toThrow(/different search/);
  });

  it('refuses a log of another search, naming every setting that differs (data, architecture, batch size…)', async () => {
    const file = path.join(dir, 'fingerprinted.json');
    const fingerprint = {
      data: { corpus: 'rav6', x: 'a1b2', y: 'c3d4', rows: 120 },
      arch: 'mlp',
      batchSize: 32,
      validationSpeakers: ['ravdess:17'],
    };
    const options = { maxTrials: 4, epochs: 2, seed: 3, space: space(), objective: synthetic };
    const first = await new RandomSearch({ ...options, fingerprint, store: jsonTrialStore(file) }).search();
    expect(first.trials).toHaveLength(4);
    const log = JSON.parse(await readFile(file, 'utf8'));
    expect(log).toMatchObject({
      formatVersion: 2,
      tuner: 'random-search',
      search: { maxTrials: 4, epochs: 2, seed: 3, fingerprint },
    });
    // The same search resumes (replays everything).
    const again = await new RandomSearch({ ...options, fingerprint, store: jsonTrialStore(file) }).search();
    expect(again.resumedTrials).toBe(4);
    // Other data, architecture and batch size: refused, each difference named.
    const other = {
      ...fingerprint,
      data: { corpus: 'all', x: 'ffff', y: 'c3d4', rows: 4000 },
      arch: 'ogCnn',
      batchSize: 64,
    };
    const refusal = await new RandomSearch({ ...options, fingerprint: other, store: jsonTrialStore(file) })
      .search()
      .catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toMatch(/^the tuner log belongs to a different search \(/);
    for (const difference of [
      'fingerprint.arch: "mlp" in the log, "ogCnn" now',
      'fingerprint.batchSize: 32 in the log, 64 now',
      'fingerprint.data.corpus: "rav6" in the log, "all" now',
      'fingerprint.data.rows: 120 in the log, 4000 now',
      'fingerprint.data.x: "a1b2" in the log, "ffff" now',
    ])
      expect((refusal as Error).message).toContain(difference);
    expect((refusal as Error).message).not.toContain('fingerprint.data.y');
    // A tuner log without a fingerprint at all differs too.
    await expect(new RandomSearch({ ...options, store: jsonTrialStore(file) }).search()).rejects.toThrow(
      /fingerprint\.arch: "mlp" in the log, \(none\) now/,
    );
  });

  it('refuses a format-1 log, which did not record the data or the model it searched', async () => {
    const file = path.join(dir, 'format-1.json');
    await writeFile(
      file,
      JSON.stringify({
        tuner: 'random-search',
        signature: '{"maxTrials":4,"epochs":2,"seed":3}',
        space: [],
        trials: [],
      }),
    );
    await expect(
      new RandomSearch({
        maxTrials: 4,
        epochs: 2,
        seed: 3,
        space: space(),
        objective: synthetic,
        store: jsonTrialStore(file),
      }).search(),
    ).rejects.toThrow(/written by an older version that did not record the data, model and batch size it searched/);
  });

  it('tunes a real model with modelObjective', async () => {
    await initBackend({ prefer: 'wasm', strict: true });
    const random = createRandom(5);
    const make = (n: number) => {
      const x = new Float32Array(n * 6).map(() => random() - 0.5);
      const labels = Array.from({ length: n }, (_, i) => i % 2);
      labels.forEach((l, i) => {
        x[i * 6 + l]! += 1;
      });
      return { x, shape: [6], labels };
    };
    const objective = modelObjective({
      build: (h, seed) =>
        mlp({ inputShape: [6], numClasses: 2, hyperparameters: { units_0: h.units_0!, units_1: 8 }, seed }),
      train: make(64),
      validation: make(32),
      batchSize: 16,
    });
    const result = await new RandomSearch({
      maxTrials: 2,
      epochs: 3,
      seed: 1,
      space: new SearchSpace().int('units_0', 8, 16, 8).choice('learning_rate', [1e-2]),
      objective,
    }).search();
    expect(result.trials).toHaveLength(2);
    expect(result.bestTrial!.score).toBeGreaterThan(0.6);
  });
});

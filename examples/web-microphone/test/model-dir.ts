/**
 * The model bundle the tests use: the pretrained default of @ser/models when it is installed; until then a
 * small throwaway bundle trained here on a few real RAVDESS files (cached in `<repo>/.tmp`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { computeFeatures, featureConfig } from '@ser/audio-features';
import { loadAudio } from '@ser/audio-features/node';
import { createBundleMetadata, initBackend, mlp, trainModel } from '@ser/models';
import { saveBundle } from '@ser/models/node';
import { defaultModelDir as defaultBundleDir } from '../vite-plugin-ser-model.js';

const REPO = resolve(__dirname, '../../..');
/** `shared/datasets` beside the repository. */
export const DATASETS = resolve(REPO, '../shared/datasets');
const FIXTURE_DIR = join(REPO, '.tmp', 'examples-fixture-bundle');
const RAVDESS_EKMAN: Record<string, string> = {
  '01': 'neutral', '02': 'neutral', '03': 'happy', '04': 'sad', '05': 'angry', '06': 'fear', '07': 'disgust', '08': 'surprise',
};
const LABELS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];

/** The bundle directory to test with (see the module comment). */
export async function testModelDir(): Promise<string> {
  const dir = defaultBundleDir();
  if (existsSync(join(dir, 'model.json'))) return dir;
  if (existsSync(join(FIXTURE_DIR, 'ser-model.json'))) return FIXTURE_DIR;
  await initBackend();
  const config = featureConfig('ser180');
  const files = ['Actor_01', 'Actor_02'].flatMap((actor) =>
    readdirSync(join(DATASETS, 'ravdess', actor)).filter((f) => f.endsWith('.flac')).map((f) => join(DATASETS, 'ravdess', actor, f)));
  const x = new Float32Array(files.length * 180);
  const labels: number[] = [];
  for (const [i, file] of files.entries()) {
    const { samples } = await loadAudio(file, { sr: config.sr });
    x.set(computeFeatures(samples, config).data, i * 180);
    labels.push(LABELS.indexOf(RAVDESS_EKMAN[file.split('/').pop()!.split('-')[2]]));
  }
  const model = mlp({ inputShape: [180], numClasses: LABELS.length });
  const result = await trainModel(model, { x, shape: [180], labels }, { epochs: 40, batchSize: 16, seed: 1 });
  const staging = `${FIXTURE_DIR}.${process.pid}`;
  await mkdir(join(REPO, '.tmp'), { recursive: true });
  await saveBundle(staging, {
    model,
    metadata: createBundleMetadata(model, {
      labels: LABELS,
      featureConfig: config,
      standardization: result.standardization,
      training: { corpora: ['ravdess'], note: 'throwaway test fixture: RAVDESS actors 1-2 only' },
    }),
  });
  await rename(staging, FIXTURE_DIR).catch(async () => rm(staging, { recursive: true, force: true }));
  return FIXTURE_DIR;
}

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { DatasetError, scanDataset, scanRavdess, scanTess, type DatasetItem } from '../src/index.js';
import { DATASETS, ORIGINALS_DIR, RAVDESS_DIR, TESS_DIR } from './paths.js';

function countBy<T>(values: T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
}

describe('RAVDESS scanner on shared/datasets', needs('ravdess'), () => {
  let items: DatasetItem[];
  let skipped: { path: string; reason: string }[];
  beforeAll(async () => {
    ({ items, skipped } = await scanRavdess(RAVDESS_DIR));
  });

  it('finds exactly 1200 speech items, 60 per actor, nothing skipped', () => {
    expect(items).toHaveLength(1200);
    expect(skipped).toEqual([]);
    const perSpeaker = countBy(items.map((item) => item.speaker));
    expect(Object.keys(perSpeaker)).toHaveLength(20);
    for (let actor = 1; actor <= 20; actor++) {
      expect(perSpeaker[`ravdess:${String(actor).padStart(2, '0')}`]).toBe(60);
    }
  });

  it('has neutral 80 and the other seven emotions 160 each', () => {
    expect(countBy(items.map((item) => item.emotion))).toEqual({
      neutral: 80,
      calm: 160,
      happy: 160,
      sad: 160,
      angry: 160,
      fearful: 160,
      disgust: 160,
      surprised: 160,
    });
  });

  it('reads every field from the name (checked against the name itself)', () => {
    const codes = ['neutral', 'calm', 'happy', 'sad', 'angry', 'fearful', 'disgust', 'surprised'];
    for (const item of items) {
      const parts = basename(item.path, '.flac').split('-');
      expect(item.dataset).toBe('ravdess');
      expect(item.emotion).toBe(codes[Number(parts[2]) - 1]);
      expect(item.sourceLabel).toBe(parts[2]);
      expect(item.intensity).toBe(parts[3] === '01' ? 'normal' : 'strong');
      expect(item.statement).toBe(parts[4]);
      expect(item.repetition).toBe(Number(parts[5]));
      expect(item.speaker).toBe(`ravdess:${parts[6]}`);
      expect(item.gender).toBe(Number(parts[6]) % 2 === 1 ? 'male' : 'female');
      expect(item.path).toContain(`Actor_${parts[6]}`);
    }
  });

  it('returns items sorted by path, the same on every call', async () => {
    const paths = items.map((item) => item.path);
    expect(paths).toEqual([...paths].sort());
    const again = await scanRavdess(RAVDESS_DIR);
    expect(again.items.map((item) => item.path)).toEqual(paths);
  });
});

describe('TESS scanner on shared/datasets', needs('tess'), () => {
  it('finds 2798 items from speakers OAF and YAF with labels from the names', async () => {
    const { items, skipped } = await scanTess(TESS_DIR);
    expect(items).toHaveLength(2798);
    expect(skipped).toEqual([]);
    expect(countBy(items.map((item) => item.speaker))).toEqual({ 'tess:OAF': 1399, 'tess:YAF': 1399 });
    expect(countBy(items.map((item) => item.sourceLabel))).toEqual({
      angry: 399,
      disgust: 400,
      fear: 400,
      happy: 400,
      neutral: 400,
      ps: 400,
      sad: 399,
    });
    const normalised: Record<string, string> = { fear: 'fearful', ps: 'surprised' };
    for (const item of items) {
      const [speaker, word, emotion] = basename(item.path, '.flac').split('_');
      const folderSpeaker = basename(dirname(item.path)).slice(0, 3);
      expect(item.speaker).toBe(`tess:${folderSpeaker}`);
      // the published corpus misspells one OAF file as OA_bite_neutral
      expect(speaker === folderSpeaker || (speaker === 'OA' && word === 'bite')).toBe(true);
      expect(item.statement).toBe(word!.toLowerCase());
      expect(item.emotion).toBe(normalised[emotion!] ?? emotion);
      expect(item.gender).toBe('female');
    }
  });
});

describe('scanning originals/', needs('originals'), () => {
  it('finds the four RAVDESS and three TESS files (the AIFF named .wav is a TESS item)', async () => {
    const ravdess = await scanRavdess(ORIGINALS_DIR);
    expect(ravdess.items.map((item) => basename(item.path))).toEqual([
      '03-01-05-01-01-01-01.wav',
      '03-01-08-02-02-01-01.wav',
      '03-01-04-01-01-01-02.wav',
      '03-01-02-01-02-02-05.wav',
    ]);
    expect(ravdess.skipped).toHaveLength(3);
    expect(ravdess.skipped[0]!.reason).toMatch(/not a RAVDESS name/);

    const tess = await scanTess(ORIGINALS_DIR);
    expect(tess.items.map((item) => [basename(item.path), item.emotion, item.speaker])).toEqual([
      ['OAF_food_fear.wav', 'fearful', 'tess:OAF'],
      ['YAF_germ_angry.wav', 'angry', 'tess:YAF'],
      ['YAF_back_happy.wav', 'happy', 'tess:YAF'],
    ]);
    const auto = await scanDataset(ORIGINALS_DIR, 'auto');
    expect(auto.items).toHaveLength(7);
    expect(auto.skipped).toEqual([]);
  });

  it('auto-scanning the whole shared folder reports the originals duplicates and text files as skipped', async () => {
    const { items, skipped } = await scanDataset(DATASETS, 'auto');
    expect(items).toHaveLength(1200 + 2798);
    const duplicates = skipped.filter((entry) => entry.reason.startsWith('duplicate recording'));
    expect(duplicates).toHaveLength(7);
    expect(skipped.length).toBeGreaterThan(duplicates.length); // README.md, TSV files, …
    expect(skipped.every((entry) => entry.reason.length > 0)).toBe(true);
  });
});

describe('scanners on files made here', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ser-scan-'));
    const files = [
      'ACTOR_03/03-01-05-02-01-02-03.WAV', // upper-case folder and extension
      'actor_03/03-01-01-01-01-01-03.Flac',
      'Actor_04/03-01-05-01-01-01-03.wav', // actor in name ≠ folder
      'Actor_04/03-02-05-01-01-01-04.wav', // song
      'Actor_04/03-01-01-02-01-01-04.wav', // neutral strong
      'Actor_04/03-01-09-01-01-01-04.wav', // emotion 09
      'Actor_04/notes.txt',
      'Actor_04/03-01-03-01-01-01-04.mp3',
      'Actor_04/03-01-03-01-01-02-04.ogg',
      'Actor_04/03-01-03-01-02-01-04.AIFF',
      'Actor_04/._03-01-03-01-02-02-04.wav', // macOS AppleDouble metadata
    ];
    for (const file of files) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), 'not audio: scanners read names only');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts any folder and extension case and lists every other file with a reason', async () => {
    const { items, skipped } = await scanRavdess(dir);
    expect(items.map((item) => basename(item.path))).toEqual([
      '03-01-05-02-01-02-03.WAV',
      '03-01-03-01-01-01-04.mp3',
      '03-01-03-01-01-02-04.ogg',
      '03-01-03-01-02-01-04.AIFF',
      '03-01-01-01-01-01-03.Flac',
    ]);
    expect(items[0]).toMatchObject({
      speaker: 'ravdess:03',
      gender: 'male',
      emotion: 'angry',
      intensity: 'strong',
      repetition: 2,
    });
    const reasons = Object.fromEntries(skipped.map((entry) => [basename(entry.path), entry.reason]));
    expect(reasons['03-01-05-01-01-01-03.wav']).toMatch(/does not match the folder Actor_04/);
    expect(reasons['03-02-05-01-01-01-04.wav']).toMatch(/song/);
    expect(reasons['03-01-01-02-01-01-04.wav']).toMatch(/neutral recordings have no strong intensity/);
    expect(reasons['03-01-09-01-01-01-04.wav']).toMatch(/emotion code 09/);
    expect(reasons['notes.txt']).toMatch(/extension \.txt is not an audio extension/);
    expect(reasons['._03-01-03-01-02-02-04.wav']).toMatch(/macOS metadata file/);
    expect(skipped).toHaveLength(6);
  });

  it('lists devices, pipes and dangling links as skipped instead of reading (or silently dropping) them', async () => {
    const odd = join(dir, '..', `${basename(dir)}-odd`, 'Actor_05');
    await mkdir(odd, { recursive: true });
    try {
      execFileSync('mkfifo', [join(odd, '03-01-03-01-01-01-05.wav')]);
      await symlink('/dev/zero', join(odd, '03-01-03-01-01-02-05.wav'));
      await symlink(join(odd, 'nowhere.wav'), join(odd, '03-01-03-01-02-01-05.wav'));
      const { items, skipped } = await scanRavdess(join(odd, '..'));
      expect(items).toEqual([]);
      expect(Object.fromEntries(skipped.map((entry) => [basename(entry.path), entry.reason]))).toEqual({
        '03-01-03-01-01-01-05.wav': 'not a regular file (a device, pipe or socket): not read',
        '03-01-03-01-01-02-05.wav':
          'a symbolic link to something that is not a regular file (a device, pipe or socket): not read',
        '03-01-03-01-02-01-05.wav': 'a symbolic link to nothing (its target does not exist)',
      });
    } finally {
      await rm(join(odd, '..'), { recursive: true, force: true });
    }
  });

  it('keeps song recordings when asked', async () => {
    const { items } = await scanRavdess(dir, { includeSong: true });
    expect(items.some((item) => basename(item.path) === '03-02-05-01-01-01-04.wav')).toBe(true);
  });

  it('throws a typed error for a missing directory and an unknown corpus name', async () => {
    await expect(scanTess(join(dir, 'missing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(scanDataset(dir, 'emodb')).rejects.toBeInstanceOf(DatasetError);
    await expect(scanDataset(dir, 'emodb')).rejects.toThrow(/unknown dataset "emodb"/);
  });
});

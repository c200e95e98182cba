import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREMA_D_ACTORS, parseCremaDName, scanCremaD, scanDataset } from '../src/index.js';
import { pcm16Wav, sine } from './wav-writer.js';

describe('CREMA-D demographics table', () => {
  it('has the 91 published actors, 48 male and 43 female', () => {
    expect(CREMA_D_ACTORS.size).toBe(91);
    const sexes = [...CREMA_D_ACTORS.values()].map((actor) => actor.sex);
    expect(sexes.filter((sex) => sex === 'Male')).toHaveLength(48);
    expect(sexes.filter((sex) => sex === 'Female')).toHaveLength(43);
    expect(CREMA_D_ACTORS.get(1001)).toEqual({
      actorId: 1001,
      age: 51,
      sex: 'Male',
      race: 'Caucasian',
      ethnicity: 'Not Hispanic',
    });
    expect(CREMA_D_ACTORS.get(1091)?.sex).toBe('Female');
    expect(CREMA_D_ACTORS.has(1092)).toBe(false);
  });
});

describe('CREMA-D scanner on WAV files written here', () => {
  let dir: string;
  const good = [
    '1001_DFA_ANG_XX.wav', // male
    '1002_IEO_HAP_HI.wav', // female
    '1091_WSI_SAD_LO.wav', // female
    '1005_TIE_NEU_MD.WAV', // male, upper-case extension
    '1013_ITS_FEA_XX.flac', // female (named .flac, content irrelevant to the scanner)
    '1090_TSI_DIS_HI.wav', // male
  ];
  const bad = {
    '1001_DFA_XYZ_XX.wav': /emotion code XYZ/,
    '1200_DFA_ANG_XX.wav': /actor 1200 is not in VideoDemographics/,
    '1001_DFA_ANG_XX.txt': /extension \.txt is not an audio extension/,
    '1001_ABC_ANG_XX.wav': /sentence code ABC/,
    '1001_DFA_ANG_ZZ.wav': /level ZZ/,
    '1001-DFA-ANG-XX.wav': /not a CREMA-D name/,
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ser-cremad-'));
    await mkdir(join(dir, 'AudioWAV'));
    const wav = pcm16Wav(sine(220, 16000, 0.1), 16000);
    for (const name of [...good, ...Object.keys(bad)]) await writeFile(join(dir, 'AudioWAV', name), wav);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('turns the well-named files into items with genders from the demographics table', async () => {
    const { items, skipped } = await scanCremaD(dir);
    expect(
      items.map((item) => [
        basename(item.path),
        item.speaker,
        item.gender,
        item.emotion,
        item.intensity,
        item.statement,
      ]),
    ).toEqual([
      ['1001_DFA_ANG_XX.wav', 'cremad:1001', 'male', 'angry', 'unspecified', 'DFA'],
      ['1002_IEO_HAP_HI.wav', 'cremad:1002', 'female', 'happy', 'high', 'IEO'],
      ['1005_TIE_NEU_MD.WAV', 'cremad:1005', 'male', 'neutral', 'medium', 'TIE'],
      ['1013_ITS_FEA_XX.flac', 'cremad:1013', 'female', 'fearful', 'unspecified', 'ITS'],
      ['1090_TSI_DIS_HI.wav', 'cremad:1090', 'male', 'disgust', 'high', 'TSI'],
      ['1091_WSI_SAD_LO.wav', 'cremad:1091', 'female', 'sad', 'low', 'WSI'],
    ]);
    expect(items.every((item) => item.dataset === 'cremad')).toBe(true);
    expect(items.map((item) => item.sourceLabel)).toEqual(['ANG', 'HAP', 'NEU', 'FEA', 'DIS', 'SAD']);
    expect(skipped).toHaveLength(Object.keys(bad).length);
    for (const entry of skipped) {
      const pattern = bad[basename(entry.path) as keyof typeof bad];
      expect(entry.reason).toMatch(pattern);
    }
  });

  it('is what scanDataset gives for "crema-d" and "CREMAD"', async () => {
    const direct = await scanCremaD(dir);
    expect(await scanDataset(dir, 'crema-d')).toEqual(direct);
    expect(await scanDataset(dir, 'CREMAD')).toEqual(direct);
  });

  it('parses codes case-insensitively', () => {
    const parsed = parseCremaDName('1001_dfa_ang_xx');
    expect(parsed.ok && parsed.fields.sourceLabel).toBe('ANG');
  });
});

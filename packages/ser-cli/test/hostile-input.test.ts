/**
 * `ser analyze` on hostile and faulty files (issue #14), made here from forged headers of a few hundred bytes:
 * each ends quickly with one clear error naming the file, with the pretrained default model.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { flacClaimingAnHourOf8ChannelAudio, wavClaimingRate } from '@ser/test-support/hostile-audio';
import { DATASETS_DIR, runSer } from './helpers/run-cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ser-cli-hostile-'));
  writeFileSync(join(dir, 'sr_1.wav'), wavClaimingRate(1, 62_000));
  writeFileSync(join(dir, 'sr_4g.wav'), wavClaimingRate(0xffffffff, 62_000));
  writeFileSync(join(dir, 'f32_big.wav'), wavClaimingRate(16000, 32_000, { float: true, value: 1e30 }));
  writeFileSync(join(dir, 'ch8_96k.flac'), flacClaimingAnHourOf8ChannelAudio());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ser analyze on hostile files: one clear error naming the file, quickly', () => {
  const cases: Array<[string, RegExp]> = [
    ['sr_1.wav', /sr_1\.wav: the WAV header claims a sample rate of 1 Hz \(expected 1000–768000 Hz/],
    ['sr_4g.wav', /sr_4g\.wav: the WAV header claims a sample rate of 4294967295 Hz/],
    [
      'ch8_96k.flac',
      /ch8_96k\.flac: the FLAC STREAMINFO declares 345 600 000 frames of 8-channel 96000 Hz audio .* more than the limit of 172 800 000 samples/,
    ],
    [
      'f32_big.wav',
      /f32_big\.wav: the audio signal has samples up to \d\.\d\de\+\d+ in magnitude: its power spectrum would overflow float32/,
    ],
  ];
  for (const [name, message] of cases) {
    it(name, async () => {
      const started = performance.now();
      const run = await runSer(['analyze', join(dir, name)]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\by has\b|RangeError|Invalid typed array/);
      expect(performance.now() - started).toBeLessThan(30_000);
    });
  }

  it('/dev/zero (no size, endless) is refused after its first bytes', async () => {
    const run = await runSer(['analyze', '/dev/zero']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot read \/dev\/zero: unrecognised audio format: the first bytes are 00 00/);
  });
});

describe('ser extract over a corpus holding hostile files', needs('ravdess'), () => {
  it('writes the good rows, lists every failed file and names every skipped one', async () => {
    const actor = join(dir, 'corpus', 'Actor_03');
    mkdirSync(actor, { recursive: true });
    const source = join(DATASETS_DIR, 'ravdess', 'Actor_03');
    const good = readdirSync(source)
      .filter((name) => name.endsWith('.flac'))
      .sort()
      .slice(0, 3);
    for (const name of good) copyFileSync(join(source, name), join(actor, name));
    writeFileSync(join(actor, '03-01-05-02-02-02-03.wav'), wavClaimingRate(1, 62_000));
    writeFileSync(join(actor, '03-01-06-02-02-02-03.flac'), flacClaimingAnHourOf8ChannelAudio());
    const others = ['README.txt', 'notes.wav', '.DS_Store', 'take-2.flac', 'cover.jpg'];
    for (const name of others) writeFileSync(join(actor, name), 'not a recording');
    const run = await runSer([
      'extract',
      join(dir, 'corpus'),
      '--dataset',
      'ravdess',
      '--out',
      join(dir, 'out', 'hostile'),
      '--workers',
      '2',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/skipped 5 other file\(s\):/);
    for (const name of others)
      expect(run.stdout).toMatch(new RegExp(`^  ${join(actor, name).replace(/[.]/g, '\\.')}: `, 'm'));
    expect(run.stdout).toMatch(
      /2 file\(s\) failed:\n {2}.*03-01-05-02-02-02-03\.wav: the WAV header claims a sample rate of 1 Hz[^\n]*\n {2}.*03-01-06-02-02-02-03\.flac: the FLAC STREAMINFO declares/,
    );
    expect(run.stdout).toMatch(/3 row\(s\) of ser180/);
    const meta = JSON.parse(readFileSync(join(dir, 'out', 'hostile.meta.json'), 'utf8'));
    expect(meta.rows).toBe(3);
    expect(meta.failures).toHaveLength(2);
    expect(existsSync(join(dir, 'out', 'x_hostile.npy'))).toBe(true);
  });
});

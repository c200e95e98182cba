import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '@ser/test-support';
import { findExecutable, recorderArguments, recordMicrophone, requireRecorder, s16leToFloat32 } from '../src/node.js';
import { recorderMessage } from '../src/node/recorder-message.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ser-text-mic-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('recordMicrophone (Node)', () => {
  it('requireRecorder names what to install when PATH has no recorder, and finds a real one', needs('sox'), () => {
    expect(() => requireRecorder(undefined, '')).toThrow(
      /no microphone recorder found on PATH \(looked for `rec`, `arecord`, `ffmpeg`\); install one of/,
    );
    expect(requireRecorder('rec', process.env.PATH).name).toBe('rec');
  });

  it('with no recorder on PATH: RECORDER_UNAVAILABLE naming what to install', async () => {
    const error = await recordMicrophone({ seconds: 1, searchPath: tmp }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RECORDER_UNAVAILABLE' });
    const message = (error as Error).message;
    for (const word of ['`rec`', '`arecord`', '`ffmpeg`', 'sox', 'alsa-utils', 'apt install'])
      expect(message).toContain(word);
  });

  it('validates seconds, sampleRate and recorder before looking for a program', async () => {
    await expect(recordMicrophone({ seconds: 0 })).rejects.toThrow(/seconds must be a number in \(0, 3600\]/);
    await expect(recordMicrophone({ seconds: 1, sampleRate: 44.1 })).rejects.toThrow(/sampleRate/);
    await expect(recordMicrophone({ seconds: 1, recorder: 'audacity' as never })).rejects.toThrow(
      /recorder must be one of rec, arecord, ffmpeg/,
    );
  });

  it('command lines ask each recorder for raw s16le mono at the requested rate', () => {
    expect(recorderArguments('rec', { seconds: 2.5, sampleRate: 16000 })).toEqual([
      '-q',
      '-t',
      'raw',
      '-b',
      '16',
      '-e',
      'signed-integer',
      '-c',
      '1',
      '-r',
      '16000',
      '-',
      'trim',
      '0',
      '2.5',
    ]);
    expect(recorderArguments('arecord', { seconds: 2.5, sampleRate: 8000, device: 'hw:1' })).toEqual([
      '-q',
      '-D',
      'hw:1',
      '-f',
      'S16_LE',
      '-c',
      '1',
      '-r',
      '8000',
      '-t',
      'raw',
      '-d',
      '3',
    ]);
    expect(recorderArguments('ffmpeg', { seconds: 1, sampleRate: 16000, ffmpegInputFormat: 'pulse' })).toEqual([
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-f',
      'pulse',
      '-i',
      'default',
      '-t',
      '1',
      '-ac',
      '1',
      '-ar',
      '16000',
      '-f',
      's16le',
      '-',
    ]);
    expect(Array.from(s16leToFloat32(Uint8Array.from([0x00, 0x80, 0xff, 0x7f, 0x00, 0x00, 0x01])))).toEqual([
      -1,
      32767 / 32768,
      0,
    ]);
  });

  const sox = findExecutable('sox');
  it('reads what a recorder writes: an `arecord` stand-in that plays a sox test tone', needs('sox'), async () => {
    // A real process on a PATH of its own: sox synthesises what a microphone would deliver.
    const script = path.join(tmp, 'arecord');
    writeFileSync(
      script,
      `#!/bin/sh\nrate=16000\nwhile [ $# -gt 0 ]; do [ "$1" = "-r" ] && rate=$2; shift; done\nexec ${sox} -n -t raw -b 16 -e signed-integer -c 1 -r "$rate" - synth 1 sine 440 vol 0.5\n`,
    );
    chmodSync(script, 0o755);
    const r = await recordMicrophone({ seconds: 0.5, sampleRate: 8000, searchPath: tmp });
    expect(r.recorder).toBe('arecord');
    expect(r.sampleRate).toBe(8000);
    expect(r.samples.length).toBe(4000); // 1 s produced, trimmed to the 0.5 s asked for
    expect(Math.max(...r.samples)).toBeGreaterThan(0.45);
    expect(Math.max(...r.samples)).toBeLessThan(0.55);
  });

  it('a failing recorder is RECORDING_FAILED with its message', async () => {
    const dir = mkdtempSync(path.join(tmp, 'fail-'));
    const script = path.join(dir, 'rec');
    writeFileSync(script, '#!/bin/sh\necho "rec FAIL formats: cannot open input default" >&2\nexit 2\n');
    chmodSync(script, 0o755);
    const error = await recordMicrophone({ seconds: 1, searchPath: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RECORDING_FAILED' });
    expect((error as Error).message).toMatch(/exit code 2: rec FAIL formats: cannot open input default/);
  });

  it(
    'a recorder without a sound card: its own message, without the ALSA diagnostics before it',
    needs('sox'),
    async () => {
      // the real `rec` of sox, on a device that does not exist (also where a microphone is connected)
      const error = await recordMicrophone({ seconds: 0.2, recorder: 'rec', device: 'ser-no-such-device' }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'RECORDING_FAILED' });
      const message = (error as Error).message;
      expect(message).not.toMatch(/ALSA lib/);
      expect(message).toMatch(/rec FAIL/);
    },
  );

  it("recorderMessage keeps the recorder's lines and drops the audio libraries' (as rec prints them without a card)", () => {
    const alsa = [
      "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'",
      'ALSA lib conf.c:5180:(_snd_config_evaluate) function snd_func_card_inum returned error: No such file or directory',
      'ALSA lib confmisc.c:422:(snd_func_concat) error evaluating strings',
      'ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default',
    ];
    expect(
      recorderMessage([...alsa, 'rec FAIL sox: Sorry, there is no default audio device configured', ''].join('\n')),
    ).toBe('rec FAIL sox: Sorry, there is no default audio device configured');
    expect(recorderMessage(alsa.join('\n'))).toBe('ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default');
    expect(recorderMessage('  \n')).toBe('');
  });
});

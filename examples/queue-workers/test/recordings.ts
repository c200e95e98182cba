/**
 * The test batch: short real speech (espeak-ng, as WAV and as FLAC via sox), one long recording (a job slow
 * enough to kill a worker in the middle of it) and hostile files.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { speechWav } from '@ser/test-support/speech';

const SENTENCES = [
  'I cannot believe you did that again.',
  'What a wonderful surprise this is.',
  'Please leave me alone right now.',
  'The train leaves at seven tomorrow.',
  'I am so happy to see you today.',
  'This is the worst day of my life.',
  'Are you sure that is a good idea?',
  'We won the match, we really won!',
  'Nobody listens to me any more.',
  'Kids are talking by the door.',
  'Dogs are sitting by the door.',
  'Get out of my house immediately!',
  'I think it might rain later.',
  'That smell is absolutely disgusting.',
  'Oh no, I lost my keys again.',
  'Thank you, that is very kind.',
  'Wait, what was that noise?',
];

/** The files of the test batch. */
export interface TestRecordings {
  /** Good speech, 1–3 s each (every third one as 16 kHz FLAC). */
  speech: string[];
  /** About four minutes of speech (16 kHz FLAC): a job that runs for seconds. */
  long: string;
  /** A WAV for the URL job (served by the test). */
  urlSource: string;
  /** Bad files and the message each job must fail with. */
  hostile: { path: string; message: RegExp }[];
}

/** A WAV whose header claims a sample rate of 1 Hz (16-bit mono PCM, plausible otherwise). */
export function oneHertzWav(path: string): string {
  const data = Buffer.alloc(8000, 0x10);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(1, 24); // 1 Hz
  header.writeUInt32LE(2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
  return path;
}

/** Makes the test batch's files in `dir`. */
export function makeRecordings(dir: string): TestRecordings {
  const speech = SENTENCES.map((text, i) => {
    const wav = speechWav(dir, `speech-${String(i).padStart(2, '0')}`, text);
    if (i % 3 !== 2) return wav;
    const flac = wav.replace(/\.wav$/, '.flac');
    execFileSync('sox', [wav, '-r', '16000', flac]);
    return flac;
  });
  const long = join(dir, 'long.flac');
  execFileSync('sox', [speech[0]!, '-r', '16000', long, 'repeat', '110']);
  const urlSource = speechWav(dir, 'from-url', 'This one comes over the network.');
  const truncated = join(dir, 'truncated.wav');
  writeFileSync(truncated, readFileSync(speech[1]!).subarray(0, 3000));
  const noise = join(dir, 'noise.flac');
  writeFileSync(noise, randomBytes(20_000));
  return {
    speech,
    long,
    urlSource,
    hostile: [
      { path: oneHertzWav(join(dir, 'one-hertz.wav')), message: /claims a sample rate of 1 Hz/ },
      { path: truncated, message: /truncated WAV/ },
      { path: noise, message: /could not decode \S*noise\.flac|noise\.flac is not audio/ },
    ],
  };
}

/** Test recordings made on the spot with espeak-ng, sox and ffmpeg. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Paths of the generated files. */
export interface SpeechFiles {
  /** ~3 s of speech, 48 kHz stereo 16-bit WAV. */
  wav48kStereo: string;
  /** The same speech, 16 kHz mono FLAC. */
  flac16k: string;
  /** The same speech, MP3 (ffmpeg, 44.1 kHz). */
  mp3: string;
  /** The same speech, Ogg Vorbis (ffmpeg). */
  oggVorbis: string;
  /** The same speech, Ogg Opus (ffmpeg, 48 kHz). */
  oggOpus: string;
  /** The same speech, 44.1 kHz AIFF (sox). */
  aiff: string;
  /** ~0.7 s of speech (shorter than a 2-s chunk), 22.05 kHz WAV. */
  shortWav: string;
  /** 60 s of speech-like audio (the sentence repeated), 16 kHz WAV. */
  long60sWav: string;
}

/** Makes every test recording in `dir`. */
export function makeSpeechFiles(dir: string): SpeechFiles {
  const raw = join(dir, 'raw.wav');
  execFileSync('espeak-ng', ['-w', raw, '-s', '150', 'Kids are talking by the door. Dogs are sitting by the door.']);
  const files: SpeechFiles = {
    wav48kStereo: join(dir, 'speech-48k-stereo.wav'),
    flac16k: join(dir, 'speech-16k.flac'),
    mp3: join(dir, 'speech.mp3'),
    oggVorbis: join(dir, 'speech.ogg'),
    oggOpus: join(dir, 'speech.opus'),
    aiff: join(dir, 'speech.aiff'),
    shortWav: join(dir, 'short.wav'),
    long60sWav: join(dir, 'long-60s.wav'),
  };
  execFileSync('sox', [raw, '-r', '48000', '-c', '2', '-b', '16', files.wav48kStereo]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', files.flac16k]);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', raw, '-ar', '44100', '-b:a', '96k', files.mp3]);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', raw, '-c:a', 'libvorbis', files.oggVorbis]);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', raw, '-c:a', 'libopus', files.oggOpus]);
  execFileSync('sox', [raw, '-r', '44100', files.aiff]);
  execFileSync('sox', [raw, '-r', '22050', files.shortWav, 'trim', '0', '0.7']);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', files.long60sWav, 'repeat', '30', 'trim', '0', '60']);
  return files;
}

/**
 * `ser listen`'s speaker calibration: a file (`--calibration`), or an enrollment made just before listening
 * (`--calibrate`: the speaker talks calmly for `--calibrate-seconds` into the microphone; `--calibrate-file`: the
 * calm speech comes from a recording, for scripts and tests), optionally saved (`--save-calibration`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { flag, number, text, type OptionValues } from '../options.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadMedia, type LoadedMedia } from '../media/load-media.js';
import { assertMicrophoneRecorder, recordFromMicrophone } from '../media/microphone.js';
import type { EmotionModel } from '../model/emotion-model.js';
import type { ModelLocation } from '../model/resolve-model-dir.js';
import {
  calibrationSummary,
  readCalibrationFile,
  writeCalibrationFile,
  type CalibrationFile,
  type CalibrationSummary,
} from './calibration-file.js';
import { assertTakesCalibration } from './calibrated-recognizer.js';
import { enrollSpeaker } from './enroll-speaker.js';

/** Seconds of calm speech `--calibrate` records by default. */
export const DEFAULT_CALIBRATE_SECONDS = 5;
/** Seconds counted down on stderr before the enrollment recording starts. */
export const COUNTDOWN_SECONDS = 3;

/** The calibration options of `ser listen`, to spread into its option declarations. */
export const LISTEN_CALIBRATION_OPTIONS = {
  calibration: text({
    valueName: 'file',
    description: "the speaker's calibration (`ser calibrate`): listen with the speaker-calibrated model",
  }),
  calibrate: flag({ description: 'first record a few seconds of calm speech and calibrate with it' }),
  'calibrate-seconds': number({
    valueName: 'seconds',
    description: 'how long --calibrate records (3 … 60)',
    default: DEFAULT_CALIBRATE_SECONDS,
    min: 3,
    max: 60,
  }),
  'calibrate-file': text({
    valueName: 'file',
    description: 'calibrate from this recording of calm speech instead of the microphone (implies --calibrate)',
  }),
  'save-calibration': text({
    valueName: 'file',
    description: 'also save the calibration --calibrate made (for --calibration later)',
  }),
  'allow-not-calm': flag({ description: 'with --calibrate: skip the check that the enrollment speech sounds calm' }),
};

/** What the calibration options of `ser listen` ask for. */
export type ListenCalibrationRequest =
  | { kind: 'file'; file: string }
  | {
      kind: 'enroll';
      from: { microphoneSeconds: number } | { file: string };
      saveTo: string | undefined;
      allowNotCalm: boolean;
    };

/** The calibration `ser listen` analyses with, and what its report says of it. */
export interface ListenCalibration extends CalibrationFile {
  summary: CalibrationSummary;
}

/**
 * Reads `--calibration`, `--calibrate`, `--calibrate-file`, `--calibrate-seconds`, `--save-calibration` and
 * `--allow-not-calm`; undefined when none asks for a calibration.
 * @throws UsageError for contradictory or orphan options
 */
export function parseListenCalibration(
  options: OptionValues<typeof LISTEN_CALIBRATION_OPTIONS>,
  given: ReadonlySet<string>,
): ListenCalibrationRequest | undefined {
  const file = options.calibration;
  const calibrateFile = options['calibrate-file'];
  const enroll = options.calibrate || calibrateFile !== undefined;
  const saveTo = options['save-calibration'];
  const seconds = options['calibrate-seconds'];
  if (file !== undefined && enroll) {
    throw new UsageError('ser listen: give either --calibration <file> or --calibrate, not both', {
      hint: '--calibration uses a saved calibration; --calibrate makes a new one first',
    });
  }
  if (!enroll) {
    const orphan = [
      saveTo !== undefined && '--save-calibration',
      given.has('calibrate-seconds') && '--calibrate-seconds',
      options['allow-not-calm'] && '--allow-not-calm',
    ].filter(Boolean);
    if (orphan.length > 0)
      throw new UsageError(`ser listen: ${orphan.join(', ')} only with --calibrate or --calibrate-file`);
    return file === undefined ? undefined : { kind: 'file', file };
  }
  const from = calibrateFile !== undefined ? { file: calibrateFile } : { microphoneSeconds: seconds };
  return { kind: 'enroll', from, saveTo, allowNotCalm: options['allow-not-calm'] };
}

/**
 * The calibration `request` asks for, for the speaker-calibrated `model`: read from its file, or enrolled now (and
 * saved when asked).
 * @throws CliError for a model that takes no calibration, an unreadable file, or a refused enrollment (silent, too
 *   short, not calm), naming the file or the microphone
 */
export async function prepareListenCalibration(
  request: ListenCalibrationRequest,
  model: EmotionModel,
  location: ModelLocation,
  io: CliIo,
): Promise<ListenCalibration> {
  if (request.kind === 'file') {
    const read = await readCalibrationFile(request.file, io.cwd);
    assertTakesCalibration(model, location, `--calibration ${request.file}`);
    return { ...read, summary: calibrationSummary(read.calibration, read.file) };
  }
  assertTakesCalibration(model, location, 'ser listen --calibrate');
  const audio =
    'file' in request.from
      ? await loadMedia(request.from.file, { env: io.env, cwd: io.cwd, sr: model.sampleRate })
      : await recordCalmSpeech(request.from.microphoneSeconds, io);
  const from = 'file' in request.from ? 'recording' : 'microphone';
  const calibration = await enrollSpeaker(
    model.bundle,
    [{ samples: audio.samples, sampleRate: audio.sampleRate, source: audio.source }],
    { allowNotCalm: request.allowNotCalm, cwd: io.cwd, from },
  );
  if (request.saveTo !== undefined) await writeCalibrationFile(request.saveTo, io.cwd, calibration);
  io.stderr.write(
    `calibrated with ${calibration.speechSeconds.toFixed(1)} s of calm speech from ${audio.source}` +
      `${request.saveTo !== undefined ? `; saved to ${request.saveTo}` : ''}\n`,
  );
  const file = request.saveTo ?? `the calibration from ${audio.source}`;
  return { file, calibration, summary: calibrationSummary(calibration, request.saveTo ?? null) };
}

/** Asks for calm speech, counts down on stderr, and records it. */
async function recordCalmSpeech(seconds: number, io: CliIo): Promise<LoadedMedia> {
  await assertMicrophoneRecorder(io); // before the countdown, not after it
  io.stderr.write(
    `calibration: talk calmly for about ${seconds} s in your everyday, relaxed voice (e.g. read a paragraph aloud or say what you did today)\n`,
  );
  for (let left = COUNTDOWN_SECONDS; left > 0; left--) {
    io.stderr.write(`starting in ${left}…\n`);
    await sleep(1000);
  }
  const audio = await recordFromMicrophone(seconds, io, {
    prompt: `recording ${seconds} s: speak calmly now`,
    onSecond: (left) => {
      if (left > 0) io.stderr.write(`${left} s left…\n`);
    },
  });
  io.stderr.write('thank you; listening comes next\n');
  return audio;
}

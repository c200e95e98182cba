/** `ser calibrate <calm-recording…> --out <file>`: a speaker calibration from a few seconds of their calm speech. */
import type { SpeakerCalibration } from '@ser/models';
import { writeCalibrationFile } from '../calibration/calibration-file.js';
import { assertTakesCalibration, modelName } from '../calibration/calibrated-recognizer.js';
import { enrollSpeaker, type EnrollmentAudio } from '../calibration/enroll-speaker.js';
import { defineCommand, type OptionValues } from '../command.js';
import { flag, text } from '../options.js';
import { jsonOption, modelOption } from '../shared-options.js';
import type { CliIo } from '../io.js';
import { loadMedia } from '../media/load-media.js';
import { loadEmotionModel } from '../model/load-emotion-model.js';
import { resolveModelDir, type ModelLocation } from '../model/resolve-model-dir.js';
import { chooseProgressMode, withStatus } from '../ui/progress.js';

/** What `ser calibrate` was asked to do. */
interface CalibrateRequest {
  inputs: string[];
  out: string;
  model: string | undefined;
  allowNotCalm: boolean;
  json: boolean;
}

/** What `ser calibrate --json` prints. */
export interface CalibrateReport {
  /** The file written, as given to --out, and its absolute path. */
  file: string;
  path: string;
  model: { dir: string; isDefault: boolean };
  /** Each enrolled recording and its length in seconds. */
  recordings: { source: string; duration: number }[];
  calibration: SpeakerCalibration;
}

/** `ser calibrate`'s options. */
const CALIBRATE_OPTIONS = {
  out: text({
    short: 'o',
    valueName: 'file.calibration.json',
    description: 'where to write the calibration (JSON)',
    required: true,
  }),
  model: modelOption('the calibrated default model', 'speaker-calibrated model bundle folder'),
  'allow-not-calm': flag({ description: 'skip the check that the speech sounds calm' }),
  json: jsonOption(),
};

export const calibrateCommand = defineCommand({
  name: 'calibrate',
  summary: 'a speaker calibration from a few seconds of their calm speech, for analyze/listen --calibration',
  usage: 'calibrate <calm-recording…> --out <file.calibration.json> [options]',
  description:
    'Reads one or more recordings of the speaker talking calmly (any format `ser analyze` reads, files or URLs; ' +
    'at least 3 s of speech in all, 5-10 s is better: read a paragraph aloud in an even voice) and writes their ' +
    'calibration: the mean level of each frequency band of their voice, which the speaker-calibrated model ' +
    '(pretrained/default-calibrated) subtracts before it listens. `ser analyze --calibration` and `ser listen ' +
    '--calibration` then use it. Enrollment that is silent, shorter than 3 s of speech, or that the uncalibrated ' +
    'default model hears as clearly not calm (angry, fear, happy, surprise or disgust above 50 %) is refused.\n\n' +
    'The file is written to a temporary name beside --out and renamed over it, so an existing file is replaced ' +
    'whole or left as it was. A calibration belongs to one voice and one microphone: calibrate again for another.',
  options: CALIBRATE_OPTIONS,
  positionals: { min: 1, max: Infinity, name: '<calm-recording…>' },
  examples: [
    'ser calibrate calm.wav --out me.calibration.json',
    'ser calibrate reading-1.flac reading-2.flac -o me.calibration.json --json',
    'ser analyze angry-call.mp3 --calibration me.calibration.json',
  ],
  async run({ positionals, options, io }) {
    const request = parseRequest(positionals, options);
    const { location, calibration, recordings } = await enrollFromFiles(request, io);
    const path = await writeCalibrationFile(request.out, io.cwd, calibration);
    printResult(
      { file: request.out, path, model: { dir: location.dir, isDefault: location.isDefault }, recordings, calibration },
      location,
      request.json,
      io,
    );
    return 0;
  },
});

function parseRequest(positionals: string[], options: OptionValues<typeof CALIBRATE_OPTIONS>): CalibrateRequest {
  return {
    inputs: positionals,
    out: options.out,
    model: options.model,
    allowNotCalm: options['allow-not-calm'],
    json: options.json,
  };
}

/** Loads the calibrated model, decodes every recording at its rate and calibrates. */
async function enrollFromFiles(
  request: CalibrateRequest,
  io: CliIo,
): Promise<{ location: ModelLocation; calibration: SpeakerCalibration; recordings: CalibrateReport['recordings'] }> {
  const location = await resolveModelDir(request.model, io.cwd, { calibrated: true });
  const progressMode = chooseProgressMode(io.stderr, false);
  const model = await withStatus(io.stderr, progressMode, 'loading the model', () => loadEmotionModel(location.dir));
  try {
    assertTakesCalibration(model, location, 'ser calibrate');
    const audio: EnrollmentAudio[] = [];
    const recordings: CalibrateReport['recordings'] = [];
    for (const input of request.inputs) {
      const media = await loadMedia(input, { env: io.env, cwd: io.cwd, sr: model.sampleRate });
      audio.push({ samples: media.samples, sampleRate: media.sampleRate, source: media.source });
      recordings.push({ source: media.source, duration: media.duration });
    }
    const calibration = await enrollSpeaker(model.bundle, audio, { allowNotCalm: request.allowNotCalm, cwd: io.cwd });
    return { location, calibration, recordings };
  } finally {
    model.dispose();
  }
}

function printResult(report: CalibrateReport, location: ModelLocation, json: boolean, io: CliIo): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const { calibration } = report;
  const lines = [
    `enrolled ${calibration.speechSeconds.toFixed(1)} s of calm speech from ${calibration.recordings} recording(s) for ${modelName(location, true)}:`,
    ...report.recordings.map((r) => `  ${r.source} (${r.duration.toFixed(1)} s)`),
    `wrote ${report.file}`,
    `use it: ser analyze <file> --calibration ${report.file}   or   ser listen --calibration ${report.file}`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}

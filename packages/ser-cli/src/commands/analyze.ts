/** `ser analyze <file|url>`: emotions of a recording, chunk by chunk, with a summary (@ser/models' recognizer). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Analysis, AnalysisReport, Recognizer } from '@ser/models';
import { formatChunkHeader, formatChunkLine, formatSummary } from '../analysis/format-analysis.js';
import { assertLongEnough, MIN_AUDIO_SECONDS } from '../analysis/duration.js';
import {
  calibrationSummary,
  describeCalibration,
  readCalibrationFile,
  type CalibrationFile,
  type CalibrationSummary,
} from '../calibration/calibration-file.js';
import { assertTakesCalibration, createCalibratedRecognizer } from '../calibration/calibrated-recognizer.js';
import { defineCommand, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { flag, number, text } from '../options.js';
import { jsonOption, modelOption, progressOption } from '../shared-options.js';
import { loadAudioFeatures, loadModels } from '../deps.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadMedia, type LoadedMedia } from '../media/load-media.js';
import { playInStep } from '../media/play-in-step.js';
import { NO_PLAYER_MESSAGE, findPlayer } from '../media/player.js';
import { encodeWav16 } from '../media/wav-writer.js';
import { loadEmotionModel } from '../model/load-emotion-model.js';
import { resolveModelDir, type ModelLocation } from '../model/resolve-model-dir.js';
import { formatDuration } from '../ui/format.js';
import { ProgressReporter, chooseProgressMode, withStatus, type ProgressMode } from '../ui/progress.js';

/**
 * What `--json` prints: @ser/models' `analysisReport` (the JSON of the HTTP service too), with the model's folder
 * and the time each step took.
 */
export interface CliAnalysisReport extends AnalysisReport {
  model: AnalysisReport['model'] & { dir: string; isDefault: boolean };
  /** The speaker calibration the analysis used (`--calibration`), or null. */
  calibration: CalibrationSummary | null;
  /** Milliseconds spent decoding, loading the model and analysing. */
  timing: { decodeMs: number; modelLoadMs: number; analyzeMs: number };
}

/** Shortest `--chunk`, seconds: the shortest audio worth classifying. */
export const MIN_CHUNK_SECONDS = MIN_AUDIO_SECONDS;
/** Shortest `--hop`, seconds. */
export const MIN_HOP_SECONDS = 0.05;

/** `ser analyze`'s options. Below a quarter second a chunk holds too few STFT frames for meaningful features. */
const ANALYZE_OPTIONS = {
  chunk: number({
    valueName: 'seconds',
    description: `chunk length in seconds (${MIN_CHUNK_SECONDS} … 600)`,
    default: 2,
    min: MIN_CHUNK_SECONDS,
    max: 600,
  }),
  hop: number({
    valueName: 'seconds',
    description: 'distance between chunk starts (0.05 … chunk; overlap when smaller)',
    default: { text: 'the chunk length', value: (values) => values.chunk as number },
    min: MIN_HOP_SECONDS,
  }),
  model: modelOption('the pretrained default model; with --calibration, the calibrated default model'),
  calibration: text({
    valueName: 'file',
    description: "the speaker's calibration (`ser calibrate`): analyse with the speaker-calibrated model",
  }),
  json: jsonOption(),
  play: flag({ description: 'play the audio (sox play, ffplay or aplay) and print each line as its chunk plays' }),
  progress: progressOption(),
};

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: 'emotions in a recording (file or URL), chunk by chunk, with a summary',
  usage: 'analyze <file|url> [options]',
  description:
    'Reads WAV, FLAC, MP3, Ogg (Vorbis/Opus) and AIFF at any sample rate and channel count (mixed to mono and ' +
    "resampled to the model's rate). An http(s) URL is downloaded first; a YouTube page URL needs yt-dlp.\n\n" +
    'The recording is cut into chunks of --chunk seconds starting every --hop seconds. A recording no longer than ' +
    'one chunk is one chunk (one shorter than 0.25 s is refused). After the last full chunk, a remainder of ' +
    'at least half a chunk becomes its own chunk; a shorter remainder joins the previous chunk. A chunk whose RMS ' +
    'level is below -55 dBFS is silence and not classified. Each line shows the time span, the top emotion with its ' +
    "probability and one bar column per emotion; the summary is the mean of the chunks' probabilities weighted by " +
    "their duration (the same rules as the HTTP service, the voice bot and the web page: @ser/models' createRecognizer).\n\n" +
    "With --calibration (a file written by `ser calibrate` from a few seconds of the speaker's calm speech) the " +
    'speaker-calibrated model is used (default: pretrained/default-calibrated; a --model must be a speaker-calibrated ' +
    'bundle) and the header and --json say so.',
  options: ANALYZE_OPTIONS,
  positionals: { min: 1, max: 1, name: '<file|url>' },
  examples: [
    'ser analyze speech.wav',
    'ser analyze interview.mp3 --chunk 3 --hop 1.5',
    'ser analyze https://example.org/voice.flac --json > result.json',
    'ser analyze speech.wav --model ./my-model --play',
    'ser analyze call.wav --calibration me.calibration.json',
  ],
  async run({ positionals, options, io }) {
    const request = await parseAnalyzeRequest(positionals[0]!, options, io);
    const result = await analyzeRecording(request, io);
    await printAnalysis(result, request, io);
    return EXIT.ok;
  },
});

/** What `ser analyze` was asked to do. */
interface AnalyzeRequest {
  input: string;
  chunkSeconds: number;
  hopSeconds: number;
  calibration: CalibrationFile | undefined;
  location: ModelLocation;
  progressMode: ProgressMode;
  json: boolean;
  play: boolean;
}

/** The analysis of a recording, and what printing it needs. */
interface AnalyzeResult {
  report: CliAnalysisReport;
  media: LoadedMedia;
  analysis: Analysis;
  labels: readonly string[];
  silenceThresholdDbfs: number;
}

/** The request from the option values: chunking checked, the calibration file read, the model folder found. */
async function parseAnalyzeRequest(
  input: string,
  options: OptionValues<typeof ANALYZE_OPTIONS>,
  io: CliIo,
): Promise<AnalyzeRequest> {
  const { chunkSeconds, hopSeconds } = parseChunking(options);
  const calibration =
    options.calibration === undefined ? undefined : await readCalibrationFile(options.calibration, io.cwd);
  const location = await resolveModelDir(options.model, io.cwd, { calibrated: calibration !== undefined });
  const progressMode = chooseProgressMode(io.stderr, options.progress);
  return {
    input,
    chunkSeconds,
    hopSeconds,
    calibration,
    location,
    progressMode,
    json: options.json,
    play: options.play,
  };
}

/** Loads the model, decodes the recording at its rate and analyses it chunk by chunk, timing each step. */
async function analyzeRecording(request: AnalyzeRequest, io: CliIo): Promise<AnalyzeResult> {
  const { calibration, location, progressMode, chunkSeconds, hopSeconds } = request;
  // The model first: its sample rate is what the recording is decoded to (mixed and resampled while it is
  // decoded, so a long multichannel file is never held at its own rate).
  const modelStart = performance.now();
  const model = await withStatus(io.stderr, progressMode, 'loading the model', () => loadEmotionModel(location.dir));
  const modelLoadMs = performance.now() - modelStart;
  try {
    const { analysisReport } = await loadModels();
    if (calibration) assertTakesCalibration(model, location, `--calibration ${calibration.file}`);
    const recognizer = await createCalibratedRecognizer({ model, location, calibration, chunkSeconds, hopSeconds });
    const decodeStart = performance.now();
    const download = new ProgressReporter({
      stream: io.stderr,
      mode: progressMode,
      label: 'downloading',
      delayMs: 1000,
    });
    const media = await loadMedia(request.input, {
      env: io.env,
      cwd: io.cwd,
      sr: model.sampleRate,
      onDownloadProgress: (received, total) => {
        if (total !== undefined) download.setTotal(total);
        download.update(received);
      },
    });
    download.finish();
    const decodeMs = performance.now() - decodeStart;
    assertLongEnough(media.source, media.duration);
    const analyzeStart = performance.now();
    const analysis = await analyzeNamed(recognizer, media, io, progressMode);
    const analyzeMs = performance.now() - analyzeStart;
    const base = analysisReport(recognizer, analysis, {
      source: media.source,
      format: media.decodedBy,
      sampleRate: media.fileSampleRate,
      channels: media.fileChannels,
    });
    const report: CliAnalysisReport = {
      ...base,
      model: { ...base.model, dir: location.dir, isDefault: location.isDefault },
      calibration: calibration ? calibrationSummary(calibration.calibration, calibration.file) : null,
      timing: { decodeMs, modelLoadMs, analyzeMs },
    };
    return {
      report,
      media,
      analysis,
      labels: recognizer.settings.labels,
      silenceThresholdDbfs: recognizer.settings.silenceThresholdDbfs,
    };
  } finally {
    model.dispose();
  }
}

/** Prints the report: JSON with --json, else a header, one line per chunk (in step with playback with --play) and the summary. */
async function printAnalysis(result: AnalyzeResult, request: AnalyzeRequest, io: CliIo): Promise<void> {
  const { report, media, analysis, labels } = result;
  const { chunkSeconds, hopSeconds, location, calibration } = request;
  if (request.json) {
    if (request.play) await playAlong(media, [], [], io); // play first, then print the JSON
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const header = [
    `${media.source}: ${formatDuration(media.duration)}, ${media.fileSampleRate} Hz, ${media.fileChannels} channel(s); ` +
      `model ${modelLabel(location.isDefault, location.dir, calibration)}; ${analysis.chunks.length} chunk(s) of ${chunkSeconds} s` +
      (hopSeconds !== chunkSeconds ? ` every ${hopSeconds} s` : ''),
    formatChunkHeader(labels),
  ];
  io.stdout.write(`${header.join('\n')}\n`);
  const lines = analysis.chunks.map((chunk) => formatChunkLine(chunk, labels, labelWidth));
  if (request.play) {
    await playAlong(
      media,
      analysis.chunks.map((chunk) => chunk.start),
      lines,
      io,
    );
  } else {
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  io.stdout.write(`\n${formatSummary(analysis.summary, labels, result.silenceThresholdDbfs)}\n`);
}

/** `--chunk` and `--hop`, checked together. */
function parseChunking(options: OptionValues<typeof ANALYZE_OPTIONS>): { chunkSeconds: number; hopSeconds: number } {
  const { chunk: chunkSeconds, hop: hopSeconds } = options;
  if (hopSeconds > chunkSeconds) {
    throw new UsageError(
      `--hop (${hopSeconds}) must not exceed --chunk (${chunkSeconds}): audio between chunks would be skipped`,
    );
  }
  return { chunkSeconds, hopSeconds };
}

/** The model in the header: `pretrained default`, its folder, and the calibration when there is one. */
function modelLabel(isDefault: boolean, dir: string, calibration: CalibrationFile | undefined): string {
  if (!calibration) return isDefault ? 'pretrained default' : dir;
  const summary = describeCalibration(calibrationSummary(calibration.calibration, calibration.file));
  return `${isDefault ? 'calibrated default' : dir}, ${summary}`;
}

/**
 * `recognizer.analyze` of the decoded recording, with progress when it takes more than a second, and errors about
 * the audio itself (e.g. samples of 1e29 whose spectrum would overflow) naming the recording they came from.
 */
async function analyzeNamed(
  recognizer: Recognizer,
  media: LoadedMedia,
  io: CliIo,
  mode: ProgressMode,
): Promise<Analysis> {
  const progress = new ProgressReporter({ stream: io.stderr, mode, label: 'analysing', delayMs: 1000 });
  try {
    const analysis = recognizer.analyze(media.samples, media.sampleRate, {
      onProgress: (done, total) => {
        progress.setTotal(total);
        progress.update(done);
      },
    });
    progress.finish();
    return analysis;
  } catch (error) {
    progress.abort();
    const { AudioFeaturesError } = await loadAudioFeatures();
    const { ModelError } = await loadModels();
    if (
      (error instanceof AudioFeaturesError && error.file === undefined) ||
      (error instanceof ModelError && error.code === 'INVALID_DATA')
    ) {
      throw new CliError(`${media.source}: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Writes the recording to a temporary WAV for a player; returns the path and a cleanup. */
async function temporaryWav(media: LoadedMedia): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'ser-play-'));
  const path = join(dir, 'audio.wav');
  await writeFile(path, encodeWav16(media.channels, media.sampleRate));
  return { path, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** `--play` with text output: each chunk line appears when its chunk starts playing. */
async function playAlong(
  media: LoadedMedia,
  starts: readonly number[],
  lines: readonly string[],
  io: CliIo,
): Promise<void> {
  const player = findPlayer(io.env);
  if (!player) {
    io.stderr.write(`${NO_PLAYER_MESSAGE}\n`);
    if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  io.stderr.write(`playing with ${player.name}…\n`);
  const wav = await temporaryWav(media);
  try {
    const timed = starts.map((at, i) => ({ at, line: lines[i]! }));
    const result = await playInStep(player, wav.path, timed, (line) => io.stdout.write(`${line}\n`), io.env);
    if (result.code !== 0) {
      const how = result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
      io.stderr.write(
        `playback with ${player.name} failed (${how}; is there an audio output device?): ${result.stderr || 'no message'}\n`,
      );
    }
  } finally {
    await wav.cleanup();
  }
}

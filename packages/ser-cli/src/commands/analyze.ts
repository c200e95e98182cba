/** `ser analyze <file|url>`: emotions of a recording, chunk by chunk, with a summary. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatChunkHeader, formatChunkLine, formatSummary } from '../analysis/format-analysis.js';
import { summarizePredictions, toChunkPredictions, type AnalysisSummary, type ChunkPrediction } from '../analysis/summary.js';
import { flagOption, numberOption, stringOption } from '../args.js';
import { isSilentSpan, SILENCE_THRESHOLD_DBFS } from '../analysis/silence.js';
import { assertLongEnough, MIN_AUDIO_SECONDS } from '../analysis/duration.js';
import { planChunks, sliceChunk, ChunkPlanError, type ChunkSpan } from '../chunking.js';
import { JSON_OPTION, PROGRESS_OPTION, type CommandSpec } from '../command.js';
import { loadAudioFeatures } from '../deps.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadMedia, type LoadedMedia } from '../media/load-media.js';
import { playInStep } from '../media/play-in-step.js';
import { NO_PLAYER_MESSAGE, findPlayer } from '../media/player.js';
import { encodeWav16 } from '../media/wav-writer.js';
import type { EmotionModel } from '../model/emotion-model.js';
import { loadEmotionModel } from '../model/load-emotion-model.js';
import { resolveModelDir } from '../model/resolve-model-dir.js';
import { formatDuration } from '../ui/format.js';
import { ProgressReporter, chooseProgressMode, withStatus } from '../ui/progress.js';

/** The full result of analysing one recording (what `--json` prints). */
export interface AnalysisReport {
  source: string;
  /** Seconds. */
  duration: number;
  /** The recording's own sample rate and channel count. */
  sampleRate: number;
  channels: number;
  decodedBy: string;
  model: { dir: string; isDefault: boolean; labels: string[]; sampleRate: number };
  chunkSeconds: number;
  hopSeconds: number;
  chunks: (Omit<ChunkPrediction, 'probabilities'> & { probabilities: Record<string, number> })[];
  summary: AnalysisSummary;
  /** Milliseconds spent decoding, loading the model and analysing. */
  timing: { decodeMs: number; modelLoadMs: number; analyseMs: number };
}

/** Shortest `--chunk`, seconds: the shortest audio worth classifying. */
export const MIN_CHUNK_SECONDS = MIN_AUDIO_SECONDS;
/** Shortest `--hop`, seconds. */
export const MIN_HOP_SECONDS = 0.05;

export const analyzeCommand: CommandSpec = {
  name: 'analyze',
  summary: 'emotions in a recording (file or URL), chunk by chunk, with a summary',
  usage: 'analyze <file|url> [options]',
  description:
    'Reads WAV, FLAC, MP3, Ogg (Vorbis/Opus) and AIFF at any sample rate and channel count (mixed to mono and ' +
    'resampled to the model\'s rate). An http(s) URL is downloaded first; a YouTube page URL needs yt-dlp.\n\n' +
    'The recording is cut into chunks of --chunk seconds starting every --hop seconds. A recording no longer than ' +
    'one chunk is analysed as one chunk zero-padded to the chunk length (one shorter than 0.25 s is refused). After the last full chunk, a remainder of ' +
    'at least half a chunk becomes its own zero-padded chunk; a shorter remainder is merged into the previous ' +
    'chunk (which then runs to the end). Each line shows the time span, the top emotion with its probability and ' +
    'one bar column per emotion; the summary gives the dominant emotion and each emotion\'s share of the time.',
  options: {
    chunk: { type: 'string', valueName: 'seconds', description: 'chunk length in seconds (0.25 … 600)', defaultText: '2' },
    hop: { type: 'string', valueName: 'seconds', description: 'distance between chunk starts (0.05 … chunk; overlap when smaller)', defaultText: 'the chunk length' },
    model: { type: 'string', short: 'm', valueName: 'dir', description: 'model bundle folder', defaultText: 'the pretrained default model' },
    json: JSON_OPTION,
    play: { type: 'boolean', description: 'play the audio (sox play, ffplay or aplay) and print each line as its chunk plays' },
    progress: PROGRESS_OPTION,
  },
  positionals: { min: 1, max: 1, name: '<file|url>' },
  examples: [
    'ser analyze speech.wav',
    'ser analyze interview.mp3 --chunk 3 --hop 1.5',
    'ser analyze https://example.org/voice.flac --json > result.json',
    'ser analyze speech.wav --model ./my-model --play',
  ],
  async run({ positionals, options, io }) {
    // Below a quarter second a chunk holds too few STFT frames for meaningful features.
    const chunkSeconds = numberOption(options, 'chunk', 2, { min: MIN_CHUNK_SECONDS, max: 600 });
    const hopSeconds = numberOption(options, 'hop', chunkSeconds, { min: MIN_HOP_SECONDS });
    if (hopSeconds > chunkSeconds) {
      throw new UsageError(`--hop (${hopSeconds}) must not exceed --chunk (${chunkSeconds}): audio between chunks would be skipped`);
    }
    const json = flagOption(options, 'json');
    const location = await resolveModelDir(stringOption(options, 'model'), io.cwd);
    const progressMode = chooseProgressMode(io.stderr, flagOption(options, 'progress'));

    // The model first: its sample rate is what the recording is decoded to (mixed and resampled while it is
    // decoded, so a long multichannel file is never held at its own rate).
    const modelStart = performance.now();
    const model = await withStatus(io.stderr, progressMode, 'loading the model', () => loadEmotionModel(location.dir));
    const modelLoadMs = performance.now() - modelStart;
    let media: LoadedMedia;
    let decodeMs: number;
    try {
      const decodeStart = performance.now();
      const download = new ProgressReporter({ stream: io.stderr, mode: progressMode, label: 'downloading', delayMs: 1000 });
      media = await loadMedia(positionals[0]!, {
        env: io.env,
        cwd: io.cwd,
        sr: model.sampleRate,
        onDownloadProgress: (received, total) => {
          if (total !== undefined) download.setTotal(total);
          download.update(received);
        },
      });
      download.finish();
      decodeMs = performance.now() - decodeStart;
      assertLongEnough(media.source, media.duration);
    } catch (error) {
      model.dispose();
      throw error;
    }
    try {
      const analyseStart = performance.now();
      const { chunks, predictions } = await analyseSignal(media, model, { chunkSeconds, hopSeconds }, io, progressMode);
      const summary = summarizePredictions(chunks, predictions, model.labels);
      const analyseMs = performance.now() - analyseStart;
      const report: AnalysisReport = {
        source: media.source,
        duration: media.duration,
        sampleRate: media.fileSampleRate,
        channels: media.fileChannels,
        decodedBy: media.decodedBy,
        model: { dir: location.dir, isDefault: location.isDefault, labels: model.labels, sampleRate: model.sampleRate },
        chunkSeconds,
        hopSeconds,
        chunks: predictions.map((p) => ({ ...p, probabilities: Object.fromEntries(model.labels.map((label, i) => [label, p.probabilities[i]!])) })),
        summary,
        timing: { decodeMs, modelLoadMs, analyseMs },
      };
      const play = flagOption(options, 'play');
      if (json) {
        if (play) await playAlong(media, [], [], io); // play first, then print the JSON
        io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return 0;
      }
      const labelWidth = Math.max(...model.labels.map((l) => l.length));
      const header = [
        `${media.source}: ${formatDuration(media.duration)}, ${media.fileSampleRate} Hz, ${media.fileChannels} channel(s); ` +
          `model ${location.isDefault ? 'pretrained default' : location.dir}; ${predictions.length} chunk(s) of ${chunkSeconds} s` +
          (hopSeconds !== chunkSeconds ? ` every ${hopSeconds} s` : ''),
        formatChunkHeader(model.labels),
      ];
      io.stdout.write(`${header.join('\n')}\n`);
      const lines = predictions.map((p) => formatChunkLine(p, labelWidth));
      if (play) {
        await playAlong(media, predictions, lines, io);
      } else {
        io.stdout.write(`${lines.join('\n')}\n`);
      }
      io.stdout.write(`\n${formatSummary(summary)}\n`);
      return 0;
    } finally {
      model.dispose();
    }
  },
};

/** Chunks per model call. */
const PREDICT_BATCH = 32;

/** Resamples, chunks and predicts; progress appears only when the work takes more than a second. */
async function analyseSignal(
  media: LoadedMedia,
  model: EmotionModel,
  plan: { chunkSeconds: number; hopSeconds: number },
  io: CliIo,
  mode: ReturnType<typeof chooseProgressMode>,
): Promise<{ chunks: ChunkSpan[]; predictions: ChunkPrediction[] }> {
  const { resample } = await loadAudioFeatures();
  const signal = media.sampleRate === model.sampleRate ? media.samples : resample(media.samples, media.sampleRate, model.sampleRate);
  let chunks: ChunkSpan[];
  try {
    chunks = planChunks(signal.length, { sr: model.sampleRate, ...plan });
  } catch (error) {
    if (error instanceof ChunkPlanError) throw new CliError(`${media.source}: ${error.message}`);
    throw error;
  }
  const progress = new ProgressReporter({ stream: io.stderr, mode, label: 'analysing', delayMs: 1000 });
  // Silent chunks are not shown to the model (their features are meaningless); they are reported as silence.
  const voiced = chunks.filter((chunk) => !isSilentSpan(signal, chunk.start, chunk.end));
  if (voiced.length === 0) {
    throw new CliError(`${media.source} is silent (peak below ${SILENCE_THRESHOLD_DBFS} dBFS): there is no speech to analyse`, {
      hint: 'check the recording level or the file',
    });
  }
  const byChunk = new Map<ChunkSpan, number[]>();
  try {
    // Chunks go to the model in batches (one model call each); progress advances per batch.
    for (let first = 0; first < voiced.length; first += PREDICT_BATCH) {
      const batch = voiced.slice(first, first + PREDICT_BATCH);
      const results = await predictNamed(model, batch.map((chunk) => sliceChunk(signal, chunk)), media.source);
      batch.forEach((chunk, i) => byChunk.set(chunk, results[i]!));
      progress.setTotal(voiced.length);
      progress.increment(batch.length);
    }
  } catch (error) {
    progress.abort();
    throw error;
  }
  progress.finish();
  const probabilities = chunks.map((chunk) => byChunk.get(chunk) ?? null);
  return { chunks, predictions: toChunkPredictions(chunks, probabilities, model.labels) };
}

/**
 * `model.predictSignals`, with errors about the audio itself (e.g. samples of 1e29 whose spectrum would overflow)
 * naming the recording they came from.
 */
async function predictNamed(model: EmotionModel, signals: Float32Array[], source: string): Promise<number[][]> {
  try {
    return await model.predictSignals(signals);
  } catch (error) {
    const { AudioFeaturesError } = await loadAudioFeatures();
    if (error instanceof AudioFeaturesError && error.file === undefined) throw new CliError(`${source}: ${error.message}`, { cause: error });
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
async function playAlong(media: LoadedMedia, predictions: readonly ChunkPrediction[], lines: readonly string[], io: CliIo): Promise<void> {
  const player = findPlayer(io.env);
  if (!player) {
    io.stderr.write(`${NO_PLAYER_MESSAGE}\n`);
    if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  io.stderr.write(`playing with ${player.name}…\n`);
  const wav = await temporaryWav(media);
  try {
    const timed = predictions.map((p, i) => ({ at: p.start, line: lines[i]! }));
    const result = await playInStep(player, wav.path, timed, (line) => io.stdout.write(`${line}\n`), io.env);
    if (result.code !== 0) {
      const how = result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
      io.stderr.write(`playback with ${player.name} failed (${how}; is there an audio output device?): ${result.stderr || 'no message'}\n`);
    }
  } finally {
    await wav.cleanup();
  }
}

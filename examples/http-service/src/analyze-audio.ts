/**
 * Chunk-by-chunk emotion analysis of one uploaded recording.
 */
import { decodeAudio, resample, toMono, type AudioFormat } from '@ser/audio-features';
import { ModelError, predict, type ModelBundle } from '@ser/models';
import { planChunks } from './chunk-plan.js';
import { rmsDbfs } from './signal-level.js';
import { summarizeChunks, type AnalysisSummary } from './summary.js';

/** The result for one chunk. */
export interface ChunkResult {
  /** Start time in seconds. */
  start: number;
  /** End time in seconds. */
  end: number;
  /** Most probable emotion, or `null` when the chunk was not analysed (see `note`). */
  label: string | null;
  /** Probability of every model label, or `null` when not analysed. */
  probabilities: Record<string, number> | null;
  /** Why a chunk was not analysed (`silent`, or the model's reason). */
  note?: string;
}

/** The response of `POST /analyze`. */
export interface AnalysisResult {
  fileName: string;
  /** Container/codec detected from the bytes. */
  format: AudioFormat;
  /** The upload's own sample rate, Hz. */
  sampleRate: number;
  channels: number;
  /** Seconds. */
  duration: number;
  chunkSeconds: number;
  /** The model's labels, in output order. */
  labels: string[];
  chunks: ChunkResult[];
  summary: AnalysisSummary;
}

/** Options of {@link analyzeAudio}. */
export interface AnalyzeAudioOptions {
  bundle: ModelBundle;
  /** Chunk length in seconds (default 2). */
  chunkSeconds?: number;
  /** Chunks quieter than this RMS level (dBFS) are reported as silent, not classified (default -60). */
  silenceDbfs?: number;
  /** Aborts between chunks (the reason is thrown). */
  signal?: AbortSignal;
}

/**
 * Decodes `bytes` (WAV, AIFF, FLAC, MP3, Ogg Vorbis/Opus — detected from the header), mixes to mono,
 * resamples once to the model's rate, and classifies each chunk with the bundle. Yields to the event loop
 * between chunks so other requests (and timeouts) are served during a long analysis.
 *
 * @throws AudioFeaturesError when the bytes are not decodable audio (the caller answers 422)
 */
export async function analyzeAudio(bytes: Uint8Array, fileName: string, options: AnalyzeAudioOptions): Promise<AnalysisResult> {
  const { bundle } = options;
  const chunkSeconds = options.chunkSeconds ?? 2;
  const silenceDbfs = options.silenceDbfs ?? -60;
  const audio = await decodeAudio(bytes, { fileName });
  options.signal?.throwIfAborted();
  const sr = bundle.metadata.featureConfig.sr;
  const mono = toMono(audio.channels);
  const y = audio.sampleRate === sr ? mono : resample(mono, audio.sampleRate, sr);
  const chunks: ChunkResult[] = [];
  for (const span of planChunks(y.length, Math.round(chunkSeconds * sr))) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
    chunks.push(classifyChunk(bundle, y.subarray(span.start, span.end), span.start / sr, span.end / sr, silenceDbfs));
  }
  return {
    fileName,
    format: audio.format,
    sampleRate: audio.sampleRate,
    channels: audio.channels.length,
    duration: y.length / sr,
    chunkSeconds,
    labels: [...bundle.metadata.labels],
    chunks,
    summary: summarizeChunks(chunks, bundle.metadata.labels),
  };
}

function classifyChunk(bundle: ModelBundle, samples: Float32Array, start: number, end: number, silenceDbfs: number): ChunkResult {
  const times = { start: round(start, 3), end: round(end, 3) };
  if (rmsDbfs(samples) < silenceDbfs) return { ...times, label: null, probabilities: null, note: 'silent' };
  try {
    const prediction = predict(bundle, samples, bundle.metadata.featureConfig.sr);
    const probabilities: Record<string, number> = {};
    bundle.metadata.labels.forEach((label, i) => (probabilities[label] = round(prediction.probabilities[i]!, 4)));
    return { ...times, label: prediction.label, probabilities };
  } catch (error) {
    if (error instanceof ModelError && error.code === 'INVALID_DATA') return { ...times, label: null, probabilities: null, note: error.message };
    throw error;
  }
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

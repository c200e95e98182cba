/**
 * The emotion of one voice message: decode, mono, resample to the model's rate, classify 2-second chunks,
 * average.
 */
import { decodeAudio, resample, toMono, type AudioFormat } from '@ser/audio-features';
import { predictBatch, type ModelBundle } from '@ser/models';

/** The emotion heard in a message. */
export type RecognizedEmotion =
  | {
      kind: 'emotion';
      /** Most probable label of the mean probabilities. */
      label: string;
      /** Its mean probability. */
      confidence: number;
      /** Mean probability of every label. */
      probabilities: Record<string, number>;
      /** Seconds of audio analysed, and the number of non-silent chunks they gave. */
      duration: number;
      chunks: number;
      format: AudioFormat;
    }
  | { kind: 'silent'; duration: number; format: AudioFormat };

/** Options of {@link recognizeEmotion}. */
export interface RecognizeEmotionOptions {
  /** Chunk length in seconds (default 2). */
  chunkSeconds?: number;
  /** Chunks below this RMS level in dBFS are ignored (default -60). */
  silenceDbfs?: number;
  /** Only the first `maxSeconds` are analysed (default 300). */
  maxSeconds?: number;
}

/**
 * Decodes and classifies a voice message with `bundle`.
 * @throws AudioFeaturesError when the bytes are not decodable audio
 */
export async function recognizeEmotion(bundle: ModelBundle, audio: Uint8Array, fileName: string, options: RecognizeEmotionOptions = {}): Promise<RecognizedEmotion> {
  const chunkSeconds = options.chunkSeconds ?? 2;
  const silenceDbfs = options.silenceDbfs ?? -60;
  const decoded = await decodeAudio(audio, { fileName });
  const sr = bundle.metadata.featureConfig.sr;
  const mono = toMono(decoded.channels);
  const limited = mono.subarray(0, Math.min(mono.length, Math.round((options.maxSeconds ?? 300) * decoded.sampleRate)));
  const y = decoded.sampleRate === sr ? limited : resample(limited, decoded.sampleRate, sr);
  const duration = y.length / sr;
  const chunks = splitChunks(y, Math.round(chunkSeconds * sr)).filter((chunk) => rmsDbfs(chunk) >= silenceDbfs);
  if (chunks.length === 0) return { kind: 'silent', duration, format: decoded.format };
  const predictions = predictBatch(bundle, chunks.map((samples) => ({ samples, sampleRate: sr })));
  const labels = bundle.metadata.labels;
  const probabilities: Record<string, number> = {};
  // every prediction has one probability per label of the bundle
  labels.forEach((label, i) => (probabilities[label] = predictions.reduce((sum, p) => sum + p.probabilities[i]!, 0) / predictions.length));
  let label = labels[0]!; // a bundle has at least two labels
  for (const l of labels) if (probabilities[l]! > probabilities[label]!) label = l;
  return { kind: 'emotion', label, confidence: probabilities[label]!, probabilities, duration, chunks: chunks.length, format: decoded.format };
}

/** Consecutive chunks of `size` samples; a final remainder under half a chunk joins the previous chunk. */
export function splitChunks(y: Float32Array, size: number): Float32Array[] {
  const chunks: Float32Array[] = [];
  for (let start = 0; start < y.length; start += size) chunks.push(y.subarray(start, Math.min(start + size, y.length)));
  if (chunks.length > 1 && chunks[chunks.length - 1]!.length < size / 2) {
    chunks.pop();
    chunks[chunks.length - 1] = y.subarray((chunks.length - 1) * size);
  }
  return chunks;
}

/** RMS level in dBFS; `-Infinity` for digital silence. */
export function rmsDbfs(y: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i]! * y[i]!;
  return y.length === 0 || sum === 0 ? -Infinity : 10 * Math.log10(sum / y.length);
}

/**
 * The streaming form of the recognizer: blocks in, completed chunks out, the same results as one `analyze`.
 */
import { ResampleStream } from '@ser/audio-features';
import type { ModelBundle } from '../bundle/bundle-types.js';
import type { SpeakerCalibration } from '../calibration/speaker-calibration.js';
import { ModelError } from '../errors.js';
import { modelWindow, planChunks, settledChunkCount, type ChunkLengths, type ChunkSpan } from './chunk-plan.js';
import { classifyChunks } from './classify-chunks.js';
import { assertSampleRate, monoOf } from './recording-input.js';
import type { ChunkResult, RecognizerStream, StreamEnd } from './recognizer-types.js';
import { summarizeChunks } from './summarize-chunks.js';

/** What a stream shares with its recognizer. */
export interface StreamContext {
  bundle: ModelBundle;
  /** The speaker's calibration, for a calibrated bundle. */
  calibration?: SpeakerCalibration | undefined;
  lengths: ChunkLengths;
  /** Samples the model sees per chunk (≥ the chunk). */
  contextSamples: number;
  silenceThresholdDbfs: number;
  labels: readonly string[];
}

/**
 * Model-rate samples from `start` on, growing at the end and dropped at the front; memory stays about one
 * chunk plus one hop, however long the recording.
 */
class SampleBuffer {
  private data = new Float32Array(0);
  private length = 0;
  /** Index in the whole recording of the first sample held. */
  start = 0;

  /** Samples received in all. */
  get end(): number {
    return this.start + this.length;
  }

  append(block: Float32Array): void {
    if (this.length + block.length > this.data.length) {
      const grown = new Float32Array(Math.max(this.length + block.length, this.data.length * 2, 4096));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(block, this.length);
    this.length += block.length;
  }

  /** Forgets the samples before `index` (a recording index). */
  dropBefore(index: number): void {
    const drop = Math.min(this.length, Math.max(0, index - this.start));
    if (drop === 0) return;
    this.data.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.start += drop;
  }

  /** The samples held. */
  view(): Float32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Creates the stream of {@link Recognizer.stream}. */
export function createRecognizerStream(context: StreamContext, inputRate: number): RecognizerStream {
  assertSampleRate(inputRate);
  const sr = context.bundle.metadata.featureConfig.sr;
  const buffer = new SampleBuffer();
  const resampler = inputRate === sr ? null : new ResampleStream(inputRate, sr, (block) => buffer.append(block));
  const all: ChunkResult[] = [];
  let finished = false;

  const classify = (spans: readonly ChunkSpan[], totalSamples: number): ChunkResult[] => {
    const results = classifyChunks(buffer.view(), buffer.start, spans, { ...context, totalSamples });
    all.push(...results);
    return results;
  };

  const assertOpen = (): void => {
    if (finished)
      throw new ModelError('INVALID_ARGUMENT', 'the recognizer stream was flushed: start a new stream for more audio');
  };

  return {
    get seconds() {
      return buffer.end / sr;
    },
    push(samples) {
      assertOpen();
      const mono = monoOf(samples);
      if (mono.length === 0) return [];
      if (resampler) resampler.push(mono);
      else buffer.append(mono);
      const { hop, chunk } = context.lengths;
      const spanOf = (k: number): ChunkSpan => ({ start: k * hop, end: k * hop + chunk });
      // A settled chunk is final once its whole window has arrived: then the recording's end cannot move it (a
      // window that fits in the samples received is at least contextSamples long, so the recording is too).
      let ready = all.length;
      const settled = settledChunkCount(buffer.end, context.lengths);
      while (ready < settled && modelWindow(spanOf(ready), context.contextSamples, Infinity).end <= buffer.end) ready++;
      if (ready <= all.length) return [];
      const results = classify(
        Array.from({ length: ready - all.length }, (_, i) => spanOf(all.length + i)),
        Infinity,
      );
      // Keep what the next chunk's window may need: shifted left by the recording's end, it can start as early as
      // chunk end − context.
      buffer.dropBefore(Math.max(0, spanOf(all.length).end - context.contextSamples));
      return results;
    },
    flush(): StreamEnd {
      assertOpen();
      finished = true;
      resampler?.finish();
      const total = buffer.end;
      if (total === 0) throw new ModelError('INVALID_DATA', 'the recording is empty (0 samples)');
      const chunks = classify(planChunks(total, context.lengths).slice(all.length), total);
      return { chunks, summary: summarizeChunks(all, context.labels, total / sr) };
    },
  };
}

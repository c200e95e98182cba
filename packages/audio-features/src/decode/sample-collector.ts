import { AudioFeaturesError } from '../errors.js';
import { resampledLength } from '../dsp/core/resample/resample-length.js';
import { ResampleStream } from '../dsp/core/resample/resample-stream.js';
import { FORMAT_NAMES } from './describe.js';
import { assertPlausibleStream, describeBudget, describeDuration, groupDigits, OVER_BUDGET_ADVICE } from './limits.js';
import { SampleBuffer } from './sample-buffer.js';
import type { SampleSink, StreamInfo } from './sample-sink.js';
import type { AudioFormat } from './types.js';

/** What a {@link SampleCollector} keeps of the decoded stream. */
export interface CollectOptions {
  /** The container/codec being decoded, for messages. */
  format: AudioFormat;
  /** Named in every error. */
  file?: string | undefined;
  /** The budget (see `DecodeAudioOptions.maxDecodedSamples`). */
  maxDecodedSamples: number;
  /** The longest recording accepted, seconds (see `DecodeAudioOptions.maxSeconds`); Infinity for no limit. */
  maxSeconds: number;
  /** Keep every channel. */
  channels: boolean;
  /** Keep the mono mix (mean of the channels, like `toMono`). */
  mono: boolean;
  /** Resample what is kept to this rate (polyphase, exactly as `resample`); undefined keeps the file's rate. */
  sr?: number | undefined;
  /** Start this many seconds in (librosa: frame ⌊offset · rate⌋ at the file's rate). */
  offset?: number | undefined;
  /** Keep at most this many seconds (⌊duration · rate⌋ frames at the file's rate); null or undefined: to the end. */
  duration?: number | null | undefined;
}

/** What was kept. */
export interface CollectedAudio {
  format: AudioFormat;
  /** Rate of the returned samples. */
  sampleRate: number;
  /** The file's own rate and channel count. */
  nativeSampleRate: number;
  nativeChannels: number;
  /** Every channel, when asked for. */
  channels?: Float32Array[];
  /** The mono mix, when asked for. */
  mono?: Float32Array;
}

/** One thing kept: the mono mix or one channel, at the output rate. */
interface Output {
  channel: number | 'mono';
  buffer: SampleBuffer;
  stream?: ResampleStream;
}

/**
 * The {@link SampleSink} behind `decodeAudio` and `loadAudio`: takes the decoder's blocks, checks the budget
 * and the samples, keeps the requested span, and mixes and resamples it block by block, so only what is
 * returned is ever held in memory.
 *
 * The budget counts the larger of the samples decoded (every channel at the file's rate, up to the end of the
 * span) and the samples returned; a header that declares more is refused before anything is allocated, and a
 * stream that does not declare its length is stopped when it passes the budget.
 */
export class SampleCollector implements SampleSink {
  private readonly options: CollectOptions;
  private info: StreamInfo | undefined;
  private outputs: Output[] = [];
  private spanStart = 0;
  private spanEnd = Infinity;
  /** Frames the decoder has delivered. */
  private position = 0;
  /** Samples held by the outputs. */
  private returned = 0;
  private mix = new Float32Array(0);

  constructor(options: CollectOptions) {
    this.options = options;
  }

  start(info: StreamInfo): void {
    const { file, maxDecodedSamples } = this.options;
    if (this.info)
      throw new AudioFeaturesError('CORRUPT_AUDIO', `${info.source} starts a second stream inside the first`, { file });
    assertPlausibleStream(info.source, info.sampleRate, info.channels, file);
    this.info = info;
    const rate = info.sampleRate;
    this.spanStart = Math.trunc((this.options.offset ?? 0) * rate);
    const duration = this.options.duration ?? null;
    this.spanEnd = duration === null ? Infinity : this.spanStart + Math.trunc(duration * rate);
    const outputRate = this.options.sr ?? rate;
    const kept: Array<number | 'mono'> = [];
    if (this.options.mono) kept.push('mono');
    if (this.options.channels && !(this.options.mono && info.channels === 1))
      for (let c = 0; c < info.channels; c++) kept.push(c);

    let expected: number | undefined;
    if (info.frames !== undefined) {
      const framesToDecode = Math.min(info.frames, this.spanEnd);
      if (framesToDecode / rate > this.options.maxSeconds) {
        throw new AudioFeaturesError(
          'TOO_LARGE',
          `${info.source} declares ${describeDuration(info.frames / rate)} of audio (${groupDigits(info.frames)} frames at ${rate} Hz), ` +
            `longer than the limit of ${describeDuration(this.options.maxSeconds)} (maxSeconds)`,
          { file },
        );
      }
      expected = resampledLength(Math.max(0, framesToDecode - this.spanStart), rate, outputRate);
      const decoded = framesToDecode * info.channels;
      const returned = expected * kept.length;
      if (Math.max(decoded, returned) > maxDecodedSamples) {
        throw new AudioFeaturesError(
          'TOO_LARGE',
          `${info.source} declares ${groupDigits(info.frames)} frames of ${info.channels}-channel ${rate} Hz audio ` +
            `(${describeDuration(info.frames / rate)}): decoding ${groupDigits(Math.max(decoded, returned))} samples is more than ` +
            `${describeBudget(maxDecodedSamples)}. ${OVER_BUDGET_ADVICE}`,
          { file },
        );
      }
    }
    const exact = info.framesPresent === true;
    this.outputs = kept.map((channel) => {
      const buffer = new SampleBuffer(expected, exact);
      const output: Output = { channel, buffer };
      if (outputRate !== rate)
        output.stream = new ResampleStream(rate, outputRate, (block) => this.keep(buffer, block));
      return output;
    });
  }

  write(blocks: readonly Float32Array[], count: number): boolean {
    const info = this.info!;
    const { file, maxDecodedSamples } = this.options;
    if ((this.position + count) * info.channels > maxDecodedSamples) {
      throw new AudioFeaturesError(
        'TOO_LARGE',
        `decoding stopped at ${describeBudget(maxDecodedSamples)}: the ${FORMAT_NAMES[this.options.format]} stream holds more than ` +
          `${describeDuration(this.position / info.sampleRate)} of ${info.channels}-channel ${info.sampleRate} Hz audio. ${OVER_BUDGET_ADVICE}`,
        { file },
      );
    }
    if ((this.position + count) / info.sampleRate > this.options.maxSeconds) {
      throw new AudioFeaturesError(
        'TOO_LARGE',
        `decoding stopped: the ${FORMAT_NAMES[this.options.format]} stream is longer than the limit of ${describeDuration(this.options.maxSeconds)} (maxSeconds)`,
        { file },
      );
    }
    assertFinite(blocks, info.channels, count, this.position, file);
    const from = Math.max(this.position, this.spanStart) - this.position;
    const to = Math.min(this.position + count, this.spanEnd) - this.position;
    if (to > from) {
      for (const output of this.outputs) {
        const samples =
          output.channel === 'mono'
            ? this.mixDown(blocks, info.channels, from, to)
            : blocks[output.channel]!.subarray(from, to);
        if (output.stream) output.stream.push(samples);
        else this.keep(output.buffer, samples);
      }
    }
    this.position += count;
    return this.position < this.spanEnd;
  }

  /** Ends the stream and returns what was kept. */
  finish(): CollectedAudio {
    const { file, format } = this.options;
    const info = this.info;
    if (!info || this.position === 0) {
      throw new AudioFeaturesError(
        'EMPTY_AUDIO',
        `the ${FORMAT_NAMES[format]} file holds 0 samples (expected a non-empty recording)`,
        { file },
      );
    }
    const offset = this.options.offset ?? 0;
    const duration = this.options.duration ?? null;
    if (this.spanStart >= this.position || this.spanEnd <= this.spanStart) {
      throw new AudioFeaturesError(
        'EMPTY_AUDIO',
        `nothing to read from offset ${offset} s${duration === null ? '' : ` for ${duration} s`}: the file lasts ${(this.position / info.sampleRate).toFixed(3)} s`,
        { file },
      );
    }
    for (const output of this.outputs) output.stream?.finish();
    const result: CollectedAudio = {
      format,
      sampleRate: this.options.sr ?? info.sampleRate,
      nativeSampleRate: info.sampleRate,
      nativeChannels: info.channels,
    };
    const mono = this.outputs.find((output) => output.channel === 'mono');
    if (mono) result.mono = mono.buffer.result();
    if (this.options.channels) {
      result.channels =
        this.options.mono && info.channels === 1
          ? [result.mono!]
          : this.outputs.filter((o) => o.channel !== 'mono').map((o) => o.buffer.result());
    }
    return result;
  }

  /** Appends to an output, within the budget. */
  private keep(buffer: SampleBuffer, block: Float32Array): void {
    this.returned += block.length;
    if (this.returned > this.options.maxDecodedSamples) {
      throw new AudioFeaturesError(
        'TOO_LARGE',
        `decoding stopped: the samples returned passed ${describeBudget(this.options.maxDecodedSamples)}. ${OVER_BUDGET_ADVICE}`,
        { file: this.options.file },
      );
    }
    buffer.append(block);
  }

  /** The mean of the channels over frames `from … to − 1` (summed in float64 in channel order, like `toMono`). */
  private mixDown(blocks: readonly Float32Array[], channels: number, from: number, to: number): Float32Array {
    if (channels === 1) return blocks[0]!.subarray(from, to);
    if (this.mix.length < to - from) this.mix = new Float32Array(to - from);
    for (let i = from; i < to; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += blocks[c]![i]!;
      this.mix[i - from] = sum / channels;
    }
    return this.mix.subarray(0, to - from);
  }
}

/** Throws NON_FINITE_AUDIO naming the first NaN/±Infinity sample (a float file can hold them). */
function assertFinite(
  blocks: readonly Float32Array[],
  channels: number,
  count: number,
  position: number,
  file: string | undefined,
): void {
  for (let c = 0; c < channels; c++) {
    const block = blocks[c]!;
    let probe = 0; // stays 0 unless a sample is NaN or ±Infinity (x · 0 is then NaN)
    for (let i = 0; i < count; i++) probe += block[i]! * 0;
    if (probe === 0) continue;
    for (let i = 0; i < count; i++) {
      if (!Number.isFinite(block[i]!)) {
        throw new AudioFeaturesError(
          'NON_FINITE_AUDIO',
          `sample ${position + i} of channel ${c} is ${block[i]} (expected finite values)`,
          { file },
        );
      }
    }
  }
}

import { AudioFeaturesError } from '../../../errors.js';
import { greatestCommonDivisor, resampledLength } from './resample-length.js';
import {
  polyphaseFilterBank,
  polyphaseOutputLength,
  polyphaseOutputs,
  type PolyphaseFilterBank,
} from './resample-polyphase.js';

/** Outputs computed per kernel call (bounds the scratch buffer, whatever the block sizes pushed). */
const OUTPUTS_PER_CALL = 16384;

/**
 * Polyphase resampling of a signal that arrives in blocks (e.g. while a file is decoded), so that a long
 * recording never has to be held at its original rate. The outputs are exactly those of
 * `resample(wholeSignal, fromSr, toSr)` (each output is computed from its own taps, by the same kernel), in
 * order, handed to `emit` as soon as every input sample they need has arrived; {@link finish} emits the rest,
 * `⌈n · toSr / fromSr⌉` outputs in all for n input samples (librosa's `fix=True`).
 *
 * Memory: the filter's reach (a few hundred samples) of input history, plus one block of outputs.
 *
 * @example
 * ```ts
 * const parts: Float32Array[] = [];
 * const stream = new ResampleStream(48000, 16000, (block) => parts.push(block.slice()));
 * for (const block of blocks) stream.push(block);
 * stream.finish();
 * ```
 */
export class ResampleStream {
  readonly fromSr: number;
  readonly toSr: number;
  private readonly emit: (block: Float32Array) => void;
  private readonly bank: PolyphaseFilterBank | undefined;
  /** Input history: signal samples `windowStart … windowStart + windowLength − 1`. */
  private window = new Float32Array(0);
  private windowStart = 0;
  private windowLength = 0;
  private received = 0;
  private produced = 0;
  private finished = false;
  private readonly scratch: Float32Array;

  /**
   * @param emit - receives each block of outputs; the array is reused afterwards, so copy what you keep
   * @throws AudioFeaturesError INVALID_ARGUMENT for rates that are not positive integers
   */
  constructor(fromSr: number, toSr: number, emit: (block: Float32Array) => void) {
    for (const [name, rate] of [
      ['fromSr', fromSr],
      ['toSr', toSr],
    ] as const) {
      if (!Number.isInteger(rate) || rate <= 0) {
        throw new AudioFeaturesError(
          'INVALID_ARGUMENT',
          `ResampleStream: ${name} must be a positive integer number of Hz, got ${String(rate)}`,
        );
      }
    }
    this.fromSr = fromSr;
    this.toSr = toSr;
    this.emit = emit;
    const divisor = greatestCommonDivisor(fromSr, toSr);
    this.bank = fromSr === toSr ? undefined : polyphaseFilterBank(toSr / divisor, fromSr / divisor);
    this.scratch = new Float32Array(this.bank ? OUTPUTS_PER_CALL : 0);
  }

  /** Input samples pushed so far. */
  get inputLength(): number {
    return this.received;
  }

  /** Appends input samples and emits every output they complete. */
  push(block: Float32Array): void {
    if (this.finished) throw new AudioFeaturesError('INVALID_ARGUMENT', 'ResampleStream.push after finish');
    if (block.length === 0) return;
    if (!this.bank) {
      this.received += block.length;
      this.emit(block);
      return;
    }
    this.append(block);
    const { up, down, preRemove } = this.bank;
    // Output n is complete once its last input, ⌊(n + preRemove)·down / up⌋, has arrived.
    const ready = Math.max(0, Math.floor((this.received * up - 1) / down) - preRemove + 1);
    this.compute(ready, this.received);
  }

  /** Emits the remaining outputs (the signal ends here: later inputs are zeros). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.bank) return;
    const target = resampledLength(this.received, this.fromSr, this.toSr);
    this.compute(Math.min(target, polyphaseOutputLength(this.received, this.bank)), this.received);
    // librosa's fix_length pads with zeros when its length exceeds resample_poly's.
    for (let left = target - this.produced; left > 0;) {
      const count = Math.min(left, this.scratch.length);
      this.scratch.fill(0, 0, count);
      this.emit(this.scratch.subarray(0, count));
      this.produced += count;
      left -= count;
    }
  }

  /** Computes and emits outputs `produced … end − 1` from the history, the signal being `length` long. */
  private compute(end: number, length: number): void {
    const bank = this.bank!;
    const input = { samples: this.window, start: this.windowStart, length };
    while (this.produced < end) {
      const count = Math.min(end - this.produced, this.scratch.length);
      polyphaseOutputs(input, bank, this.produced, count, this.scratch);
      this.produced += count;
      this.emit(this.scratch.subarray(0, count));
    }
  }

  /** Drops history no later output reads, then appends `block`. */
  private append(block: Float32Array): void {
    const { up, down, preRemove, reach } = this.bank!;
    const firstNeeded = Math.max(0, Math.floor(((this.produced + preRemove) * down) / up) - reach + 1);
    const drop = Math.min(this.windowLength, Math.max(0, firstNeeded - this.windowStart));
    if (drop > 0) {
      this.window.copyWithin(0, drop, this.windowLength);
      this.windowStart += drop;
      this.windowLength -= drop;
    }
    const needed = this.windowLength + block.length;
    if (needed > this.window.length) {
      const grown = new Float32Array(Math.max(needed, 2 * this.window.length));
      grown.set(this.window.subarray(0, this.windowLength));
      this.window = grown;
    }
    this.window.set(block, this.windowLength);
    this.windowLength += block.length;
    this.received += block.length;
  }
}

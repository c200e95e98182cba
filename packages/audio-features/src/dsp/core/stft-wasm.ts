/**
 * The STFT's power (and magnitude) frames in WebAssembly SIMD (`wasm/stft-power.wat`): the same real FFT and
 * fused power spectrum as the TypeScript `EvenRealFft` and `windowedPowerSpectrum` (`fft/`), operation for
 * operation, from the same tables (`fft/kernel-tables.ts`), so the float32 outputs are bit-identical, about
 * twice as fast. Used for even FFT lengths whose half is a power of two ≥ 4 (every STFT of the feature sets);
 * otherwise, or where WebAssembly SIMD is missing, {@link stftPowerFramesWasm} returns undefined and the
 * caller runs the TypeScript loop.
 */
import { complexFftPlan } from './fft/complex-fft.js';
import { powerOfTwoFftTables, powerOfTwoRealFftTables, type PowerOfTwoFftTables } from './fft/kernel-tables.js';
import { stftPowerWasmBase64 } from '../../generated/stft-power-wasm.js';
import type { StftPowerFrames, StftSetup } from './stft.js';
import {
  ensureMemory,
  embeddedKernel,
  MemoryLayout,
  WASM_BLOCK_BUDGET_BYTES,
  type WasmMemory,
} from './wasm-instance.js';

interface StftPowerExports {
  memory: WasmMemory;
  stftPower(
    signal: number,
    hopBytes: number,
    frames: number,
    window: number,
    bitReversed: number,
    twiddles: number,
    splitRe: number,
    splitIm: number,
    zRe: number,
    zIm: number,
    m: number,
    log2IsOdd: number,
    power: number,
    magnitude: number,
    frameMax: number,
  ): void;
  complexFft(re: number, im: number, bitReversed: number, twiddles: number, m: number, log2IsOdd: number): void;
}

/** At most this many frames per kernel call: bounds the memory to one block, whatever the signal's length. */
const MAX_BLOCK_FRAMES = 128;

const stftKernel = embeddedKernel<StftPowerExports>(stftPowerWasmBase64);

/** True when the WebAssembly SIMD STFT runs in this engine. */
export function wasmStftAvailable(): boolean {
  return stftKernel.get() !== null;
}

/**
 * The radix-4 twiddles regrouped for two butterflies at a time: per pass, per pair (j, j + 1), the six
 * vectors [W^j·q re, W^(j+1)·q re], [… im] for q = 1, 2, 3 (the same numbers as the TypeScript table).
 */
const pairedTwiddles = new WeakMap<Float64Array, Float64Array>();

function pairTwiddles(tables: PowerOfTwoFftTables): Float64Array {
  let paired = pairedTwiddles.get(tables.twiddles);
  if (paired) return paired;
  const source = tables.twiddles;
  paired = new Float64Array(source.length);
  let base = 0;
  for (let len = tables.log2IsOdd ? 2 : 4; len < tables.m; len <<= 2) {
    for (let j = 0; j < len; j += 2) {
      for (let v = 0; v < 6; v++) {
        paired[base + 6 * j + 2 * v] = source[base + 6 * j + v]!;
        paired[base + 6 * j + 2 * v + 1] = source[base + 6 * (j + 1) + v]!;
      }
    }
    base += 6 * len;
  }
  pairedTwiddles.set(tables.twiddles, paired);
  return paired;
}

/**
 * What the start of the instance's memory holds: the tables (and window) of the last STFT or complex FFT.
 * Each runner lays out the same content at the same addresses, so a repeated call skips rewriting them.
 */
let resident: { tables: PowerOfTwoFftTables; window: Float64Array | null } | undefined;

/**
 * `stftPowerFrames(setup, withMagnitude)` computed by the WebAssembly kernel, or undefined when it does not
 * apply (FFT length not 2·(power of two ≥ 4)) or cannot run here.
 */
export function stftPowerFramesWasm(setup: StftSetup, withMagnitude: boolean): StftPowerFrames | undefined {
  const tables = powerOfTwoRealFftTables(setup.plan);
  if (!tables) return undefined;
  const wasm = stftKernel.get();
  if (!wasm) return undefined;
  const { hopLength, nBins, nFrames, window, signal, nFft } = setup;
  if (nFrames > 0 && (nFrames - 1) * hopLength + nFft > signal.length) return undefined; // never for setupStft's frames
  const { m } = tables;
  const twiddles = pairTwiddles(tables);

  // Memory: [bit reversal][twiddles][split re][split im][window][z re][z im][signal span][power][magnitude][maxima]
  const layout = new MemoryLayout();
  const reversedAt = layout.place(m * 4);
  const twiddlesAt = layout.place(twiddles.length * 8);
  const splitReAt = layout.place((m + 1) * 8);
  const splitImAt = layout.place((m + 1) * 8);
  const windowAt = layout.place(nFft * 8);
  const zReAt = layout.place(m * 8);
  const zImAt = layout.place(m * 8);
  // Frames per block: as many as fit in the budget (each costs a hop of signal and its spectra), at most 128.
  const perFrame = hopLength * 8 + nBins * 4 * (withMagnitude ? 2 : 1) + 4;
  const budgetFrames = Math.floor((WASM_BLOCK_BUDGET_BYTES - layout.size - nFft * 8) / perFrame);
  const blockFrames = Math.max(1, Math.min(MAX_BLOCK_FRAMES, nFrames, budgetFrames));
  const signalAt = layout.place(((blockFrames - 1) * hopLength + nFft) * 8);
  const powerAt = layout.place(blockFrames * nBins * 4);
  const magnitudeAt = layout.place(withMagnitude ? blockFrames * nBins * 4 : 0);
  const maximaAt = layout.place(blockFrames * 4);
  ensureMemory(wasm.memory, layout.size);
  const buffer = wasm.memory.buffer;
  if (resident?.tables !== tables || resident.window !== window) {
    // (the complex FFT's tables differ from any real plan's, so the identity check also tells them apart)
    new Uint32Array(buffer, reversedAt, m).set(tables.bitReversed);
    new Float64Array(buffer, twiddlesAt, twiddles.length).set(twiddles);
    new Float64Array(buffer, splitReAt, m + 1).set(tables.splitRe);
    new Float64Array(buffer, splitImAt, m + 1).set(tables.splitIm);
    new Float64Array(buffer, windowAt, nFft).set(window);
    resident = { tables, window };
  }

  const power = new Float32Array(nBins * nFrames);
  const magnitude = withMagnitude ? new Float32Array(nBins * nFrames) : null;
  const frameMaxMagnitude = new Float32Array(nFrames);
  for (let t0 = 0; t0 < nFrames; t0 += blockFrames) {
    const count = Math.min(blockFrames, nFrames - t0);
    const first = t0 * hopLength;
    const span = (count - 1) * hopLength + nFft;
    new Float64Array(buffer, signalAt, span).set(signal.subarray(first, first + span));
    wasm.stftPower(
      signalAt,
      hopLength * 8,
      count,
      windowAt,
      reversedAt,
      twiddlesAt,
      splitReAt,
      splitImAt,
      zReAt,
      zImAt,
      m,
      tables.log2IsOdd ? 1 : 0,
      powerAt,
      withMagnitude ? magnitudeAt : 0,
      maximaAt,
    );
    power.set(new Float32Array(buffer, powerAt, count * nBins), t0 * nBins);
    if (magnitude) {
      magnitude.set(new Float32Array(buffer, magnitudeAt, count * nBins), t0 * nBins);
      frameMaxMagnitude.set(new Float32Array(buffer, maximaAt, count), t0);
    }
  }
  return { power, magnitude, frameMaxMagnitude };
}

/** Size of the kernel's memory in bytes (0 before first use); for tests that check it never had to grow. */
export function stftWasmMemoryBytes(): number {
  return stftKernel.memoryBytes();
}

/** An in-place complex FFT whose arrays live in the kernel's memory: fill `re` and `im`, call `forward()`. */
export interface WasmComplexFft {
  /** Real parts, `n` values (a view of the kernel's memory). */
  re: Float64Array;
  /** Imaginary parts. */
  im: Float64Array;
  /** Forward DFT of (re, im) in place, bit-identical to `complexFftPlan(n).forward(re, im)`. */
  forward(): void;
}

/**
 * A complex FFT of length `n` (a power of two ≥ 4) computed by the kernel, or undefined when it does not apply
 * or cannot run here. The arrays are views of the kernel's memory, valid until the next call into this
 * module (an STFT, or another `wasmComplexFft`): use one transform at a time, like YIN's frame loop.
 */
export function wasmComplexFft(n: number): WasmComplexFft | undefined {
  const tables = powerOfTwoFftTables(complexFftPlan(n));
  if (!tables) return undefined;
  const wasm = stftKernel.get();
  if (!wasm) return undefined;
  const twiddles = pairTwiddles(tables);
  const layout = new MemoryLayout();
  const reversedAt = layout.place(n * 4);
  const twiddlesAt = layout.place(twiddles.length * 8);
  const reAt = layout.place(n * 8);
  const imAt = layout.place(n * 8);
  ensureMemory(wasm.memory, layout.size);
  const buffer = wasm.memory.buffer;
  if (resident?.tables !== tables) {
    new Uint32Array(buffer, reversedAt, n).set(tables.bitReversed);
    new Float64Array(buffer, twiddlesAt, twiddles.length).set(twiddles);
    resident = { tables, window: null };
  }
  const log2IsOdd = tables.log2IsOdd ? 1 : 0;
  return {
    re: new Float64Array(buffer, reAt, n),
    im: new Float64Array(buffer, imAt, n),
    forward: () => wasm.complexFft(reAt, imAt, reversedAt, twiddlesAt, n, log2IsOdd),
  };
}

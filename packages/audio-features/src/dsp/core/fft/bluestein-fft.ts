/**
 * Bluestein's chirp-z algorithm: a complex DFT of any length as a circular convolution computed with
 * power-of-two FFTs (exact up to rounding).
 */
import type { ComplexFftPlan } from './plan-types.js';
import { PowerOfTwoFft } from './radix4-fft.js';

/** Bluestein's algorithm: a length-n DFT as a circular convolution computed with power-of-two FFTs. */
export class BluesteinFft implements ComplexFftPlan {
  readonly size: number;
  private readonly inner: PowerOfTwoFft;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  private readonly kernelRe: Float64Array;
  private readonly kernelIm: Float64Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  constructor(size: number) {
    this.size = size;
    let m = 1;
    while (m < 2 * size - 1) m <<= 1;
    this.inner = new PowerOfTwoFft(m);
    this.chirpRe = new Float64Array(size);
    this.chirpIm = new Float64Array(size);
    const twoN = 2 * size;
    for (let k = 0; k < size; k++) {
      // k² mod 2n keeps the angle small, so the chirp stays accurate for long transforms.
      const angle = (-Math.PI * ((k * k) % twoN)) / size;
      this.chirpRe[k] = Math.cos(angle);
      this.chirpIm[k] = Math.sin(angle);
    }
    this.kernelRe = new Float64Array(m);
    this.kernelIm = new Float64Array(m);
    for (let k = 0; k < size; k++) {
      this.kernelRe[k] = this.chirpRe[k]!;
      this.kernelIm[k] = -this.chirpIm[k]!;
      if (k > 0) {
        this.kernelRe[m - k] = this.chirpRe[k]!;
        this.kernelIm[m - k] = -this.chirpIm[k]!;
      }
    }
    this.inner.forward(this.kernelRe, this.kernelIm);
    this.workRe = new Float64Array(m);
    this.workIm = new Float64Array(m);
  }

  forward(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    const m = this.inner.size;
    const wr = this.workRe,
      wi = this.workIm,
      cr = this.chirpRe,
      ci = this.chirpIm;
    for (let k = 0; k < n; k++) {
      const xr = re[k]!,
        xi = im[k]!;
      wr[k] = xr * cr[k]! - xi * ci[k]!;
      wi[k] = xr * ci[k]! + xi * cr[k]!;
    }
    wr.fill(0, n);
    wi.fill(0, n);
    this.inner.forward(wr, wi);
    // Multiply by the kernel spectrum and conjugate, so the next forward FFT is an inverse one.
    const kr = this.kernelRe,
      ki = this.kernelIm;
    for (let k = 0; k < m; k++) {
      const ar = wr[k]!,
        ai = wi[k]!;
      wr[k] = ar * kr[k]! - ai * ki[k]!;
      wi[k] = -(ar * ki[k]! + ai * kr[k]!);
    }
    this.inner.forward(wr, wi);
    const scale = 1 / m;
    for (let k = 0; k < n; k++) {
      const ar = wr[k]! * scale,
        ai = -wi[k]! * scale;
      re[k] = ar * cr[k]! - ai * ci[k]!;
      im[k] = ar * ci[k]! + ai * cr[k]!;
    }
  }
}

/** Geometry of one 2-D convolution (NHWC input, [fH, fW, inC, outC] filter). */
export interface Conv2DGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Writes the im2col patch matrix of an NHWC input into `cols`:
 * one row per output position (b, oh, ow) — `batchSize * outHeight * outWidth` rows — and
 * `filterHeight * filterWidth * inChannels` columns ordered (fh, fw, c), the same order as a
 * flattened [fH, fW, inC, outC] filter. Out-of-bounds taps (padding) are zero.
 *
 * @param x - NHWC input values.
 * @param g - convolution geometry.
 * @param cols - destination, at least rows × columns long; fully overwritten.
 */
export function im2colNhwc(x: Float32Array, g: Conv2DGeometry, cols: Float32Array): void {
  const { inHeight, inWidth, inChannels: c, outHeight, outWidth, filterHeight, filterWidth } = g;
  const rowLength = filterHeight * filterWidth * c;
  const imageSize = inHeight * inWidth * c;
  let dst = 0;
  for (let b = 0; b < g.batchSize; b++) {
    const imageOffset = b * imageSize;
    for (let oh = 0; oh < outHeight; oh++) {
      const ihBase = oh * g.strideHeight - g.padTop;
      for (let ow = 0; ow < outWidth; ow++) {
        const iwBase = ow * g.strideWidth - g.padLeft;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = ihBase + fh * g.dilationHeight;
          if (ih < 0 || ih >= inHeight) {
            cols.fill(0, dst, dst + filterWidth * c);
            dst += filterWidth * c;
            continue;
          }
          const rowOffset = imageOffset + ih * inWidth * c;
          if (g.dilationWidth === 1 && iwBase >= 0 && iwBase + filterWidth <= inWidth) {
            // The whole filter row lies inside the image and is contiguous in NHWC: one copy.
            const src = rowOffset + iwBase * c;
            cols.set(x.subarray(src, src + filterWidth * c), dst);
            dst += filterWidth * c;
            continue;
          }
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = iwBase + fw * g.dilationWidth;
            if (iw < 0 || iw >= inWidth) {
              cols.fill(0, dst, dst + c);
            } else {
              const src = rowOffset + iw * c;
              for (let k = 0; k < c; k++) cols[dst + k] = x[src + k];
            }
            dst += c;
          }
        }
      }
    }
  }
  if (dst !== g.batchSize * outHeight * outWidth * rowLength) {
    throw new Error(`im2colNhwc: wrote ${dst} values, expected ${g.batchSize * outHeight * outWidth * rowLength}`);
  }
}

/**
 * The adjoint of {@link im2colNhwc}: scatter-adds a patch matrix (rows = output positions,
 * columns = (fh, fw, c)) back into an NHWC image. `x` is zeroed first. Used for the input
 * gradient of a convolution: dx = col2im(dy · Wᵀ).
 */
export function col2imNhwc(cols: Float32Array, g: Conv2DGeometry, x: Float32Array): void {
  const { inHeight, inWidth, inChannels: c, outHeight, outWidth, filterHeight, filterWidth } = g;
  x.fill(0);
  const imageSize = inHeight * inWidth * c;
  let src = 0;
  for (let b = 0; b < g.batchSize; b++) {
    const imageOffset = b * imageSize;
    for (let oh = 0; oh < outHeight; oh++) {
      const ihBase = oh * g.strideHeight - g.padTop;
      for (let ow = 0; ow < outWidth; ow++) {
        const iwBase = ow * g.strideWidth - g.padLeft;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = ihBase + fh * g.dilationHeight;
          if (ih < 0 || ih >= inHeight) {
            src += filterWidth * c;
            continue;
          }
          const rowOffset = imageOffset + ih * inWidth * c;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = iwBase + fw * g.dilationWidth;
            if (iw >= 0 && iw < inWidth) {
              const dst = rowOffset + iw * c;
              for (let k = 0; k < c; k++) x[dst + k] += cols[src + k];
            }
            src += c;
          }
        }
      }
    }
  }
}

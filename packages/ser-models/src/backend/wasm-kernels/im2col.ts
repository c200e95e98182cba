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
 * The adjoint of the im2col patch matrix: scatter-adds a patch matrix (rows = output positions,
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
              for (let k = 0; k < c; k++) x[dst + k]! += cols[src + k]!;
            }
            src += c;
          }
        }
      }
    }
  }
}

/**
 * Writes the TRANSPOSED patch matrix of a channels-first input `xChw` ([batch, inChannels, inHeight,
 * inWidth]) into `colsT`: one row per filter tap (fh, fw, c) — the order of a flattened
 * [fH, fW, inC, outC] filter — and one column per output position (b, oh, ow). For stride-1 widths
 * every (row, b, oh) is one contiguous run of the input, copied in one go.
 */
export function im2colTransposedFromChw(xChw: Float32Array, g: Conv2DGeometry, colsT: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth } = g;
  const positions = batchSize * outHeight * outWidth;
  const plane = inHeight * inWidth;
  let row = 0;
  for (let fh = 0; fh < filterHeight; fh++) {
    for (let fw = 0; fw < filterWidth; fw++) {
      const colOffset = fw * g.dilationWidth - g.padLeft;
      // Output columns whose input column lies inside the image: iw = ow·sW + colOffset ∈ [0, inWidth).
      const owStart = Math.max(0, Math.ceil(-colOffset / g.strideWidth));
      const owEnd = Math.min(outWidth, Math.floor((inWidth - 1 - colOffset) / g.strideWidth) + 1);
      for (let c = 0; c < inChannels; c++, row++) {
        const rowBase = row * positions;
        for (let b = 0; b < batchSize; b++) {
          const channelBase = (b * inChannels + c) * plane;
          for (let oh = 0; oh < outHeight; oh++) {
            const dst = rowBase + (b * outHeight + oh) * outWidth;
            const ih = oh * g.strideHeight - g.padTop + fh * g.dilationHeight;
            if (ih < 0 || ih >= inHeight || owEnd <= owStart) {
              colsT.fill(0, dst, dst + outWidth);
              continue;
            }
            if (owStart > 0) colsT.fill(0, dst, dst + owStart);
            if (owEnd < outWidth) colsT.fill(0, dst + owEnd, dst + outWidth);
            const src = channelBase + ih * inWidth + colOffset;
            if (g.strideWidth === 1) {
              colsT.set(xChw.subarray(src + owStart, src + owEnd), dst + owStart);
            } else {
              for (let ow = owStart; ow < owEnd; ow++) colsT[dst + ow] = xChw[src + ow * g.strideWidth]!;
            }
          }
        }
      }
    }
  }
}

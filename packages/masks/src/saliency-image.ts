/** Small single-channel image operations for saliency maps (row-major H×W, float64). */

/** Bilinear resize with half-pixel centres (tf.image.resizeBilinear(…, false, true)), edges clamped. */
export function resizeBilinear(src: ArrayLike<number>, height: number, width: number, toHeight: number, toWidth: number): Float64Array {
  const out = new Float64Array(toHeight * toWidth);
  const tap = (k: number, ratio: number, n: number): [number, number, number] => {
    const s = Math.min(n - 1, Math.max(0, (k + 0.5) * ratio - 0.5));
    const lo = Math.floor(s);
    return [lo, Math.min(n - 1, lo + 1), s - lo];
  };
  const cols = Array.from({ length: toWidth }, (_, c) => tap(c, width / toWidth, width));
  for (let r = 0; r < toHeight; r++) {
    const [top, bottom, fy] = tap(r, height / toHeight, height);
    for (let c = 0; c < toWidth; c++) {
      const [left, right, fx] = cols[c];
      const up = src[top * width + left] * (1 - fx) + src[top * width + right] * fx;
      const down = src[bottom * width + left] * (1 - fx) + src[bottom * width + right] * fx;
      out[r * toWidth + c] = up * (1 - fy) + down * fy;
    }
  }
  return out;
}

/** Separable convolution with a symmetric odd-length kernel, borders replicated. */
export function convolveSeparable(src: Float64Array, height: number, width: number, kernel: readonly number[]): Float64Array {
  const radius = (kernel.length - 1) / 2;
  const pass = (from: Float64Array, alongRows: boolean): Float64Array => {
    const to = new Float64Array(from.length);
    const n = alongRows ? width : height;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const j = Math.min(n - 1, Math.max(0, (alongRows ? c : r) + k));
          sum += kernel[k + radius] * (alongRows ? from[r * width + j] : from[j * width + c]);
        }
        to[r * width + c] = sum;
      }
    }
    return to;
  };
  return pass(pass(src, true), false);
}

/** Normalised Gaussian taps of standard deviation σ, radius ceil(2σ). */
export function gaussianKernel(sigma: number): number[] {
  const radius = Math.ceil(2 * sigma);
  const taps = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const sum = taps.reduce((s, t) => s + t, 0);
  return taps.map((t) => t / sum);
}

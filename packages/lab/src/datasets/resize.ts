/**
 * Bilinear resize of one 8-bit H×W×C image (row-major, channels last), with the convention of
 * the rest of mixzoo (ResizeMix's kernels, saliency maps): tf.image.resizeBilinear with
 * alignCorners = false and halfPixelCenters = true. Output pixel (r, c) samples the source at
 * ((r + 0.5)·H/h − 0.5, (c + 0.5)·W/w − 0.5), clamped to the image; values are rounded to the
 * nearest integer. The same size returns a copy.
 */
export function resizeBilinearU8(src: Uint8Array, height: number, width: number, channels: number, toHeight: number, toWidth: number): Uint8Array {
  if (height === toHeight && width === toWidth) return src.slice(0, height * width * channels);
  const out = new Uint8Array(toHeight * toWidth * channels);
  const tap = (k: number, ratio: number, n: number): [number, number, number] => {
    const s = Math.min(n - 1, Math.max(0, (k + 0.5) * ratio - 0.5));
    const lo = Math.floor(s);
    return [lo, Math.min(n - 1, lo + 1), s - lo];
  };
  const cols = Array.from({ length: toWidth }, (_, c) => tap(c, width / toWidth, width));
  const row = width * channels;
  let d = 0;
  for (let r = 0; r < toHeight; r++) {
    const [top, bottom, fy] = tap(r, height / toHeight, height);
    for (let c = 0; c < toWidth; c++) {
      const [left, right, fx] = cols[c];
      for (let ch = 0; ch < channels; ch++) {
        const tl = src[top * row + left * channels + ch];
        const tr = src[top * row + right * channels + ch];
        const bl = src[bottom * row + left * channels + ch];
        const br = src[bottom * row + right * channels + ch];
        const up = tl + (tr - tl) * fx;
        const down = bl + (br - bl) * fx;
        out[d++] = Math.round(up + (down - up) * fy);
      }
    }
  }
  return out;
}

import { add, clipByValue, depthwiseConv2d, mean, mul, pad, scalar, sub, sum, tensor1d, tensor4d, type Tensor, type Tensor4D } from '@tensorflow/tfjs-core';

// torchvision's float "enhance" adjustments (v2/functional/_color.py) on NHWC values in [0, 1],
// one factor per sample as a [n, 1, 1, 1] tensor. Call inside tidy.

/** ITU-R 601 luma, as torchvision's rgb_to_grayscale: [B, H, W, 1]. */
export const gray = (rgb: Tensor): Tensor => sum(mul(rgb, tensor1d([0.2989, 0.587, 0.114])), 3, true);

/** torchvision's _blend: clamp(ratio · a + (1 − ratio) · b, 0, 1). */
export const blend = (a: Tensor, b: Tensor, ratio: Tensor): Tensor => clipByValue(add(mul(a, ratio), mul(b, sub(scalar(1), ratio))), 0, 1);

/** adjust_brightness: the image blended with black. */
export const brightness = (x: Tensor, factor: Tensor): Tensor => clipByValue(mul(x, factor), 0, 1);

/** adjust_contrast: blended with the mean of its grayscale image (C = 3) or of itself (C = 1). */
export const contrast = (x: Tensor, factor: Tensor): Tensor => blend(x, mean(x.shape[3] === 3 ? gray(x) : x, [1, 2, 3], true), factor);

/** adjust_saturation ('Color'): blended with its grayscale image; torchvision returns one channel as it is. */
export const saturation = (x: Tensor, factor: Tensor): Tensor => (x.shape[3] === 1 ? x : blend(x, gray(x), factor));

/**
 * adjust_sharpness: blended with its "degenerate" image, whose interior pixels are smoothed by
 * PIL's SMOOTH kernel [[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13 and whose border pixels are kept;
 * images of 2 pixels or less in height or width are returned as they are (as torchvision).
 */
export function sharpness(x: Tensor, factor: Tensor): Tensor {
  const [, h, w, c] = x.shape;
  if (h <= 2 || w <= 2) return x;
  const taps = Array.from({ length: 9 }, (_, k) => (k === 4 ? 5 : 1) / 13);
  const kernel = tensor4d(taps.flatMap((t) => Array<number>(c).fill(t)), [3, 3, c, 1]);
  const smooth = pad(depthwiseConv2d(x as Tensor4D, kernel, 1, 'valid'), [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const inside = tensor4d(Array.from({ length: h * w }, (_, k) => {
    const [r, col] = [Math.floor(k / w), k % w];
    return r > 0 && r < h - 1 && col > 0 && col < w - 1 ? 1 : 0;
  }), [1, h, w, 1]);
  // Exact selection: x·1 + s·0 and x·0 + s·1.
  const degenerate = add(mul(x, sub(scalar(1), inside)), mul(smooth, inside));
  return blend(x, degenerate, factor);
}

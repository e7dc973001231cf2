import { clipByValue, div, equal, floor, greaterEqual, max, min, mod, mul, onesLike, scalar, sub, tensor, where, zerosLike, type Tensor } from '@tensorflow/tfjs-core';

// Tone ops on NHWC values in [0, 1] (per-sample values as [n, 1, 1, 1] tensors). Call inside tidy.

/** The top 8-bit level: float values map to the 256 levels 0..255 of a byte image. */
export const LEVELS = 255;

/**
 * Float [0, 1] → byte level q in 0..255, as torchvision's to_dtype(uint8, scale=True):
 * floor(x · 255.999) (so k/255 maps back to k exactly), after clamping to [0, 1].
 */
export const toLevels = (x: Tensor): Tensor => floor(mul(clipByValue(x, 0, 1), scalar(LEVELS + 1 - 1e-3)));

/** Byte level → float, q / 255. */
export const fromLevels = (q: Tensor): Tensor => div(q, scalar(LEVELS));

/**
 * posterize: keeps the top `bits` bits of each byte level (q & ~(2^(8−bits) − 1), as PIL and
 * torchvision on uint8), back to floats: the result is always on the 256-level grid.
 */
export function posterize(x: Tensor, bits: readonly number[]): Tensor {
  const q = toLevels(x);
  const step = tensor(bits.map((b) => 2 ** (8 - b)), [bits.length, 1, 1, 1]);
  return fromLevels(sub(q, mod(q, step)));
}

/** solarize: values at or above the threshold (in [0, 1] units) are inverted, 1 − x (torchvision's float rule). */
export const solarize = (x: Tensor, threshold: Tensor): Tensor => where(greaterEqual(x, threshold), sub(scalar(1), x), x);

/**
 * autocontrast: each channel of each image stretched so that its min maps to 0 and its max to 1;
 * a constant channel is left as it is (torchvision's float rule).
 */
export function autocontrast(x: Tensor): Tensor {
  const lo = min(x, [1, 2], true);
  const hi = max(x, [1, 2], true);
  const flat = equal(lo, hi);
  const scale = where(flat, onesLike(lo), sub(hi, lo));
  return clipByValue(div(sub(x, where(flat, zerosLike(lo), lo)), scale), 0, 1);
}

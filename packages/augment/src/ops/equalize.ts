import { tensor, type Tensor } from '@tensorflow/tfjs-core';
import { fromLevels, LEVELS, toLevels } from './tone.js';

/**
 * PIL's ImageOps.equalize lookup table for one channel's 256-bin histogram (torchvision's uint8
 * rule): step = ⌊(N − count of the top used level) / 255⌋, level i → ⌊(⌊step/2⌋ + pixels below
 * i) / step⌋, clamped to 255. Null when step is 0 (one level used, or nearly): the channel stays.
 */
export function equalizeLut(histogram: ArrayLike<number>): Int32Array | null {
  let top = LEVELS;
  while (top > 0 && histogram[top] === 0) top--;
  let total = 0;
  for (let i = 0; i <= LEVELS; i++) total += histogram[i];
  const step = Math.floor((total - histogram[top]) / LEVELS);
  if (step === 0) return null;
  const lut = new Int32Array(LEVELS + 1);
  let below = 0;
  for (let i = 0; i <= LEVELS; i++) {
    lut[i] = Math.min(LEVELS, Math.floor((Math.floor(step / 2) + below) / step));
    below += histogram[i];
  }
  return lut;
}

/**
 * equalize: each channel of each image gets its histogram equalised on the byte levels of its
 * values (see toLevels); the result is on the 256-level grid. Reads the values (a histogram per
 * channel is a data-dependent lookup). Call inside tidy.
 */
export function equalize(x: Tensor): Tensor {
  const [n, h, w, c] = x.shape;
  const q = toLevels(x).dataSync();
  const out = new Float32Array(q.length);
  const pixels = h * w;
  const histogram = new Int32Array(LEVELS + 1);
  for (let i = 0; i < n; i++) {
    const base = i * pixels * c;
    for (let ch = 0; ch < c; ch++) {
      histogram.fill(0);
      for (let p = 0; p < pixels; p++) histogram[q[base + p * c + ch]]++;
      const lut = equalizeLut(histogram);
      for (let p = 0; p < pixels; p++) {
        const k = base + p * c + ch;
        out[k] = lut ? lut[q[k]] : q[k];
      }
    }
  }
  return fromLevels(tensor(out, x.shape, 'float32'));
}

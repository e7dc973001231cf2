import { describe, expect, it } from 'vitest';
import { loadDataset, loadMnist } from '@mixzoo/lab';

/** Byte equality of two float arrays (deep equality is slow on millions of values). */
const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe("loadDataset('mnist')", () => {
  it('splits the seeded permutation: test first, then train; 28×28×1 in [0, 1]', async () => {
    const d = await loadDataset('mnist', { seed: 5, trainSize: 300, testSize: 100 });
    expect(d).toMatchObject({ name: 'mnist', inputShape: [28, 28, 1] });
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(d.train.count).toBe(300);
    expect(d.test.count).toBe(100);
    expect(d.train.x).toHaveLength(300 * 784);
    expect(d.test.y).toHaveLength(100);
    expect(d.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    // the same draw as loadMnist: its first 100 digits are the test split, the next 300 the training split
    const all = await loadMnist({ count: 400, seed: 5 });
    expect(same(d.test.x, all.images.subarray(0, 100 * 784))).toBe(true);
    expect(same(d.train.x, all.images.subarray(100 * 784))).toBe(true);
    expect(d.train.y).toEqual(all.labels.subarray(100));
  });

  it('defaults to 2,000 test and 8,000 training digits; the test split does not depend on trainSize', async () => {
    const full = await loadDataset('mnist', { seed: 1 });
    expect([full.train.count, full.test.count]).toEqual([8000, 2000]);
    const small = await loadDataset('mnist', { seed: 1, trainSize: 50 });
    expect(same(small.test.x, full.test.x)).toBe(true);
    expect(same(small.train.x, full.train.x.subarray(0, 50 * 784))).toBe(true);
    expect(same(small.train.x, full.train.x.subarray(784, 51 * 784))).toBe(false);
    const counts = new Array(10).fill(0);
    for (const y of full.train.y) counts[y]++;
    for (const c of counts) expect(c).toBeGreaterThan(600); // every digit, ~800 each
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = await Promise.all([1, 1, 2].map((seed) => loadDataset('mnist', { seed, trainSize: 20, testSize: 10 })));
    expect(a.train.x).toEqual(b.train.x);
    expect(a.test.y).toEqual(b.test.y);
    expect(a.train.x).not.toEqual(c.train.x);
  });

  it('refuses sizes beyond the 10,000 digits', async () => {
    await expect(loadDataset('mnist', { seed: 0, testSize: 2000, trainSize: 8001 })).rejects.toThrow("loadDataset: 'trainSize' must be an integer in [1, 8000], got 8001.");
    await expect(loadDataset('mnist', { seed: 0, testSize: 0 })).rejects.toMatchObject({ code: 'E_DATASET' });
  });
});

import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset, type Split } from '@mixzoo/lab';
import { cifarPixel, writeCifar10, writeCifar100 } from './cifar-writer.js';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-cifar-'));
const cacheDir = join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Image i of a split, exactly as the writer wrote image `k`, NHWC in [0, 1]? */
function expectImage(split: Split, i: number, k: number): void {
  const x = split.x.subarray(i * 3072, (i + 1) * 3072);
  const want = new Float32Array(3072);
  for (let r = 0; r < 32; r++) for (let col = 0; col < 32; col++) for (let c = 0; c < 3; c++) want[(r * 32 + col) * 3 + c] = cifarPixel(k, c, r, col) / 255;
  expect(Array.from(x)).toEqual(Array.from(want));
}

describe("loadDataset('cifar10:<dir>')", () => {
  const dir = join(root, 'c10');
  writeCifar10(dir, 4, 6);

  for (const cache of [true, false]) {
    it(`reads the batches as NHWC in file order, labels and class names (cache ${String(cache)})`, async () => {
      const d = await loadDataset(`cifar10:${dir}`, { seed: 0, cacheDir, cache });
      expect(d).toMatchObject({ name: `cifar10:${dir}`, inputShape: [32, 32, 3], classNames: ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'] });
      expect([d.train.count, d.test.count]).toEqual([20, 6]);
      expect(Array.from(d.train.y)).toEqual(Array.from({ length: 20 }, (_, k) => k % 10));
      expect(Array.from(d.test.y)).toEqual([0, 1, 2, 3, 4, 5]);
      for (const i of [0, 3, 4, 19]) expectImage(d.train, i, i); // across batch files
      for (const i of [0, 5]) expectImage(d.test, i, 20 + i);
    });
  }

  it('takes seeded subsets of the given splits, and the archive folder in place of its parent', async () => {
    const a = await loadDataset(`cifar10:${root}/nested`, { seed: 3, trainSize: 5, testSize: 2, cacheDir }).catch((e: unknown) => e);
    expect(a).toMatchObject({ code: 'E_DATASET' });
    writeCifar10(join(root, 'nested', 'cifar-10-batches-bin'), 2, 2);
    const b = await loadDataset(`cifar10:${root}/nested`, { seed: 3, trainSize: 5, testSize: 2, cacheDir });
    const c = await loadDataset(`cifar10:${root}/nested`, { seed: 3, trainSize: 5, testSize: 2, cacheDir });
    expect([b.train.count, b.test.count]).toEqual([5, 2]);
    expect(Array.from(b.train.y)).toEqual(Array.from(c.train.y));
    expect(new Set(b.train.y).size).toBeGreaterThan(1);
  });

  it('resizes with imageSize (bilinear) and refuses channels 1', async () => {
    const d = await loadDataset(`cifar10:${dir}`, { seed: 0, imageSize: [16, 8], cacheDir, trainSize: 2, testSize: 2 });
    expect(d.inputShape).toEqual([16, 8, 3]);
    expect(d.train.x).toHaveLength(2 * 16 * 8 * 3);
    await expect(loadDataset(`cifar10:${dir}`, { seed: 0, channels: 1, cacheDir })).rejects.toThrow(/CIFAR images are RGB/);
  });

  it('names missing files and files of another layout, with where to get CIFAR', async () => {
    const empty = join(root, 'empty');
    writeCifar10(empty, 1, 1);
    rmSync(join(empty, 'data_batch_3.bin'));
    await expect(loadDataset(`cifar10:${empty}`, { seed: 0, cacheDir })).rejects.toThrow(/missing data_batch_3\.bin .*Download the binary version from https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar\.html/);
    const odd = join(root, 'odd');
    writeCifar10(odd, 1, 1);
    truncateSync(join(odd, 'test_batch.bin'), 3000);
    await expect(loadDataset(`cifar10:${odd}`, { seed: 0, cacheDir })).rejects.toThrow(/holds 3000 bytes, not a whole number of 3073-byte records/);
    writeFileSync(join(odd, 'test_batch.bin'), Buffer.concat([Buffer.from([12]), Buffer.alloc(3072)]));
    await expect(loadDataset(`cifar10:${odd}`, { seed: 0, cacheDir })).rejects.toThrow(/has label 12, but there are 10 classes/);
  });
});

describe("loadDataset('cifar100:<dir>[:coarse|fine]')", () => {
  const dir = join(root, 'c100');
  writeCifar100(dir, 8, 3);

  it('fine labels by default, coarse on request, with their class names; same pixels', async () => {
    const fine = await loadDataset(`cifar100:${dir}`, { seed: 0, cacheDir });
    const coarse = await loadDataset(`cifar100:${dir}:coarse`, { seed: 0, cacheDir });
    expect(fine.classNames).toHaveLength(100);
    expect(coarse.classNames).toEqual(Array.from({ length: 20 }, (_, i) => `super${i}`));
    expect(Array.from(fine.train.y)).toEqual(Array.from({ length: 8 }, (_, k) => (k * 7) % 100));
    expect(Array.from(coarse.test.y)).toEqual([8, 9, 10]);
    expect(fine.classNames[fine.train.y[3]]).toBe('class21');
    for (const d of [fine, coarse]) {
      expectImage(d.train, 7, 7);
      expectImage(d.test, 2, 10);
    }
    expect((await loadDataset(`cifar100:${dir}:fine`, { seed: 0, cacheDir })).train.y).toEqual(fine.train.y);
  });
});

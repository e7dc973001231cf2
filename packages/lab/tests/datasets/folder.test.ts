import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '@mixzoo/lab';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const RED = { r: 255, g: 0, b: 0 };
const BLUE = { r: 0, g: 0, b: 255 };

/** Solid-colour images: 'cats' red RGB PNGs of various sizes, 'dogs' blue JPEGs, one grey and one with alpha. */
beforeAll(async () => {
  for (const name of ['cats', 'dogs', '.hidden']) mkdirSync(join(root, name));
  for (let i = 0; i < 6; i++) {
    await sharp({ create: { width: 10 + i, height: 7, channels: 3, background: RED } }).png().toFile(join(root, 'cats', `c${i}.png`));
    await sharp({ create: { width: 8, height: 8 + i, channels: 3, background: BLUE } }).jpeg({ quality: 100 }).toFile(join(root, 'dogs', `d${i}.jpg`));
  }
  await sharp({ create: { width: 5, height: 5, channels: 4, background: { ...RED, alpha: 0.5 } } }).png().toFile(join(root, 'cats', 'alpha.png'));
  await sharp({ create: { width: 5, height: 5, channels: 3, background: { r: 128, g: 128, b: 128 } } }).toColourspace('b-w').png().toFile(join(root, 'dogs', 'grey.png'));
  writeFileSync(join(root, 'dogs', 'notes.txt'), 'not an image');
});

describe("loadDataset('folder:<dir>')", () => {
  it('one class per sub-folder (sorted), RGB imageSize × imageSize in [0, 1], 20% test by default', async () => {
    const d = await loadDataset(`folder:${root}`, { seed: 0, imageSize: 4 });
    expect(d).toMatchObject({ name: `folder:${root}`, classNames: ['cats', 'dogs'], inputShape: [4, 4, 3] });
    expect(d.train.count + d.test.count).toBe(14); // the .txt file is skipped
    expect(d.test.count).toBe(3);
    for (const split of [d.train, d.test]) {
      expect(split.x).toHaveLength(split.count * 48);
      for (let i = 0; i < split.count; i++) {
        const [r, g, b] = split.x.subarray(i * 48, i * 48 + 3);
        const grey = Math.abs(r - g) < 0.01 && Math.abs(g - b) < 0.01;
        if (split.y[i] === 0) expect(r).toBeGreaterThan(0.95); // red (alpha dropped)
        else if (!grey) expect([r, b]).toEqual([expect.closeTo(0, 1), expect.closeTo(1, 1)]); // blue
        else expect(r).toBeCloseTo(128 / 255, 1); // the grey image, now 3 channels
        if (split.y[i] === 0) expect(g).toBeLessThan(0.05);
      }
    }
  });

  it('splits with the seed: same seed same split, sizes as asked', async () => {
    const a = await loadDataset(`folder:${root}`, { seed: 1, imageSize: 2, testSize: 4, trainSize: 5 });
    const b = await loadDataset(`folder:${root}`, { seed: 1, imageSize: 2, testSize: 4, trainSize: 5 });
    expect([a.train.count, a.test.count]).toEqual([5, 4]);
    expect(a.train.y).toEqual(b.train.y);
    expect(a.test.x).toEqual(b.test.x);
    const orders = await Promise.all([2, 3, 4, 5].map(async (seed) => Array.from((await loadDataset(`folder:${root}`, { seed, imageSize: 2 })).test.y).join()));
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('says what is wrong with a folder', async () => {
    await expect(loadDataset(`folder:${join(root, 'missing')}`, { seed: 0 })).rejects.toThrow(/is not a folder/);
    await expect(loadDataset(`folder:${join(root, 'cats')}`, { seed: 0 })).rejects.toThrow(/at least 2 classes\), found 0 sub-folders/);
    await expect(loadDataset(`folder:${root}`, { seed: 0, imageSize: 0 })).rejects.toThrow(/'imageSize' must be an integer/);
  });
});

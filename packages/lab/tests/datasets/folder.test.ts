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

  /** A fresh folder with two classes of one solid 4×4 PNG each, plus what `extra` adds. */
  async function smallFolder(name: string, extra: (dir: string) => Promise<void> | void): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), `mixzoo-folder-${name}-`));
    for (const [cls, colour] of [['a', RED], ['b', BLUE]] as const) {
      mkdirSync(join(dir, cls), { recursive: true });
      await sharp({ create: { width: 4, height: 4, channels: 3, background: colour } }).png().toFile(join(dir, cls, 'x.png'));
    }
    await extra(dir);
    return dir;
  }

  it('refuses a class folder without images, naming it', async () => {
    const dir = await smallFolder('empty', (d) => {
      mkdirSync(join(d, 'c'));
      writeFileSync(join(d, 'c', 'readme.txt'), 'no images here');
    });
    await expect(loadDataset(`folder:${dir}`, { seed: 0 })).rejects.toMatchObject({ code: 'E_DATASET', message: expect.stringContaining(`class folder '${join(dir, 'c')}' has no images`) });
    rmSync(dir, { recursive: true });
  });

  it('a corrupt or truncated image is an E_DATASET naming the file', async () => {
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: RED } }).png().toBuffer();
    for (const [kind, bytes] of [['corrupt', Buffer.from('not a png at all, just text')], ['truncated', png.subarray(0, png.length >> 1)]] as const) {
      const dir = await smallFolder(kind, (d) => writeFileSync(join(d, 'a', 'bad.png'), bytes));
      await expect(loadDataset(`folder:${dir}`, { seed: 0 }), kind).rejects.toMatchObject({
        code: 'E_DATASET',
        message: expect.stringContaining(`loadDataset(folder:${dir}): cannot decode '${join(dir, 'a', 'bad.png')}' (corrupt or truncated?): `),
      });
      rmSync(dir, { recursive: true });
    }
  });

  it('images of different sizes are all resized to imageSize × imageSize, stretched (not cropped)', async () => {
    // 12×4: red, green, blue thirds; cropping to a square would keep the green middle only.
    const thirds = Buffer.alloc(12 * 4 * 3);
    for (let p = 0; p < 12 * 4; p++) thirds[p * 3 + Math.floor((p % 12) / 4)] = 255;
    const dir = await smallFolder('sizes', async (d) => {
      await sharp(thirds, { raw: { width: 12, height: 4, channels: 3 } }).png().toFile(join(d, 'a', 'wide.png'));
    });
    const d = await loadDataset(`folder:${dir}`, { seed: 0, imageSize: 3, testSize: 1 });
    expect(d.inputShape).toEqual([3, 3, 3]);
    const all = [d.train, d.test].flatMap((split) => Array.from({ length: split.count }, (_, i) => split.x.subarray(i * 27, (i + 1) * 27)));
    expect(all).toHaveLength(3);
    const wide = all.find((x) => x[0] > 0.5 && x[2 * 3 + 2] > 0.5)!; // red on the left, blue on the right
    for (let col = 0; col < 3; col++) {
      const pixel = Array.from(wide.subarray(col * 3, col * 3 + 3));
      expect(pixel.indexOf(Math.max(...pixel)), `column ${col}`).toBe(col); // red, green, blue
    }
    rmSync(dir, { recursive: true });
  });
});

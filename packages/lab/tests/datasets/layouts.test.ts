import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, type Dataset } from '@mixzoo/lab';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-layouts-'));
const cacheDir = join(root, 'cache');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A solid PNG: grey (1 channel) when `colour` is a number, else RGB. */
async function png(file: string, colour: number | [number, number, number], width = 6, height = 4): Promise<void> {
  mkdirSync(join(file, '..'), { recursive: true });
  const [r, g, b] = typeof colour === 'number' ? [colour, colour, colour] : colour;
  const image = sharp({ create: { width, height, channels: 3, background: { r, g, b } } });
  await (typeof colour === 'number' ? image.toColourspace('b-w') : image).png().toFile(file);
}

/** Every image of a dataset (train then test) with its class name and first pixel's channels (0–255). */
function pixels(d: Dataset): { cls: string; px: number[] }[] {
  const size = d.inputShape.reduce((a, b) => a * b, 1);
  const c = d.inputShape[2];
  return [d.train, d.test].flatMap((s) => Array.from({ length: s.count }, (_, i) => ({ cls: d.classNames[s.y[i]], px: Array.from(s.x.subarray(i * size, i * size + c), (v) => Math.round(v * 255)) })));
}

describe('image folders', () => {
  const grey = join(root, 'grey');
  const split = join(root, 'split');
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      await png(join(grey, 'dark', `${i}.png`), 40);
      await png(join(grey, 'light', `${i}.png`), 200);
    }
    await png(join(grey, 'light', 'big.png'), 200, 8, 8); // another size: resized to the common 4×6
    for (let i = 0; i < 4; i++) {
      await png(join(split, 'train', 'cat', `${i}.png`), [200, 0, 0]);
      await png(join(split, 'train', 'dog', `${i}.png`), [0, 0, 200]);
    }
    await png(join(split, 'val', 'dog', 'v0.png'), [0, 0, 200]);
    await png(join(split, 'val', 'dog', 'v1.png'), [0, 0, 200]);
    await png(join(split, 'test', 'cat', 't0.png'), [200, 0, 0]); // val/ wins over test/
  });

  it('grey images stay 1 channel, at the most common size; channels 3 repeats the grey', async () => {
    const d = await loadDataset(`folder:${grey}`, { seed: 0, cacheDir });
    expect(d.inputShape).toEqual([4, 6, 1]);
    expect(pixels(d).map((p) => `${p.cls}:${p.px.join()}`).sort()).toEqual([...Array(3).fill('dark:40'), ...Array(4).fill('light:200')]);
    const rgb = await loadDataset(`folder:${grey}`, { seed: 0, cacheDir, channels: 3, imageSize: 5 });
    expect(rgb.inputShape).toEqual([5, 5, 3]);
    expect(pixels(rgb).every((p) => p.px.join() === (p.cls === 'dark' ? '40,40,40' : '200,200,200'))).toBe(true);
  });

  it('train/ and val/ are the given splits (classes from train/), val/ preferred to test/; channels 1 makes colour grey', async () => {
    const d = await loadDataset(`folder:${split}`, { seed: 0, cacheDir });
    expect(d).toMatchObject({ classNames: ['cat', 'dog'], inputShape: [4, 6, 3] });
    expect([d.train.count, d.test.count]).toEqual([8, 2]);
    expect(Array.from(d.test.y)).toEqual([1, 1]);
    expect(pixels(d).every((p) => p.px.join() === (p.cls === 'cat' ? '200,0,0' : '0,0,200'))).toBe(true);
    const grey = await loadDataset(`folder:${split}`, { seed: 0, cacheDir, channels: 1 });
    expect(grey.inputShape).toEqual([4, 6, 1]);
    const shades = new Map(pixels(grey).map((p) => [p.cls, p.px[0]]));
    expect(shades.get('cat')).not.toBe(shades.get('dog')); // colour becomes luminance, one value per pixel
    rmSync(join(split, 'val'), { recursive: true });
    const t = await loadDataset(`folder:${split}`, { seed: 0, cacheDir, trainSize: 3 });
    expect([t.train.count, t.test.count, t.test.y[0]]).toEqual([3, 1, 0]);
  });

  it('refuses a held-out class that train/ lacks', async () => {
    const dir = join(root, 'extra');
    await png(join(dir, 'train', 'a', '0.png'), 1);
    await png(join(dir, 'train', 'b', '0.png'), 2);
    await png(join(dir, 'val', 'c', '0.png'), 3);
    await expect(loadDataset(`folder:${dir}`, { seed: 0, cacheDir })).rejects.toThrow("val/ has class folders that train/ lacks (c); the classes are train/'s: a, b.");
  });

  it('normalize records per-channel mean and std of the training split', async () => {
    const d = await loadDataset(`folder:${split}`, { seed: 0, cacheDir, normalize: true, channels: 3 });
    const c = 3;
    const sums = [0, 0, 0];
    const squares = [0, 0, 0];
    d.train.x.forEach((v, i) => ((sums[i % c] += v), (squares[i % c] += v * v)));
    const n = d.train.x.length / c;
    const mean = sums.map((s) => s / n);
    expect(d.normalization?.mean.map((m) => m.toFixed(6))).toEqual(mean.map((m) => m.toFixed(6)));
    expect(d.normalization?.std.map((s) => s.toFixed(5))).toEqual(mean.map((m, k) => Math.sqrt(squares[k] / n - m * m).toFixed(5)));
    expect(d.normalization?.mean[1]).toBe(0); // no green anywhere
    expect((await loadDataset(`folder:${split}`, { seed: 0, cacheDir })).normalization).toBeUndefined();
  });
});

describe("loadDataset('index:<file>')", () => {
  const dir = join(root, 'index');
  beforeAll(async () => {
    await png(join(dir, 'img', 'a 1.png'), [10, 20, 30]);
    await png(join(dir, 'img', 'b.png'), [40, 50, 60]);
    await png(join(dir, 'img', 'c.png'), [70, 80, 90]);
    await png(join(dir, 'img', 'd.png'), [100, 110, 120]);
  });

  it('CSV path,label with a header and quotes, paths relative to the file; classes sorted', async () => {
    writeFileSync(join(dir, 'list.csv'), 'path,label\n"img/a 1.png",zebra\nimg/b.png,ant\n\nimg/c.png,"zebra"\nimg/d.png,ant\n');
    const d = await loadDataset(`index:${join(dir, 'list.csv')}`, { seed: 1, cacheDir, testSize: 1 });
    expect(d).toMatchObject({ name: `index:${join(dir, 'list.csv')}`, classNames: ['ant', 'zebra'], inputShape: [4, 6, 3] });
    const byColour = Object.fromEntries(pixels(d).map((p) => [p.px.join(), p.cls]));
    expect(byColour).toEqual({ '10,20,30': 'zebra', '40,50,60': 'ant', '70,80,90': 'zebra', '100,110,120': 'ant' });
    // Other labels for the same images: the cache (keyed by the index file too) is not reused.
    writeFileSync(join(dir, 'list.csv'), 'path,label\n"img/a 1.png",ant\nimg/b.png,zebra\nimg/c.png,zebra\nimg/d.png,ant\n');
    utimesSync(join(dir, 'list.csv'), new Date(), new Date(Date.now() + 5000));
    const relabelled = await loadDataset(`index:${join(dir, 'list.csv')}`, { seed: 1, cacheDir, testSize: 1 });
    expect(Object.fromEntries(pixels(relabelled).map((p) => [p.px.join(), p.cls]))).toEqual({ '10,20,30': 'ant', '40,50,60': 'zebra', '70,80,90': 'zebra', '100,110,120': 'ant' });
  });

  it('JSON with a split on every entry gives those splits (val counts as test); numeric labels sort as numbers', async () => {
    const entries = [
      { path: 'img/b.png', label: 10, split: 'train' },
      { path: 'img/c.png', label: 9, split: 'train' },
      { path: 'img/d.png', label: 10, split: 'val' },
    ];
    writeFileSync(join(dir, 'list.json'), JSON.stringify(entries));
    const d = await loadDataset(`index:${join(dir, 'list.json')}`, { seed: 0, cacheDir });
    expect(d.classNames).toEqual(['9', '10']);
    expect([Array.from(d.train.y), Array.from(d.test.y)]).toEqual([[1, 0], [1]]);
    expect(pixels(d).at(-1)?.px).toEqual([100, 110, 120]);
  });

  it('says what is wrong with an index', async () => {
    const cases: [string, string, RegExp][] = [
      ['one.csv', 'img/b.png,x\nimg/c.png,x\n', /expected at least 2 classes, found 1/],
      ['cols.csv', 'img/b.png\n', /line 1: expected path,label or path,label,split, got 'img\/b\.png'/],
      ['missing.csv', 'img/b.png,x\nimg/none.png,y\n', /'img\/none\.png' does not exist/],
      ['mixed.csv', 'img/b.png,x,train\nimg/c.png,y\n', /1 of 2 entries name a split; name one on every entry or on none/],
      ['badsplit.json', '[{"path":"img/b.png","label":"x","split":"dev"}]', /entry 1: 'split' must be train, test or val/],
      ['object.json', '{"path":"img/b.png"}', /expected a JSON array of \{ path, label\[, split\] \}/],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, name), text);
      await expect(loadDataset(`index:${join(dir, name)}`, { seed: 0, cacheDir }), name).rejects.toMatchObject({ code: 'E_DATASET', message: expect.stringMatching(message) });
    }
  });
});

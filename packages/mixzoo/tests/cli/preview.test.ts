import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageFolder } from '../../src/cli/image-folder.js';
import { parseOptionsJson } from '../../src/cli/preview.js';
import { writeIdxSet } from '../../../../test/helpers/idx.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-preview-'));
const classes = join(tmp, 'classes');
const flat = join(tmp, 'flat');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const solid = (file: string, width: number, height: number, rgb: [number, number, number], alpha = 1) =>
  sharp({ create: { width, height, channels: 4, background: { r: rgb[0], g: rgb[1], b: rgb[2], alpha } } }).png().toFile(file);

beforeAll(async () => {
  // classes/cat: 2 red images (one opaque, one half transparent); classes/dog: 1 green, 1 gray (1-channel) image.
  for (const dir of ['cat', 'dog']) mkdirSync(join(classes, dir), { recursive: true });
  await solid(join(classes, 'cat', 'a.png'), 40, 30, [200, 0, 0]);
  await solid(join(classes, 'cat', 'b.png'), 100, 50, [200, 0, 0], 0.5);
  await solid(join(classes, 'dog', 'a.png'), 64, 64, [0, 200, 0]);
  await sharp(Buffer.alloc(20 * 20, 100), { raw: { width: 20, height: 20, channels: 1 } }).jpeg().toFile(join(classes, 'dog', 'gray.jpg'));
  mkdirSync(flat);
  await solid(join(flat, 'sun.png'), 10, 10, [255, 255, 0]);
  await solid(join(flat, 'sky.webp'), 10, 10, [0, 0, 255]);
  await solid(join(flat, 'notes.txt'), 10, 10, [0, 0, 0]); // not an image by its name: skipped
});

describe('loadImageFolder', () => {
  it('decodes to 64×64 RGB in [0, 1], class = sub-folder', async () => {
    const batch = await loadImageFolder(classes, { count: 10, seed: 0 });
    expect(batch.shape).toEqual([4, 64, 64, 3]);
    expect(batch.classNames).toEqual(['cat', 'dog']);
    const px = 64 * 64 * 3;
    const colours = Array.from(batch.labels, (label, i) => ({ label, rgb: Array.from(batch.images.subarray(i * px, i * px + 3)) }));
    const byColour = (rgb: number[]) => colours.filter((c) => c.rgb.every((v, k) => Math.abs(v - rgb[k]) < 0.01));
    expect(byColour([200 / 255, 0, 0]).map((c) => c.label)).toEqual([0]);
    // Half-transparent red over black.
    expect(byColour([100 / 255, 0, 0]).map((c) => c.label)).toEqual([0]);
    expect(byColour([0, 200 / 255, 0]).map((c) => c.label)).toEqual([1]);
    expect(byColour([100 / 255, 100 / 255, 100 / 255]).map((c) => c.label)).toEqual([1]);
  });

  it('picks `count` images with the seed, reproducibly', async () => {
    const a = await loadImageFolder(classes, { count: 2, seed: 1 });
    const b = await loadImageFolder(classes, { count: 2, seed: 1 });
    expect(a.shape).toEqual([2, 64, 64, 3]);
    expect(a.images).toEqual(b.images);
    const picks = await Promise.all([0, 1, 2, 3, 4, 5].map((seed) => loadImageFolder(classes, { count: 1, seed })));
    expect(new Set(picks.map((p) => p.labels[0])).size).toBe(2);
  });

  it('without sub-folders, each image is its own class (its file name)', async () => {
    const batch = await loadImageFolder(flat, { count: 5, seed: 0 });
    expect(batch.shape[0]).toBe(2);
    expect([...batch.classNames].sort()).toEqual(['sky', 'sun']);
  });

  it('refuses a missing folder or a folder without images', async () => {
    await expect(loadImageFolder(join(tmp, 'nope'), { count: 1, seed: 0 })).rejects.toMatchObject({ code: 'E_USAGE' });
    mkdirSync(join(tmp, 'empty'));
    await expect(loadImageFolder(join(tmp, 'empty'), { count: 1, seed: 0 })).rejects.toMatchObject({ code: 'E_DATASET' });
  });
});

describe('parseOptionsJson', () => {
  it('parses JSON objects and refuses anything else', () => {
    expect(parseOptionsJson(undefined)).toBeUndefined();
    expect(parseOptionsJson('{"alpha":0.4}')).toEqual({ alpha: 0.4 });
    for (const bad of ['{', '[]', '1', 'null', '"x"']) expect(() => parseOptionsJson(bad)).toThrow(/^--options: expected a JSON object/);
  });
});

describe('mixzoo preview (built CLI)', () => {
  it('writes a 4×4 grid of MNIST digits by default, reproducible per seed', async () => {
    const [a, b, c] = ['a', 'b', 'c'].map((k) => join(tmp, `mnist-${k}.png`));
    const runs = await Promise.all([
      mixzoo(['preview', 'mixup', '--out', a]),
      mixzoo(['--seed', '0', 'preview', 'mixup', '--out', b]),
      mixzoo(['--seed', '1', 'preview', 'mixup', '--out', c]),
    ]);
    for (const run of runs) expect(run.code).toBe(0);
    expect(runs[0].stdout).toMatch(/^wrote .*mnist-a\.png \(580×660, 16 mixup mixes of mnist, mean λ 0\.\d{3}\)\n$/);
    // 4 columns × 140 px (28 px ×5) + 5 gaps of 4 px; 4 rows × (140 + 20 px caption) + 5 gaps.
    expect(await sharp(a).metadata()).toMatchObject({ format: 'png', width: 580, height: 660 });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
  });

  it('mixes a folder of images (64×64 tiles upscaled ×3)', async () => {
    const out = join(tmp, 'sub', 'folder.png');
    const run = await mixzoo(['preview', 'mixup', '--options', '{"mode":"elem"}', '--dataset', classes, '--n', '4', '--out', out]);
    expect(run.code).toBe(0);
    // 2 columns × 192 px + 3 gaps; 2 rows × (192 + 20) + 3 gaps.
    expect(await sharp(out).metadata()).toMatchObject({ format: 'png', width: 396, height: 436 });
  });

  it('a missing dataset folder is a usage error', async () => {
    const run = await mixzoo(['preview', 'mixup', '--dataset', join(tmp, 'nope'), '--out', join(tmp, 'x.png')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--dataset: '${join(tmp, 'nope')}' is not a folder`);
  });
});

describe('mixzoo preview --dataset: every spec compare takes', () => {
  const idx = join(tmp, 'idx');
  beforeAll(() => writeIdxSet(idx, { train: 4, test: 6, size: 8, classes: 3 }));

  it.concurrent.each<[string, string[]]>([
    ['folder:<dir>', [`folder:${classes}`]],
    ['a plain folder path', [classes]],
    ['idx:<dir>', [`idx:${idx}`]],
    ['fashion-mnist with --data-dir', ['fashion-mnist', '--data-dir', idx]],
  ])('%s', async (what, [spec, ...extra]) => {
    const out = join(tmp, `spec-${what.replace(/\W+/g, '-')}.png`);
    const run = await mixzoo(['preview', 'mixup', '--dataset', spec, ...extra, '--n', '4', '--out', out]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect((await sharp(out).metadata()).format).toBe('png');
  });

  it.concurrent.each(['moons', 'spirals'])('%s: the points, each joined to its mixed point', async (set) => {
    const out = join(tmp, `points-${set}.png`);
    const run = await mixzoo(['--seed', '2', 'preview', 'mixup', '--options', '{"mode":"elem"}', '--dataset', set, '--n', '40', '--out', out]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out} (320×320, 40 mixup mixes of ${set}`);
    expect(await sharp(out).metadata()).toMatchObject({ format: 'png', width: 320, height: 320 });
  });

  it('refuses a typo with a suggestion, and image-region strategies on points with the reason, exit 2', async () => {
    const out = join(tmp, 'never.png');
    const [typo, cutmix] = await Promise.all([mixzoo(['preview', 'mixup', '--dataset', 'mnst', '--out', out]), mixzoo(['preview', 'cutmix', '--dataset', 'moons', '--out', out])]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("--dataset: unknown dataset 'mnst'; expected one of mnist, fashion-mnist, idx:<dir>, folder:<dir>, cifar10:<dir>, cifar100:<dir>[:coarse|fine], index:<file.csv|json>, moons, spirals. Did you mean 'mnist'?");
    expect(cutmix.code).toBe(2);
    expect(cutmix.stderr).toContain("--dataset moons: 'cutmix' mixes image regions, and moons holds 2-D points");
    expect(existsSync(out)).toBe(false);
  });
});

import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FASHION_MNIST_DIR, loadDataset } from '@mixzoo/lab';

/** An IDX file of unsigned bytes, written by hand: 0, 0, type 0x08, rank, big-endian dims, data. */
function idxBytes(dims: number[], data: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, 0x08, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  return Uint8Array.from([...header, ...data]);
}

const root = mkdtempSync(join(tmpdir(), 'mixzoo-idx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A 2×3-pixel set: train 6 images (pixel value 10·i + p), labels i % 3; test 4 images. */
function writeSet(dir: string, gz: boolean, separator = '-'): void {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, bytes: Uint8Array) => writeFileSync(join(dir, name + (gz ? '.gz' : '')), gz ? gzipSync(bytes) : bytes);
  for (const [part, n] of [['train', 6], ['t10k', 4]] as const) {
    write(`${part}-images${separator}idx3-ubyte`, idxBytes([n, 2, 3], Array.from({ length: n * 6 }, (_, k) => 10 * Math.floor(k / 6) + (k % 6) + (part === 't10k' ? 200 : 0))));
    write(`${part}-labels${separator}idx1-ubyte`, idxBytes([n], Array.from({ length: n }, (_, i) => i % 3)));
  }
}

describe("loadDataset('idx:<dir>')", () => {
  it('reads train-* and t10k-* files (.gz or not) into [0, 1] images with their labels', async () => {
    for (const [gz, sep] of [[true, '-'], [false, '.']] as const) {
      const dir = join(root, `set-${String(gz)}`);
      writeSet(dir, gz, sep);
      const d = await loadDataset(`idx:${dir}`, { seed: 0 });
      expect(d).toMatchObject({ name: `idx:${dir}`, inputShape: [2, 3, 1], classNames: ['0', '1', '2'] });
      expect(d.train.count).toBe(6);
      expect(d.test.count).toBe(4);
      expect(Array.from(d.train.y)).toEqual([0, 1, 2, 0, 1, 2]);
      expect(d.train.x[6 * 4 + 5]).toBeCloseTo(45 / 255, 7); // image 4, pixel 5
      expect(d.test.x[0]).toBeCloseTo(200 / 255, 7);
    }
  });

  it('draws seeded subsets of each split', async () => {
    const dir = join(root, 'subset');
    writeSet(dir, false);
    const a = await loadDataset(`idx:${dir}`, { seed: 3, trainSize: 3, testSize: 2 });
    const b = await loadDataset(`idx:${dir}`, { seed: 3, trainSize: 3, testSize: 2 });
    expect(a.train.count).toBe(3);
    expect(a.train.x).toEqual(b.train.x);
    // each kept image is one of the originals, with its own label (image i has first pixel 10·i / 255 and label i % 3)
    for (let i = 0; i < 3; i++) {
      const original = Math.round((a.train.x[i * 6] * 255) / 10);
      expect(a.train.y[i]).toBe(original % 3);
    }
    expect(new Set(Array.from({ length: 3 }, (_, i) => a.train.x[i * 6])).size).toBe(3);
    await expect(loadDataset(`idx:${dir}`, { seed: 3, trainSize: 7 })).rejects.toThrow(/'trainSize' must be an integer in \[1, 6\]/);
  });

  it('says what is missing', async () => {
    await expect(loadDataset(`idx:${join(root, 'nowhere')}`, { seed: 0 })).rejects.toThrow(/does not exist/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(loadDataset(`idx:${empty}`, { seed: 0 })).rejects.toThrow(/lacks train-images-idx3-ubyte\[.gz\]/);
  });
});

describe("loadDataset('fashion-mnist')", () => {
  it('explains how to get the files when they are absent', async () => {
    const error = await loadDataset('fashion-mnist', { seed: 0, dataDir: join(root, 'none') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DATASET' });
    expect((error as Error).message).toMatch(/apt-get install dataset-fashion-mnist/);
    expect((error as Error).message).toMatch(/--data-dir/);
  });

  it('reads a Fashion-MNIST folder with the Fashion class names', async () => {
    const dir = join(root, 'fashion');
    writeSet(dir, true);
    const d = await loadDataset('fashion-mnist', { seed: 0, dataDir: dir });
    expect(d.name).toBe('fashion-mnist');
    expect(d.classNames[0]).toBe('T-shirt/top');
    expect(d.classNames).toHaveLength(10);
  });

  it.runIf(existsSync(FASHION_MNIST_DIR))('loads the installed Debian set (60,000 + 10,000 images of 28×28)', async () => {
    const d = await loadDataset('fashion-mnist', { seed: 0, trainSize: 100, testSize: 50 });
    expect(d.inputShape).toEqual([28, 28, 1]);
    expect(d.train.count).toBe(100);
    expect(d.test.count).toBe(50);
    expect(new Set(d.train.y).size).toBeGreaterThan(7);
  });
});

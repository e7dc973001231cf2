import sharp from 'sharp';
import { createAugmenter, createZoo, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { augmentBatch, renderSampleGrid, sampleBatch } from '../../src/report/samples.js';
import type { Dataset } from '../../src/types.js';

function images(count: number): Dataset {
  const x = Float32Array.from({ length: count * 4 * 4 }, (_, k) => (Math.floor(k / 16) % 2 ? 1 : 0)); // alternating black and white images
  return { name: 'toy', classNames: ['black', 'white'], inputShape: [4, 4, 1], train: { x, y: Int32Array.from({ length: count }, (_, i) => i % 2), count }, test: { x, y: new Int32Array(count), count } };
}

describe('sample grids', () => {
  it('sampleBatch takes the first training images as an NHWC batch', () => {
    const batch = sampleBatch(images(6), 4);
    expect(batch.shape).toEqual([4, 4, 4, 1]);
    expect(Array.from(batch.labels)).toEqual([0, 1, 0, 1]);
    expect(batch.images).toHaveLength(64);
    expect(sampleBatch(images(3), 16).shape[0]).toBe(3);
  });

  it("'none' shows the samples unmixed; a strategy mixes them (seeded), leaving no tensor behind", async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const batch = sampleBatch(images(4), 4);
    const before = tf.memory().numTensors;
    const [plain, mixed, again] = await Promise.all([
      renderSampleGrid(zoo, { name: 'none' }, batch, 1),
      renderSampleGrid(zoo, { name: 'mixup', options: { alpha: 1 } }, batch, 1),
      renderSampleGrid(zoo, { name: 'mixup', options: { alpha: 1 } }, batch, 1),
    ]);
    expect(tf.memory().numTensors).toBe(before);
    expect(mixed.equals(again)).toBe(true);
    const gray = async (png: Buffer) => {
      const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      return data.filter((v) => v > 40 && v < 215).length;
    };
    // Unmixed tiles are pure black or white; mixup blends them into grays.
    expect(await gray(mixed)).toBeGreaterThan((await gray(plain)) + 1000);
  });

  it('augmentBatch augments the batch once like a run of the seed (its own augment stream), leaving no tensor behind', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const batch = { images: Float32Array.from({ length: 2 * 2 * 3 }, (_, k) => k / 12), shape: [2, 2, 3, 1] as [number, number, number, number], labels: Int32Array.from([0, 1]), classNames: ['a', 'b'] };
    const before = tf.memory().numTensors;
    const mirrored = augmentBatch(batch, [{ name: 'flip', options: { horizontal: 1 } }], 1, zoo.kernels);
    expect(Array.from(mirrored.images, (v) => Math.round(v * 12))).toEqual([2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9]);
    expect(mirrored).toMatchObject({ shape: batch.shape, labels: batch.labels, classNames: batch.classNames });
    const cropped = augmentBatch(batch, [{ name: 'crop', options: { padding: 1 } }], 7, zoo.kernels);
    const x = tf.tensor4d(batch.images, batch.shape);
    const expected = createAugmenter([{ name: 'crop', options: { padding: 1 } }], { seed: 7 }).augment({ inputs: x }).inputs;
    expect(cropped.images).toEqual(expected.dataSync());
    expect(cropped.images).not.toEqual(batch.images);
    tf.dispose([x, expected]);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(batch.images, (v) => Math.round(v * 12))).toEqual(Array.from({ length: 12 }, (_, k) => k)); // the input batch is untouched
  });
});

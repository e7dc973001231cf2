import sharp from 'sharp';
import { createZoo, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { renderSampleGrid, sampleBatch } from '../../src/report/samples.js';
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
});

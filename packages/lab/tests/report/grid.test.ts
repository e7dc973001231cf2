import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createZoo, tf, type MixPlan } from 'mixzoo';
import { gridLayout, renderGrid } from '../../src/report/grid.js';
import type { ImageBatch } from '../../src/report/image-batch.js';
import { mixBatch, renderMixPreview, tileCaptions } from '../../src/report/mix-preview.js';

describe('gridLayout', () => {
  it('is near square, upscales small images to >= 140 px and keeps large ones', () => {
    expect(gridLayout(16, 28, 28)).toMatchObject({ columns: 4, rows: 4, scale: 5, tileWidth: 140, width: 580, height: 660 });
    expect(gridLayout(5, 64, 64)).toMatchObject({ columns: 3, rows: 2, scale: 3, tileWidth: 192, width: 3 * 192 + 16, height: 2 * 212 + 12 });
    expect(gridLayout(1, 200, 300)).toMatchObject({ columns: 1, rows: 1, scale: 1, tileWidth: 300, tileHeight: 200, width: 308, height: 228 });
  });
});

async function rawPixels(png: Buffer): Promise<{ data: Buffer; width: number; channels: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, channels: info.channels };
}

describe('renderGrid', () => {
  it('upscales each image by nearest neighbour into its tile; gray stays gray', async () => {
    // Two 2×2 gray images: [0, 1; 0.5, 0.25] and all 1.
    const pixels = new Float32Array([0, 1, 0.5, 0.25, 1, 1, 1, 1]);
    const png = await renderGrid(pixels, [2, 2, 2, 1], ['', '']);
    const { data, width, channels } = await rawPixels(png);
    const layout = gridLayout(2, 2, 2); // scale 70, tiles of 140 px
    const at = (x: number, y: number) => Array.from(data.subarray((y * width + x) * channels, (y * width + x) * channels + 3));
    const g = layout.gap;
    expect(at(g, g)).toEqual([0, 0, 0]);
    expect(layout.scale).toBe(70);
    expect(at(g + 69, g + 69)).toEqual([0, 0, 0]);
    expect(at(g + 70, g)).toEqual([255, 255, 255]);
    expect(at(g, g + 70)).toEqual([128, 128, 128]);
    expect(at(g + 139, g + 139)).toEqual([64, 64, 64]);
    expect(at(g + 140 + g, g)).toEqual([255, 255, 255]); // second tile
    expect(at(0, 0)).toEqual([32, 32, 32]); // background gap
  });

  it('keeps RGB colours and clamps values outside [0, 1]', async () => {
    const png = await renderGrid(new Float32Array([1, 0, 0.5, -1, 2, 0]), [1, 1, 2, 3], ['']);
    const { data, width, channels } = await rawPixels(png);
    const at = (x: number, y: number) => Array.from(data.subarray((y * width + x) * channels, (y * width + x) * channels + 3));
    expect(at(4, 4)).toEqual([255, 0, 128]);
    expect(at(4 + 70, 4)).toEqual([0, 255, 0]);
  });

  it('draws the captions in the strip under each tile', async () => {
    const pixels = new Float32Array(2 * 28 * 28);
    const [captioned, blank] = await Promise.all([
      renderGrid(pixels, [2, 28, 28, 1], ['λ 0.62 · 3←7', 'λ 1.00 · 4']),
      renderGrid(pixels, [2, 28, 28, 1], ['', '']),
    ]);
    const bright = async (png: Buffer, x0: number) => {
      const { data, width, channels } = await rawPixels(png);
      let count = 0;
      for (let y = 4 + 140; y < 4 + 160; y++) for (let x = x0; x < x0 + 140; x++) if (data[(y * width + x) * channels] > 128) count++;
      return count;
    };
    expect(await bright(captioned, 4)).toBeGreaterThan(50);
    expect(await bright(captioned, 4 + 144)).toBeGreaterThan(30);
    expect(await bright(blank, 4)).toBe(0);
  });
});

describe('tileCaptions', () => {
  const plan: MixPlan = { strategy: 's', partner: [1, 0, 2], lambda: [0.625, 0.375, 1] };
  const labels = new Int32Array([3, 7, 4]);
  const names = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

  it("reads 'λ own weight · own class ← partner class'", () => {
    expect(tileCaptions(plan, labels, names)).toEqual(['λ 0.63 · 3←7', 'λ 0.38 · 7←3', 'λ 1.00 · 4']);
  });

  it('lists every partner of k-way plans', () => {
    const kway: MixPlan = { ...plan, partners: [[0, 1, 2], [1], [2]], weights: [[0.4, 0.3, 0.3], [1], [1]], lambda: [0.4, 1, 1] };
    expect(tileCaptions(kway, labels, names)[0]).toBe('λ 0.40 · 3←7,4');
  });

  it('shortens long class names to fit', () => {
    const long = ['a-very-long-name', 'another-long-name', 'x'];
    const captions = tileCaptions(plan, new Int32Array([0, 1, 2]), long, 18);
    expect(captions[0]).toBe('λ 0.63 · a-v…←ano…');
    expect(captions[0].length).toBeLessThanOrEqual(18);
    expect(captions[2]).toBe('λ 1.00 · x');
  });
});

describe('mixBatch', () => {
  it('returns exactly the mixed pixels of the plan and leaves no tensor behind', async () => {
    const zoo = await createZoo({ seed: 2, backend: 'cpu' });
    const images = Float32Array.from({ length: 4 * 3 * 3 }, (_, k) => (k % 7) / 7);
    const batch: ImageBatch = { images, shape: [4, 3, 3, 1], labels: new Int32Array([0, 1, 2, 3]), classNames: ['a', 'b', 'c', 'd'] };
    const before = tf.memory().numTensors;
    const { pixels, plan } = mixBatch(zoo.create('mixup', { mode: 'elem' }), batch);
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 4; i++) {
      for (let p = 0; p < 9; p++) {
        const expected = plan.lambda[i] * images[i * 9 + p] + (1 - plan.lambda[i]) * images[plan.partner[i] * 9 + p];
        expect(pixels[i * 9 + p]).toBeCloseTo(expected, 5);
      }
    }
    expect(images[1]).toBeCloseTo(1 / 7, 6); // input untouched
  });

  it('disposes its tensors when the strategy throws', async () => {
    const zoo = await createZoo({ seed: 2, backend: 'cpu' });
    const batch: ImageBatch = { images: new Float32Array(4), shape: [1, 2, 2, 1], labels: new Int32Array([5]), classNames: ['a'] };
    const before = tf.memory().numTensors;
    expect(() => mixBatch(zoo.create('mixup'), batch)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('renderMixPreview returns a PNG of the layout size', async () => {
    const zoo = await createZoo({ seed: 2, backend: 'cpu' });
    const batch: ImageBatch = { images: new Float32Array(3 * 8 * 8 * 3).fill(0.5), shape: [3, 8, 8, 3], labels: new Int32Array([0, 1, 0]), classNames: ['a', 'b'] };
    const { png, width, height, plan } = await renderMixPreview(zoo.create('mixup'), batch);
    expect(plan.lambda).toHaveLength(3);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width, height, channels: 3 });
    expect([width, height]).toEqual([2 * 144 + 12, 2 * 164 + 12]); // 8 px ×18
  });
});

import sharp from 'sharp';
import { createZoo, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { gridLayout } from '../../src/report/grid.js';
import { tileCaptions } from '../../src/report/mix-preview.js';
import { heatTile, withHeatTiles } from '../../src/report/model-maps.js';
import { renderSampleGrid } from '../../src/report/samples.js';
import type { ImageBatch } from '../../src/report/image-batch.js';

function batchOf(n: number): ImageBatch {
  return {
    images: Float32Array.from({ length: n * 8 * 8 }, (_, k) => ((k * 37) % 11) / 10),
    shape: [n, 8, 8, 1],
    labels: Int32Array.from({ length: n }, (_, i) => i % 3),
    classNames: ['a', 'b', 'c'],
  };
}

describe('report: the map each model-aware plan used', () => {
  it('captions show the label weights of plans that carry them', () => {
    const plan = { strategy: 'snapmix', partner: [1, 0], lambda: [0.75, 1], labelWeights: { own: [0.8, 1], partner: [0.55, 0] } };
    expect(tileCaptions({ ...plan, partner: [1, 1] }, new Int32Array([3, 7]), ['0', '1', '2', '3', '4', '5', '6', '7'])).toEqual(['y 0.80+0.55 · 3←7', 'λ 1.00 · 7']);
  });

  it('heat tiles: nearest-resized, scaled to their own range (black → red → yellow → white)', () => {
    const tile = heatTile({ height: 2, width: 2, data: [[0, 1, 2, 3]] }, 0, 4, 4);
    const at = (r: number, c: number) => Array.from(tile.subarray((r * 4 + c) * 3, (r * 4 + c) * 3 + 3));
    expect(at(0, 0)).toEqual([0, 0, 0]);
    expect(at(3, 3)).toEqual([1, 1, 1]);
    expect(at(0, 3)[0]).toBe(1); // 1/3 of the range: full red
    expect(at(0, 3)[1]).toBeCloseTo(0, 6);
    expect(Array.from(heatTile({ height: 1, width: 1, data: [[5]] }, 0, 2, 2))).toEqual(new Array(12).fill(0));
  });

  it('withHeatTiles puts each mixed image (gray → RGB) before its heat tile, captioned with the kind', () => {
    const pixels = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    const out = withHeatTiles(pixels, [2, 2, 2, 1], ['x', 'y'], { height: 1, width: 2, data: [[0, 1], [1, 0]] }, 'cam');
    expect(out.shape).toEqual([4, 2, 2, 3]);
    expect(out.captions).toEqual(['x', 'cam', 'y', 'cam']);
    expect(Array.from(out.pixels.subarray(0, 6)).map((v) => Math.round(v * 10))).toEqual([1, 1, 1, 2, 2, 2]);
    expect(Array.from(out.pixels.subarray(12, 15))).toEqual([0, 0, 0]);
    expect(Array.from(out.pixels.subarray(15, 18))).toEqual([1, 1, 1]);
  });

  it("renderSampleGrid: snapmix plans from the model's seeded CAM, doubles the grid with heat tiles, and leaks nothing", async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const batch = batchOf(4);
    const before = tf.memory().numTensors;
    const png = await renderSampleGrid(zoo, { name: 'snapmix', options: { mode: 'elem' } }, batch, 2, 'cnn');
    const again = await renderSampleGrid(zoo, { name: 'snapmix', options: { mode: 'elem' } }, batch, 2, 'cnn');
    expect(tf.memory().numTensors).toBe(before);
    expect(png.equals(again)).toBe(true);
    const meta = await sharp(png).metadata();
    expect(meta.width).toBe(gridLayout(8, 8, 8, 4).width);
    const plain = await sharp(await renderSampleGrid(zoo, { name: 'cutmix' }, batch, 2, 'cnn')).metadata();
    expect(plain.width).toBe(gridLayout(4, 8, 8).width);
    await expect(renderSampleGrid(zoo, { name: 'snapmix' }, batch, 2)).rejects.toThrow(/name the model architecture/);
  });
});

import sharp from 'sharp';
import { createZoo, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { renderPointMix } from '../../src/render/points.js';

describe('renderPointMix', () => {
  it('mixes the points with the mixer and draws a 320×320 PNG, leaving no tensor behind', async () => {
    const zoo = await createZoo({ backend: 'cpu', seed: 3 });
    const batch = { points: Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1]), labels: Int32Array.from([0, 1, 0, 1]), classNames: ['a', 'b'] };
    const before = tf.memory().numTensors;
    const { png, plan, width, height } = await renderPointMix(zoo.create('mixup', { alpha: 1, mode: 'elem' }), batch);
    expect(tf.memory().numTensors).toBe(before);
    expect(plan.lambda).toHaveLength(4);
    expect([width, height]).toEqual([320, 320]);
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 320, height: 320, channels: 3 });
    expect(batch.points).toEqual(Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1])); // input untouched
  });
});

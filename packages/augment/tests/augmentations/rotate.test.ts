import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createAugmenter, expectClose, expectMixzooError, guardInputs, image } from '../helpers.js';
import { refWarp, rotation } from './affine-reference.js';

describe.each(BACKENDS)('rotate on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('every sample of the batch rotates by its own angle (bilinear, constant fill)', () => {
    const shape = [5, 7, 6, 2];
    const { data, x } = image(shape, 41);
    const guard = guardInputs(x);
    const before = tf.memory().numTensors;
    const out = createAugmenter([{ name: 'rotate', options: { degrees: 30, fill: 0.5 } }], { seed: 2 }).augment({ inputs: x });
    const angles = out.plans[0].params.map((p) => (p as { angle: number }).angle);
    expect(new Set(angles).size).toBe(5);
    expect(angles.every((a) => Math.abs(a) <= 30)).toBe(true);
    expectClose(out.inputs.dataSync(), refWarp(data, shape, angles.map(rotation), 'bilinear', 0.5), 1e-5);
    out.inputs.dispose();
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    x.dispose();
  });

  it('a replayed 90° rotation equals rot90 (counter-clockwise is positive)', () => {
    const { x } = image([2, 5, 5, 3], 42);
    const turned = createAugmenter([{ name: 'rot90', options: { turns: [1] } }]).augment({ inputs: x });
    const aug = createAugmenter([{ name: 'rotate', options: { degrees: 90 } }]);
    const rotated = aug.apply({ inputs: x }, [{ augmentation: 'rotate', height: 5, width: 5, params: [{ angle: 90 }, { angle: 90 }] }]);
    expectClose(rotated.inputs.dataSync(), turned.inputs.dataSync(), 1e-5);
    tf.dispose([x, turned.inputs, rotated.inputs]);
  });

  it('int32 class maps are resampled nearest and stay int32; float targets use the interpolation option', () => {
    const shape = [3, 6, 6, 1];
    const { x } = image([3, 6, 6, 3], 43);
    const seg = image(shape, 44, 'int32', 4);
    const depth = image(shape, 45);
    const out = createAugmenter([{ name: 'rotate', options: { degrees: 40, interpolation: 'nearest' } }], { seed: 5 }).augment({
      inputs: x, targets: { seg: seg.x, depth: depth.x },
    });
    const maps = out.plans[0].params.map((p) => rotation((p as { angle: number }).angle));
    expect(out.targets!.seg.dtype).toBe('int32');
    expect(Array.from(out.targets!.seg.dataSync())).toEqual(Array.from(refWarp(seg.data, shape, maps, 'nearest', 0)));
    expectClose(out.targets!.depth.dataSync(), refWarp(depth.data, shape, maps, 'nearest', 0));
    tf.dispose([x, seg.x, depth.x, out.inputs, out.targets!.seg, out.targets!.depth]);
  });
});

describe('rotate options', () => {
  it('angles are uniform in [-degrees, degrees] (mean 0, variance d²/3)', () => {
    const aug = createAugmenter(['rotate'], { seed: 9 });
    const angles = Array.from({ length: 200 }, () => aug.sample({ batchSize: 10, height: 4, width: 4, channels: 1 })[0].params).flat().map((p) => (p as { angle: number }).angle);
    const n = angles.length;
    const mean = angles.reduce((s, a) => s + a, 0) / n;
    const variance = angles.reduce((s, a) => s + (a - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(75 / n));
    expect(Math.abs(variance / 75 - 1)).toBeLessThan(0.08);
  });

  it('rejects bad options', () => {
    expectMixzooError(() => createAugmenter([{ name: 'rotate', options: { degrees: 200 } }]), 'E_OPTION', "rotate: option 'degrees' must be <= 180, got 200.");
    expectMixzooError(() => createAugmenter([{ name: 'rotate', options: { fillMode: 'edge' } }]), 'E_OPTION',
      "rotate: option 'fillMode' must be one of 'constant', 'reflect', 'wrap', 'nearest', got 'edge'.");
  });
});

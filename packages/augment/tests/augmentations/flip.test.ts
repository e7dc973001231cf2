import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { at, BACKENDS, build, createAugmenter, expectMixzooError, guardInputs, image } from '../helpers.js';

type FlipParams = { horizontal: boolean; vertical: boolean } | null;

function refFlip(data: ArrayLike<number>, shape: number[], params: FlipParams[]): Float64Array {
  const [, h, w] = shape;
  return build(shape, (i, r, c, ch) => {
    const p = params[i];
    return at(data, shape, i, p?.vertical ? h - 1 - r : r, p?.horizontal ? w - 1 - c : c, ch);
  });
}

describe.each(BACKENDS)('flip on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each([
    [{ horizontal: 1, vertical: 0 }, 'every sample mirrored left-right'],
    [{ horizontal: 0, vertical: 1 }, 'every sample mirrored top-bottom'],
    [{ horizontal: 0.5, vertical: 0.5 }, 'each sample as its own coins say'],
  ])('%j: %s, inputs and int32 targets alike', (options) => {
    const shape = [8, 3, 4, 2];
    const { data, x } = image(shape, 11);
    const seg = image([8, 3, 4, 1], 12, 'int32');
    const guard = guardInputs(x, seg.x);
    const before = tf.memory().numTensors;
    const out = createAugmenter([{ name: 'flip', options }], { seed: 4 }).augment({ inputs: x, targets: { seg: seg.x } });
    const params = out.plans[0].params as FlipParams[];
    if (options.horizontal === 1) expect(params.every((p) => p!.horizontal && !p!.vertical)).toBe(true);
    if (options.vertical === 1) expect(params.every((p) => !p!.horizontal && p!.vertical)).toBe(true);
    if (options.horizontal === 0.5) expect(new Set(params.map((p) => `${String(p!.horizontal)}${String(p!.vertical)}`)).size).toBeGreaterThan(2);
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(refFlip(data, shape, params), Math.fround));
    expect(Array.from(out.targets!.seg.dataSync())).toEqual(Array.from(refFlip(seg.data, [8, 3, 4, 1], params)));
    expect(out.targets!.seg.dtype).toBe('int32');
    tf.dispose([out.inputs, out.targets!.seg]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, seg.x]);
  });
});

describe('flip draws and options', () => {
  it('default: horizontal with probability 0.5, never vertical; two coins are independent', () => {
    const def = createAugmenter(['flip'], { seed: 2 });
    const both = createAugmenter([{ name: 'flip', options: { horizontal: 0.5, vertical: 0.5 } }], { seed: 2 });
    const n = 4000;
    const a = Array.from({ length: n / 8 }, () => def.sample({ batchSize: 8, height: 2, width: 2, channels: 1 })[0].params).flat() as FlipParams[];
    expect(a.some((p) => p!.vertical)).toBe(false);
    const h = a.filter((p) => p!.horizontal).length / n;
    expect(Math.abs(h - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / n));
    const b = Array.from({ length: n / 8 }, () => both.sample({ batchSize: 8, height: 2, width: 2, channels: 1 })[0].params).flat() as FlipParams[];
    const bothFlipped = b.filter((p) => p!.horizontal && p!.vertical).length / n;
    expect(Math.abs(bothFlipped - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / n));
  });

  it('rejects probabilities outside [0, 1] and a prob option (flip has its own two)', () => {
    expectMixzooError(() => createAugmenter([{ name: 'flip', options: { horizontal: 1.5 } }]), 'E_OPTION', "flip: option 'horizontal' must be <= 1, got 1.5.");
    expectMixzooError(() => createAugmenter([{ name: 'flip', options: { prob: 0.5 } }]), 'E_OPTION', /^flip: unknown option 'prob'\./);
  });
});

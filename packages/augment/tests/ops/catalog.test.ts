import * as tf from '@tensorflow/tfjs-core';
import { kernelOps } from '@mixzoo/kernels';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyOp, type OpContext, type OpName } from '../../src/ops/catalog.js';
import { BACKENDS } from '../helpers.js';

// A 3×3 image 1..9 (row-major); F is the fill.
const F = 0;
const IMAGE = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const ctx = (interpolation: 'nearest' | 'bilinear' = 'nearest', fill = F): OpContext =>
  ({ where: 'test', tensorName: 'inputs', kernels: kernelOps, height: 3, width: 3, interpolation, fill });
const run = (op: OpName, value: number, dtype: 'float32' | 'int32' = 'float32', context = ctx(), image = IMAGE, width = 3) => {
  const x = tf.tensor4d(image, [1, image.length / width, width, 1], dtype);
  const out = tf.tidy(() => applyOp(op, x, [value], context));
  const result = { dtype: out.dtype, values: Array.from(out.dataSync()) };
  tf.dispose([x, out]);
  return result;
};

describe.each(BACKENDS)('geometric ops on %s (nearest, constant fill)', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('translate-x / translate-y move the content right / down by whole pixels', () => {
    expect(run('translate-x', 1).values).toEqual([F, 1, 2, F, 4, 5, F, 7, 8]);
    expect(run('translate-x', -2).values).toEqual([3, F, F, 6, F, F, 9, F, F]);
    expect(run('translate-y', 1, 'int32', ctx('nearest', 9))).toEqual({ dtype: 'int32', values: [9, 9, 9, 1, 2, 3, 4, 5, 6] });
  });

  it('shear-x has its origin at the top-left corner: row r reads x = c + v·(r + ½)', () => {
    // v = 0.5: row 0 reads c + 0.25 → c; rows 1 and 2 read c + 0.75 and c + 1.25 → c + 1.
    expect(run('shear-x', 0.5).values).toEqual([1, 2, 3, 5, 6, F, 8, 9, F]);
    // v = −0.5: row 0 reads c − 0.25 → c; row 1 c − 0.75 → c − 1; row 2 c − 1.25 → c − 1.
    expect(run('shear-x', -0.5).values).toEqual([1, 2, 3, F, 4, 5, F, 7, 8]);
  });

  it('shear-y: column c reads y = r + v·(c + ½)', () => {
    expect(run('shear-y', 0.5).values).toEqual([1, 5, 6, 4, 8, 9, 7, F, F]);
  });

  it('rotate turns counter-clockwise about the centre ((W − 1)/2, (H − 1)/2); points outside read the fill', () => {
    expect(run('rotate', 90).values).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
    expect(run('rotate', -90).values).toEqual([7, 4, 1, 8, 5, 2, 9, 6, 3]);
    // 45°: output (c, r) reads (1 + 0.707(dx + dy), 1 + 0.707(dy − dx)), d = (c − 1, r − 1), rounded.
    expect(run('rotate', 45).values).toEqual([2, 3, 6, 1, 5, 9, 4, 7, 8]);
    // A 1×3 row turned 90°: only the centre stays inside.
    expect(run('rotate', 90, 'float32', ctx('nearest', -1), [1, 2, 3]).values).toEqual([-1, 2, -1]);
  });

  it('int32 class maps resample nearest and stay int32 even when the ops ask for bilinear', () => {
    expect(run('shear-x', 0.5, 'int32', ctx('bilinear'))).toEqual({ dtype: 'int32', values: [1, 2, 3, 5, 6, F, 8, 9, F] });
  });
});

// Bad arguments throw MixzooError with a stable code and a message that names the argument, what
// was expected and what came; nothing is allocated on the way (expectMixzooError checks).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  maskBlend, mixLerp, mixLerpK, pasteBoxes, pastePatches, pasteResized, registerNoFusedBackend, remap, type IndexMap, type Patch,
} from '@mixzoo/kernels';
import { BACKENDS, expectMixzooError } from './helpers.js';

type Call = [string, () => unknown, string, RegExp];

describe.each(BACKENDS)('argument errors on %s', (backend) => {
  // Every tensor the calls use exists before them, so the leak check sees only the op's own.
  const f: Record<string, tf.Tensor> = {};
  let img: tf.Tensor; // [2, 3, 4, 1] float32
  let imgInt: tf.Tensor;
  let feats: tf.Tensor; // [2, 5]
  let mask: tf.Tensor;

  beforeAll(async () => {
    registerNoFusedBackend();
    expect(await tf.setBackend(backend)).toBe(true);
    img = tf.zeros([2, 3, 4, 1]);
    imgInt = tf.zeros([2, 3, 4, 1], 'int32');
    feats = tf.zeros([2, 5]);
    mask = tf.ones([2, 3, 4]);
    Object.assign(f, {
      scalar: tf.scalar(1), bool2: tf.tensor1d([1, 0], 'bool'), f34: tf.zeros([3, 4]), f351: tf.zeros([3, 5, 1]),
      f35: tf.zeros([3, 5]), i35: tf.zeros([3, 5], 'int32'), m243: tf.ones([2, 4, 3]), m334: tf.ones([3, 3, 4]),
      m2341: tf.ones([2, 3, 4, 1]), mInt: tf.ones([2, 3, 4], 'int32'), img3: tf.zeros([2, 3, 4, 3]),
      bool1111: tf.zeros([1, 1, 1, 1], 'bool'), img1: tf.zeros([1, 3, 4, 1]), img234: tf.zeros([2, 3, 4]),
      disposed: tf.zeros([2]),
    });
    f.disposed.dispose();
  });
  afterAll(() => tf.dispose([img, imgInt, feats, mask, ...Object.values(f)]));

  const box = { y0: 0, x0: 0, y1: 1, x1: 1 };
  const calls = (): Call[] => [
    // mixLerp: tensors
    ['x not a tensor', () => mixLerp([1, 2] as unknown as tf.Tensor, [0, 1], [1, 1]), 'E_SHAPE', /^mixLerp: 'x' must be a tf\.Tensor, got \[1, 2\]\.$/],
    ['x scalar', () => mixLerp(f.scalar, [], []), 'E_SHAPE', /^mixLerp: 'x' must have rank >= 1 \(\[B, \.\.\.\]\), got shape \[\]\.$/],
    ['x bool', () => mixLerp(f.bool2, [0, 1], [1, 1]), 'E_DTYPE', /^mixLerp: 'x' must be float32 or int32, got bool\.$/],
    ['x disposed', () => mixLerp(f.disposed, [0, 1], [1, 1]), 'E_SHAPE', /'x' must not be disposed/],
    ['xb per-sample shape', () => mixLerp(feats, [0, 1], [1, 1], f.f34), 'E_SHAPE', /^mixLerp: 'xb' must have the per-sample shape of 'x' \[\*, 5\], got shape \[3, 4\]\.$/],
    ['xb rank', () => mixLerp(feats, [0, 1], [1, 1], f.f351), 'E_SHAPE', /^mixLerp: 'xb' must have rank 2, got shape \[3, 5, 1\]\.$/],
    ['xb dtype', () => mixLerp(feats, [0, 1], [1, 1], f.i35), 'E_DTYPE', /^mixLerp: 'xb' must have the dtype of 'x' \(float32\), got int32\.$/],
    // mixLerp: plan
    ['partner length', () => mixLerp(feats, [0], [1, 1]), 'E_PLAN', /^mixLerp: 'partner' must be an array of length 2 \(the batch size\), got \[0\]\.$/],
    ['partner not array', () => mixLerp(feats, 'ab' as unknown as number[], [1, 1]), 'E_PLAN', /'partner' must be an array of length 2 \(the batch size\), got 'ab'\./],
    ['partner out of range', () => mixLerp(feats, [0, 9], [1, 1]), 'E_PLAN', /^mixLerp: 'partner\[1\]' must be an integer in \[0, 2\), got 9\.$/],
    ['partner out of xb range', () => mixLerp(feats, [3, 0], [1, 1], f.f35), 'E_PLAN', /^mixLerp: 'partner\[0\]' must be an integer in \[0, 3\), got 3\.$/],
    ['partner negative', () => mixLerp(feats, [-1, 0], [1, 1]), 'E_PLAN', /'partner\[0\]' must be an integer in \[0, 2\), got -1\./],
    ['partner fractional', () => mixLerp(feats, [0, 0.5], [1, 1]), 'E_PLAN', /'partner\[1\]' must be an integer in \[0, 2\), got 0\.5\./],
    ['partner NaN', () => mixLerp(feats, [NaN, 0], [1, 1]), 'E_PLAN', /'partner\[0\]' must be an integer in \[0, 2\), got NaN\./],
    ['lambda length', () => mixLerp(feats, [0, 1], [1]), 'E_PLAN', /^mixLerp: 'lambda' must be an array of length 2 \(the batch size\), got \[1\]\.$/],
    ['lambda > 1', () => mixLerp(feats, [0, 1], [1, 1.5]), 'E_PLAN', /^mixLerp: 'lambda\[1\]' must be a number in \[0, 1\], got 1\.5\.$/],
    ['lambda < 0', () => mixLerp(feats, [0, 1], [-0.1, 1]), 'E_PLAN', /'lambda\[0\]' must be a number in \[0, 1\], got -0\.1\./],
    ['lambda NaN', () => mixLerp(feats, [0, 1], [NaN, 1]), 'E_PLAN', /'lambda\[0\]' must be a number in \[0, 1\], got NaN\./],
    ['lambda Infinity', () => mixLerp(feats, [0, 1], [1, Infinity]), 'E_PLAN', /'lambda\[1\]' must be a number in \[0, 1\], got Infinity\./],
    ['lambda string', () => mixLerp(feats, [0, 1], ['1', 1] as unknown as number[]), 'E_PLAN', /'lambda\[0\]' must be a number in \[0, 1\], got '1'\./],
    // maskBlend
    ['maskBlend x rank', () => maskBlend(feats, [0, 1], mask), 'E_SHAPE', /^maskBlend: 'x' must have rank 4 \(NHWC \[B, H, W, C\]\), got shape \[2, 5\]\.$/],
    ['mask shape', () => maskBlend(img, [0, 1], f.m243), 'E_SHAPE', /^maskBlend: 'mask' must have shape \[2, 3, 4\] or \[1, 3, 4\] \(shared\), got \[2, 4, 3\]\.$/],
    ['mask batch', () => maskBlend(img, [0, 1], f.m334), 'E_SHAPE', /'mask' must have shape \[2, 3, 4\] or \[1, 3, 4\] \(shared\), got \[3, 3, 4\]\./],
    ['mask rank', () => maskBlend(img, [0, 1], f.m2341), 'E_SHAPE', /^maskBlend: 'mask' must have rank 3, got shape \[2, 3, 4, 1\]\.$/],
    ['mask dtype', () => maskBlend(img, [0, 1], f.mInt), 'E_DTYPE', /^maskBlend: 'mask' must be float32, got int32 \(use tf\.cast\(mask, 'float32'\)\)\.$/],
    ['mask missing', () => maskBlend(img, [0, 1], undefined as unknown as tf.Tensor), 'E_SHAPE', /^maskBlend: 'mask' must be a tf\.Tensor, got undefined\.$/],
    ['maskBlend partner', () => maskBlend(img, [0, 2], mask), 'E_PLAN', /^maskBlend: 'partner\[1\]' must be an integer in \[0, 2\), got 2\.$/],
    ['maskBlend xb shape', () => maskBlend(img, [0, 1], mask, f.img3), 'E_SHAPE', /'xb' must have the per-sample shape of 'x' \[\*, 3, 4, 1\], got shape \[2, 3, 4, 3\]\./],
    // pasteBoxes
    ['boxes length', () => pasteBoxes(img, [0, 1], [box]), 'E_PLAN', /^pasteBoxes: 'boxes' must be an array of length 2 \(the batch size\), got \[\{"y0":0,"x0":0,"y1":1,"x1":1\}\]\.$/],
    ['box beyond width', () => pasteBoxes(img, [0, 1], [null, { y0: 0, x0: 2, y1: 3, x1: 5 }]), 'E_PLAN', /^pasteBoxes: 'boxes\[1\]' must be a box \{y0, x0, y1, x1\} of integers with 0 <= y0 <= y1 <= 3 and 0 <= x0 <= x1 <= 4, got \{"y0":0,"x0":2,"y1":3,"x1":5\}\.$/],
    ['box inverted', () => pasteBoxes(img, [0, 1], [{ y0: 2, x0: 0, y1: 1, x1: 1 }, null]), 'E_PLAN', /'boxes\[0\]' must be a box/],
    ['box fractional', () => pasteBoxes(img, [0, 1], [{ y0: 0.5, x0: 0, y1: 1, x1: 1 }, null]), 'E_PLAN', /'boxes\[0\]' must be a box .*got \{"y0":0\.5/],
    ['box negative', () => pasteBoxes(img, [0, 1], [{ y0: -1, x0: 0, y1: 1, x1: 1 }, null]), 'E_PLAN', /'boxes\[0\]' must be a box/],
    ['box missing field', () => pasteBoxes(img, [0, 1], [{ y0: 0, x0: 0, y1: 1 } as never, null]), 'E_PLAN', /'boxes\[0\]' must be a box/],
    ['box undefined', () => pasteBoxes(img, [0, 1], [undefined as never, null]), 'E_PLAN', /'boxes\[0\]' must be a box .*got undefined\./],
    ['pasteBoxes partner', () => pasteBoxes(img, [0, 5], [null, null]), 'E_PLAN', /^pasteBoxes: 'partner\[1\]' must be an integer in \[0, 2\), got 5\.$/],
    ['pasteBoxes x rank', () => pasteBoxes(feats, [0, 1], [null, null]), 'E_SHAPE', /^pasteBoxes: 'x' must have rank 4/],
    ['pasteBoxes x dtype', () => pasteBoxes(f.bool1111, [0], [null]), 'E_DTYPE', /^pasteBoxes: 'x' must be float32 or int32, got bool\.$/],
    ['pasteBoxes xb dtype', () => pasteBoxes(img, [0, 1], [null, null], imgInt), 'E_DTYPE', /^pasteBoxes: 'xb' must have the dtype of 'x' \(float32\), got int32\.$/],
    // pastePatches
    ['patches length', () => pastePatches(img, [[]]), 'E_PLAN', /^pastePatches: 'patches' must be an array of length 2 \(the batch size\), got \[\[\]\]\.$/],
    ['patches row', () => pastePatches(img, [[], null as unknown as Patch[]]), 'E_PLAN', /^pastePatches: 'patches\[1\]' must be an array of patches, got null\.$/],
    ['patch null', () => pastePatches(img, [[null as unknown as Patch], []]), 'E_PLAN', /^pastePatches: 'patches\[0\]\[0\]' must be a patch \{source, box, from\?\}, got null\.$/],
    ['patch source', () => pastePatches(img, [[], [{ source: 2, box }]]), 'E_PLAN', /^pastePatches: 'patches\[1\]\[0\]\.source' must be an integer in \[0, 2\), got 2\.$/],
    ['patch box', () => pastePatches(img, [[{ source: 0, box: { y0: 0, x0: 0, y1: 4, x1: 1 } }], []]), 'E_PLAN', /^pastePatches: 'patches\[0\]\[0\]\.box' must be a box .* 0 <= y0 <= y1 <= 3 /],
    ['patch from outside', () => pastePatches(img, [[{ source: 0, box: { y0: 0, x0: 0, y1: 2, x1: 2 }, from: { y: 2, x: 0 } }], []]), 'E_PLAN', /^pastePatches: 'patches\[0\]\[0\]\.from' must be integers \{y, x\} with 0 <= y <= 1 and 0 <= x <= 2 \(the 2×2 region must fit in the source\), got \{"y":2,"x":0\}\.$/],
    ['patch from fractional', () => pastePatches(img, [[{ source: 0, box, from: { y: 0, x: 0.5 } }], []]), 'E_PLAN', /'patches\[0\]\[0\]\.from' must be integers/],
    ['patch source beyond xb', () => pastePatches(img, [[{ source: 1, box }], []], f.img1), 'E_PLAN', /'patches\[0\]\[0\]\.source' must be an integer in \[0, 1\), got 1\./],
    // pasteResized
    ['pasteResized box', () => pasteResized(img, [0, 1], [{ y0: 0, x0: 0, y1: 3, x1: 5 }, null]), 'E_PLAN', /^pasteResized: 'boxes\[0\]' must be a box .*0 <= x0 <= x1 <= 4, got/],
    ['pasteResized partner', () => pasteResized(img, [0], [null, null]), 'E_PLAN', /^pasteResized: 'partner' must be an array of length 2/],
    ['pasteResized x rank', () => pasteResized(f.img234, [0, 1], [null, null]), 'E_SHAPE', /^pasteResized: 'x' must have rank 4/],
    // mixLerpK
    ['mixLerpK x', () => mixLerpK(f.scalar, [], []), 'E_SHAPE', /^mixLerpK: 'x' must have rank >= 1 \(\[B, \.\.\.\]\), got shape \[\]\.$/],
    ['mixLerpK partners length', () => mixLerpK(feats, [[0]], [[1], [1]]), 'E_PLAN', /^mixLerpK: 'partners' must be an array of length 2 \(the batch size\), got \[\[0\]\]\.$/],
    ['mixLerpK weights length', () => mixLerpK(feats, [[0], [1]], [[1]]), 'E_PLAN', /^mixLerpK: 'weights' must be an array of length 2 \(the batch size\), got \[\[1\]\]\.$/],
    ['mixLerpK empty row', () => mixLerpK(feats, [[0], []], [[1], []]), 'E_PLAN', /^mixLerpK: 'partners\[1\]' must be a non-empty array of sample indices, got \[\]\.$/],
    ['mixLerpK ragged weights', () => mixLerpK(feats, [[0, 1], [1]], [[1], [1]]), 'E_PLAN', /^mixLerpK: 'weights\[0\]' must be an array of length 2 \(as 'partners\[0\]'\), got \[1\]\.$/],
    ['mixLerpK partner range', () => mixLerpK(feats, [[0, 2], [1]], [[0.5, 0.5], [1]]), 'E_PLAN', /^mixLerpK: 'partners\[0\]\[1\]' must be an integer in \[0, 2\), got 2\.$/],
    ['mixLerpK partner beyond xb', () => mixLerpK(feats, [[3], [1]], [[1], [1]], f.f35), 'E_PLAN', /'partners\[0\]\[0\]' must be an integer in \[0, 3\), got 3\./],
    ['mixLerpK weight range', () => mixLerpK(feats, [[0, 1], [1]], [[1.5, -0.5], [1]]), 'E_PLAN', /^mixLerpK: 'weights\[0\]\[0\]' must be a number in \[0, 1\], got 1\.5\.$/],
    ['mixLerpK weight NaN', () => mixLerpK(feats, [[0], [1]], [[1], [NaN]]), 'E_PLAN', /'weights\[1\]\[0\]' must be a number in \[0, 1\], got NaN\./],
    ['mixLerpK row sum', () => mixLerpK(feats, [[0, 1], [1]], [[0.5, 0.25], [1]]), 'E_PLAN', /^mixLerpK: 'weights\[0\]' must sum to 1, got 0\.75\.$/],
    ['mixLerpK xb dtype', () => mixLerpK(feats, [[0], [1]], [[1], [1]], f.i35), 'E_DTYPE', /^mixLerpK: 'xb' must have the dtype of 'x' \(float32\), got int32\.$/],
    // remap
    ['remap x rank', () => remap(feats, [null, null]), 'E_SHAPE', /^remap: 'x' must have rank 4 \(NHWC \[B, H, W, C\]\), got shape \[2, 5\]\.$/],
    ['remap maps length', () => remap(img, [null]), 'E_PLAN', /^remap: 'maps' must be an array of length 2 \(the batch size\), got \[null\]\.$/],
    ['remap scaling map', () => remap(img, [{ y: [2, 0, 0], x: [0, 1, 0] }, null]), 'E_PLAN', /^remap: 'maps\[0\]' must be null or an index map \{y: \[a, b, dy\], x: \[c, d, dx\]\} with \[\[a, b\], \[c, d\]\] a signed permutation \(flip, transpose, 90° rotation\) and integer offsets, got \{"y":\[2,0,0\],"x":\[0,1,0\]\}\.$/],
    ['remap shear map', () => remap(img, [null, { y: [1, 1, 0], x: [0, 1, 0] }]), 'E_PLAN', /'maps\[1\]' must be null or an index map/],
    ['remap fractional offset', () => remap(img, [{ y: [1, 0, 0.5], x: [0, 1, 0] }, null]), 'E_PLAN', /'maps\[0\]' must be null or an index map .*got \{"y":\[1,0,0\.5\]/],
    ['remap missing x', () => remap(img, [{ y: [1, 0, 0] } as unknown as IndexMap, null]), 'E_PLAN', /'maps\[0\]' must be null or an index map/],
    ['remap border', () => remap(img, [null, null], { border: 'wrap' as never }), 'E_PLAN', /^remap: 'options\.border' must be one of 'constant', 'reflect', 'edge', got 'wrap'\.$/],
    ['remap fill', () => remap(img, [null, null], { fill: NaN }), 'E_PLAN', /^remap: 'options\.fill' must be a finite number, got NaN\.$/],
    ['remap int fill', () => remap(imgInt, [null, null], { fill: 0.5 }), 'E_DTYPE', /^remap: 'options\.fill' must be an integer for int32 'x', got 0\.5\.$/],
    ['remap x dtype', () => remap(f.bool1111, [null]), 'E_DTYPE', /^remap: 'x' must be float32 or int32, got bool\.$/],
  ];

  it.each(calls().map(([name], k) => [name, k] as const))('%s', (_, k) => {
    const [, fn, code, message] = calls()[k];
    expectMixzooError(fn, code, message);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Box } from '@mixzoo/core';
import { pasteResized } from '@mixzoo/kernels';
import {
  describeOnBackends, expectClose, expectOutput, guardInputs, prng, randomBox, randomFloats, randomIndices, randomInts, refPasteResized, sizeOf,
} from './helpers.js';

const IMAGES: [number, number, number][] = [[7, 5, 3], [4, 9, 1], [1, 1, 3]];

function boxesFor(batch: number, height: number, width: number, next: () => number): (Box | null)[] {
  const special: (Box | null)[] = [
    { y0: 0, x0: 0, y1: height, x1: width }, // full image: the partner itself
    null,
    { y0: 1, x0: 1, y1: 1, x1: width }, // empty
    { y0: height - 1, x0: width - 1, y1: height, x1: width }, // 1×1 corner
  ];
  return Array.from({ length: batch }, (_, i) => (i < special.length ? special[i] : randomBox(height, width, next)))
    .map((b) => (b && (b.y1 > height || b.x0 > width) ? null : b));
}

describeOnBackends('pasteResized', () => {
  describe.each([0, 1, 2, 7])('B = %i', (batch) => {
    describe.each(IMAGES)('H=%i W=%i C=%i', (height, width, channels) => {
      const shape = [batch, height, width, channels];

      it('float32: bilinear (half-pixel centres) matches the reference', () => {
        const next = prng(batch * 1000 + height * 10 + width);
        const data = randomFloats(sizeOf(shape), next);
        const x = tf.tensor(data, shape);
        const partner = randomIndices(batch, batch, next);
        const boxes = boxesFor(batch, height, width, next);
        const guard = guardInputs(x);
        expectOutput(pasteResized(x, partner, boxes), shape, 'float32', refPasteResized(data, data, shape, partner, boxes, false));
        guard.unchanged();
        x.dispose();
      });

      it('float32 from a partner batch of another size', () => {
        const next = prng(batch * 31 + height);
        const otherShape = [3, height, width, channels];
        const [a, b] = [randomFloats(sizeOf(shape), next), randomFloats(sizeOf(otherShape), next)];
        const [x, xb] = [tf.tensor(a, shape), tf.tensor(b, otherShape)];
        const partner = randomIndices(batch, 3, next);
        const boxes = Array.from({ length: batch }, () => randomBox(height, width, next));
        const guard = guardInputs(x, xb);
        expectOutput(pasteResized(x, partner, boxes, xb), shape, 'float32', refPasteResized(a, b, shape, partner, boxes, false));
        guard.unchanged();
        tf.dispose([x, xb]);
      });

      it('int32: nearest neighbour, stays int32', () => {
        const next = prng(batch * 17 + width);
        const data = randomInts(sizeOf(shape), next);
        const x = tf.tensor(data, shape, 'int32');
        const partner = randomIndices(batch, batch, next);
        const boxes = boxesFor(batch, height, width, next);
        expectOutput(pasteResized(x, partner, boxes), shape, 'int32', refPasteResized(data, data, shape, partner, boxes, true), 0);
        x.dispose();
      });
    });
  });

  it('the pasted region equals tf.image.resizeBilinear(partner, [h, w], false, true)', () => {
    const [height, width, channels] = [11, 8, 3];
    const next = prng(5);
    const data = randomFloats(2 * height * width * channels, next);
    const x = tf.tensor4d(data, [2, height, width, channels]);
    for (const box of [{ y0: 2, x0: 1, y1: 7, x1: 8 }, { y0: 0, x0: 0, y1: 11, x1: 3 }, { y0: 3, x0: 2, y1: 4, x1: 7 }]) {
      const out = pasteResized(x, [1, 0], [box, null]);
      const [h, w] = [box.y1 - box.y0, box.x1 - box.x0];
      const region = tf.slice(out, [0, box.y0, box.x0, 0], [1, h, w, channels]);
      const partnerImage = tf.slice(x, [1, 0, 0, 0], [1, height, width, channels]);
      const viaTf = tf.image.resizeBilinear(partnerImage, [h, w], false, true);
      expectClose(region.dataSync(), viaTf.dataSync(), 1e-6);
      tf.dispose([out, region, partnerImage, viaTf]);
    }
    x.dispose();
  });

  it('the pasted int32 region equals tf.image.resizeNearestNeighbor(partner, [h, w], false, true)', () => {
    const [height, width] = [9, 6];
    const data = randomInts(2 * height * width, prng(6), 100);
    const x = tf.tensor4d(data, [2, height, width, 1], 'int32');
    const box = { y0: 1, x0: 2, y1: 5, x1: 6 };
    const out = pasteResized(x, [1, 0], [box, null]);
    const region = tf.slice(out, [0, 1, 2, 0], [1, 4, 4, 1]);
    const partnerImage = tf.slice(x, [1, 0, 0, 0], [1, height, width, 1]);
    const viaTf = tf.image.resizeNearestNeighbor(partnerImage, [4, 4], false, true);
    expect(Array.from(region.dataSync())).toEqual(Array.from(viaTf.dataSync()));
    tf.dispose([x, out, region, partnerImage, viaTf]);
  });
});

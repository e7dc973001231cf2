import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import type { Box } from '@mixzoo/core';
import { pasteBoxes, pastePatches, type Patch } from '@mixzoo/kernels';
import {
  describeOnBackends, expectOutput, guardInputs, prng, randomBox, randomFloats, randomIndices, randomInts, refPasteBoxes, refPastePatches, sizeOf,
} from './helpers.js';

const IMAGES: [number, number, number][] = [[5, 7, 3], [6, 3, 1], [1, 1, 3]];

/** Boxes covering the special cases first (full image, borders, empty, null), then random ones. */
function boxesFor(batch: number, height: number, width: number, next: () => number): (Box | null)[] {
  const special: (Box | null)[] = [
    { y0: 0, x0: 0, y1: height, x1: width },
    { y0: 0, x0: width - 1, y1: height, x1: width },
    { y0: 2, x0: 1, y1: 2, x1: width },
    null,
    { y0: height - 1, x0: 0, y1: height, x1: 1 },
  ];
  return Array.from({ length: batch }, (_, i) => (i < special.length ? special[i] : randomBox(height, width, next)))
    .map((b) => (b && (b.y1 > height || b.y0 > b.y1) ? { y0: 0, x0: 0, y1: height, x1: width } : b));
}

describeOnBackends('pasteBoxes and pastePatches', () => {
  describe.each([0, 1, 2, 7])('B = %i', (batch) => {
    describe.each(IMAGES)('H=%i W=%i C=%i', (height, width, channels) => {
      const shape = [batch, height, width, channels];

      it.each(['float32', 'int32'] as const)('pasteBoxes %s (borders, empty, full, null boxes) keeps dtype', (dtype) => {
        const next = prng(batch * 100 + height * 10 + width);
        const data = dtype === 'int32' ? randomInts(sizeOf(shape), next) : randomFloats(sizeOf(shape), next);
        const x = tf.tensor(data, shape, dtype);
        const partner = randomIndices(batch, batch, next);
        const boxes = boxesFor(batch, height, width, next);
        const guard = guardInputs(x);
        expectOutput(pasteBoxes(x, partner, boxes), shape, dtype, refPasteBoxes(data, data, shape, partner, boxes), 0);
        guard.unchanged();
        x.dispose();
      });

      it('pasteBoxes from a partner batch of another size', () => {
        const next = prng(batch * 7 + height);
        const otherShape = [2, height, width, channels];
        const a = randomFloats(sizeOf(shape), next);
        const b = randomFloats(sizeOf(otherShape), next);
        const [x, xb] = [tf.tensor(a, shape), tf.tensor(b, otherShape)];
        const partner = randomIndices(batch, 2, next);
        const boxes = Array.from({ length: batch }, () => randomBox(height, width, next));
        const guard = guardInputs(x, xb);
        expectOutput(pasteBoxes(x, partner, boxes, xb), shape, 'float32', refPasteBoxes(a, b, shape, partner, boxes), 0);
        guard.unchanged();
        tf.dispose([x, xb]);
      });

      it.each(['float32', 'int32'] as const)('pastePatches %s: several overlapping patches with from offsets', (dtype) => {
        const next = prng(batch * 31 + width);
        const otherShape = [3, height, width, channels];
        const gen = (n: number) => (dtype === 'int32' ? randomInts(n, next) : randomFloats(n, next));
        const [a, b] = [gen(sizeOf(shape)), gen(sizeOf(otherShape))];
        const [x, xb] = [tf.tensor(a, shape, dtype), tf.tensor(b, otherShape, dtype)];
        const patches: Patch[][] = Array.from({ length: batch }, (_, i) =>
          Array.from({ length: i % 4 }, () => {
            const box = randomBox(height, width, next);
            const [h, w] = [box.y1 - box.y0, box.x1 - box.x0];
            const from = { y: Math.floor(next() * (height - h + 1)), x: Math.floor(next() * (width - w + 1)) };
            return next() < 0.3 ? { source: Math.floor(next() * 3), box } : { source: Math.floor(next() * 3), box, from };
          }),
        );
        const guard = guardInputs(x, xb);
        expectOutput(pastePatches(x, patches, xb), shape, dtype, refPastePatches(a, b, shape, patches), 0);
        guard.unchanged();
        tf.dispose([x, xb]);
      });
    });
  });

  it('RICAP: four tiles from four sources, each cropped at its own offset', () => {
    const [batch, height, width, channels] = [4, 9, 7, 3];
    const shape = [batch, height, width, channels];
    const next = prng(4242);
    const data = randomFloats(sizeOf(shape), next);
    const x = tf.tensor(data, shape);
    const [cy, cx] = [4, 3]; // boundary point: tiles 4×3, 4×4, 5×3, 5×4
    const patches: Patch[][] = Array.from({ length: batch }, (_, i) => [
      { source: i, box: { y0: 0, x0: 0, y1: cy, x1: cx }, from: { y: 2, x: 1 } },
      { source: (i + 1) % 4, box: { y0: 0, x0: cx, y1: cy, x1: width }, from: { y: 5, x: 0 } },
      { source: (i + 2) % 4, box: { y0: cy, x0: 0, y1: height, x1: cx }, from: { y: 0, x: 4 } },
      { source: (i + 3) % 4, box: { y0: cy, x0: cx, y1: height, x1: width }, from: { y: 1, x: 2 } },
    ]);
    const guard = guardInputs(x);
    const out = pastePatches(x, patches);
    const expected = refPastePatches(data, data, shape, patches);
    // Every pixel is covered by a tile, so nothing of x_i's own layout survives unless it is a source.
    expectOutput(out, shape, 'float32', expected, 0);
    guard.unchanged();
    x.dispose();
  });

  it('later patches win where they overlap; sources are always the inputs', () => {
    const x = tf.tensor4d([0, 1, 2, 3, 10, 11, 12, 13], [2, 2, 2, 1]);
    const out = pastePatches(x, [
      [{ source: 1, box: { y0: 0, x0: 0, y1: 2, x1: 2 } }, { source: 0, box: { y0: 0, x0: 0, y1: 1, x1: 1 }, from: { y: 1, x: 1 } }],
      [],
    ]);
    expectOutput(out, [2, 2, 2, 1], 'float32', [3, 11, 12, 13, 10, 11, 12, 13], 0);
    x.dispose();
  });
});

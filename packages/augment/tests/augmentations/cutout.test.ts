import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '@mixzoo/core';
import { at, BACKENDS, build, createAugmenter, expectMixzooError, guardInputs, image } from '../helpers.js';

const inside = (b: Box, r: number, c: number) => r >= b.y0 && r < b.y1 && c >= b.x0 && c < b.x1;

describe.each(BACKENDS)('cutout on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each(['float32', 'int32'] as const)('%s: the holes of the plan hold the fill value, everything else is the input; targets untouched', (dtype) => {
    const shape = [6, 8, 10, 3];
    const { data, x } = image(shape, 81, dtype);
    const t = image([6, 8, 10, 1], 82, 'int32');
    const guard = guardInputs(x, t.x);
    const before = tf.memory().numTensors;
    const out = createAugmenter([{ name: 'cutout', options: { holes: 2, fill: 7 } }], { seed: 2 }).augment({ inputs: x, targets: { t: t.x } });
    const params = out.plans[0].params as { boxes: Box[] }[];
    const expected = build(shape, (i, r, c, ch) => (params[i].boxes.some((b) => inside(b, r, c)) ? 7 : at(data, shape, i, r, c, ch)));
    expect(out.inputs.dtype).toBe(dtype);
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(expected, Math.fround));
    expect(Array.from(out.targets!.t.dataSync())).toEqual(Array.from(t.data));
    tf.dispose([out.inputs, out.targets!.t]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, t.x]);
  });
});

describe('cutout draws and options', () => {
  it('squares of side round(size · min(H, W)) centred on uniform pixels, clipped at the borders', () => {
    const aug = createAugmenter([{ name: 'cutout', options: { size: 0.5 } }], { seed: 3 });
    const boxes = Array.from({ length: 200 }, () => aug.sample({ batchSize: 10, height: 12, width: 20, channels: 1 })[0].params).flat()
      .map((p) => (p as { boxes: Box[] }).boxes[0]);
    // L = 6: the unclipped top-left is the centre − 3; clipped boxes touch a border and are shorter.
    for (const b of boxes) {
      const full = b.y0 > 0 && b.y1 < 12 ? b.y1 - b.y0 === 6 : b.y1 - b.y0 <= 6 && b.y1 - b.y0 >= 3;
      expect(full).toBe(true);
      expect(b.x1 - b.x0 === 6 || b.x0 === 0 || b.x1 === 20).toBe(true);
    }
    const centresY = boxes.map((b) => (b.y0 === 0 ? b.y1 - 3 : b.y0 + 3));
    expect(new Set(centresY)).toEqual(new Set(Array.from({ length: 12 }, (_, k) => k)));
    const free = boxes.filter((b) => b.y0 > 0 && b.y1 < 12 && b.x0 > 0 && b.x1 < 20).length / boxes.length;
    // A box touches no border when 4 <= cy <= 8 and 4 <= cx <= 16: probability (5/12)(13/20).
    const p = (5 / 12) * (13 / 20);
    expect(Math.abs(free - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / boxes.length));
  });

  it('rejects bad options and replayed boxes outside the image', () => {
    expectMixzooError(() => createAugmenter([{ name: 'cutout', options: { size: 0 } }]), 'E_OPTION', "cutout: option 'size' must be > 0, got 0.");
    expectMixzooError(() => createAugmenter([{ name: 'cutout', options: { holes: 0 } }]), 'E_OPTION', "cutout: option 'holes' must be >= 1, got 0.");
    const x = tf.zeros([1, 4, 4, 1]);
    const aug = createAugmenter(['cutout']);
    expectMixzooError(() => aug.apply({ inputs: x }, [{ augmentation: 'cutout', height: 4, width: 4, params: [{ boxes: [{ y0: 0, x0: 0, y1: 5, x1: 2 }] }] }]),
      'E_PLAN', /^cutout: plan 'params\[0\]\.boxes\[0\]\.y1' is invalid \(.*\), got 5\.$/);
    expectMixzooError(() => aug.apply({ inputs: x }, [{ augmentation: 'cutout', height: 4, width: 4, params: [{ boxes: [{ y0: 3, x0: 0, y1: 2, x1: 2 }] }] }]),
      'E_PLAN', /^cutout: plan 'params\[0\]\.boxes\[0\]' is invalid \(y0 <= y1 and x0 <= x1\)/);
    x.dispose();
  });
});

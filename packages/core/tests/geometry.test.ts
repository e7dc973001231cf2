import { describe, expect, it } from 'vitest';
import { scaleBox, scaleMasks, scalePlanGeometry, type MixPlan } from '@mixzoo/core';

function boxMask(h: number, w: number, box: { y0: number; x0: number; y1: number; x1: number }): number[] {
  return Array.from({ length: h * w }, (_, i) => {
    const r = Math.floor(i / w);
    const c = i % w;
    return r >= box.y0 && r < box.y1 && c >= box.x0 && c < box.x1 ? 1 : 0;
  });
}

describe('geometry scaling (nearest)', () => {
  it('a scaled box covers exactly the pixels whose nearest source pixel is inside the box', () => {
    const sizes: [number, number, number, number][] = [[32, 32, 16, 16], [28, 28, 14, 7], [7, 5, 13, 11], [10, 10, 10, 10], [9, 6, 4, 3]];
    for (const [h, w, th, tw] of sizes) {
      for (let y0 = 0; y0 <= h; y0 += 2) {
        for (let x0 = 0; x0 <= w; x0 += 3) {
          const box = { y0, x0, y1: Math.min(h, y0 + 3), x1: Math.min(w, x0 + 4) };
          const viaMask = scaleMasks({ height: h, width: w, data: [boxMask(h, w, box)] }, th, tw).data[0];
          expect(boxMask(th, tw, scaleBox(box, h, w, th, tw))).toEqual(viaMask);
        }
      }
    }
  });

  it('scales a plan for a target of another size and leaves same-size plans alone', () => {
    const plan: MixPlan = { strategy: 'cutmix', partner: [0], lambda: [0.75], boxes: [{ y0: 0, x0: 0, y1: 16, x1: 16 }], height: 32, width: 32 };
    expect(scalePlanGeometry(plan, 32, 32)).toBe(plan);
    const half = scalePlanGeometry(plan, 16, 16);
    expect(half.boxes).toEqual([{ y0: 0, x0: 0, y1: 8, x1: 8 }]);
    expect(half).toMatchObject({ height: 16, width: 16 });
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderBoundaryPng } from '../../src/report/boundary.js';
import type { DecisionBoundary } from '../../src/metrics/decision-boundary.js';

/** Class 0 where x < 0.5 (confidence 1), class 1 to the right (confidence 0.5 = chance). */
function halves(resolution: number): DecisionBoundary {
  const cells = resolution * resolution;
  const argmax = new Int32Array(cells);
  const confidence = new Float32Array(cells);
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      argmax[r * resolution + c] = c < resolution / 2 ? 0 : 1;
      confidence[r * resolution + c] = c < resolution / 2 ? 1 : 0.5;
    }
  }
  return { grid: new Float32Array(cells * 2), argmax, confidence, numClasses: 2, resolution, xRange: [0, 1], yRange: [0, 1] };
}

describe('renderBoundaryPng', () => {
  it('colours each class by confidence, draws the boundary dark, and the points on top (y up)', async () => {
    const split = { x: new Float32Array([0.25, 0.9]), y: new Int32Array([1]), count: 1 };
    const png = await renderBoundaryPng(halves(10), split, { size: 100 });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([100, 100, 3]);
    const at = (x: number, y: number) => Array.from(data.subarray((y * 100 + x) * 3, (y * 100 + x) * 3 + 3));
    // Left: class 0 (blue) at full confidence: strong tint; right: class 1 (orange) at chance: pale.
    const [r, , b] = at(10, 80);
    expect(b).toBeGreaterThan(r + 60);
    const pale = at(90, 80);
    expect(Math.min(...pale)).toBeGreaterThan(200);
    expect(pale[0]).toBeGreaterThan(pale[2]);
    expect(at(49, 50)).toEqual([40, 40, 40]); // the last column of class 0 borders class 1
    // The point (0.25, 0.9) of class 1 is drawn near the top (y up), in orange over the blue.
    const [pr, , pb] = at(25, 10);
    expect(pr).toBeGreaterThan(pb);
  });
});

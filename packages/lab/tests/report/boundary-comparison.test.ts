import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo } from 'mixzoo';
import { BOUNDARY_STRATEGIES, boundaryComparison, writeBoundaryComparison } from '../../src/report/boundary-comparison.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-boundaries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the decision-boundary example', () => {
  it('compares none, input mixup and manifold mixup by default', () => {
    expect(BOUNDARY_STRATEGIES.map((s) => s.name)).toEqual(['none', 'mixup', 'manifold-mixup']);
  });

  it('tiles one panel per dataset × strategy with the trained MLP boundary, and leaks nothing', async () => {
    const zoo = await createZoo({ backend: 'wasm', seed: 0 });
    const before = tf.memory().numTensors;
    const options = { datasets: ['moons', 'spirals'] as const, epochs: 2, trainSize: 200, testSize: 60, size: 64 };
    const { png, panels } = await boundaryComparison(zoo, options);
    expect(tf.memory().numTensors).toBe(before);
    expect(panels.map((p) => `${p.dataset}/${p.strategy}`)).toEqual(['moons/none', 'moons/mixup', 'moons/manifold-mixup', 'spirals/none', 'spirals/mixup', 'spirals/manifold-mixup']);
    panels.forEach((p) => expect(p.accuracy).toBeGreaterThan(0));
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([6 + 3 * (64 + 6), 6 + 2 * (64 + 34 + 6)]);
    // the first panel is painted (class colours), not the white background
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(at(6 + 32, 6 + 34 + 32)).not.toEqual([255, 255, 255]);
    const file = join(tmp, 'b.png');
    await writeBoundaryComparison(zoo, file, { ...options, datasets: ['moons'], strategies: BOUNDARY_STRATEGIES.slice(0, 1), epochs: 1 });
    expect((await sharp(readFileSync(file)).metadata()).width).toBe(6 + 64 + 6);
  });
});

import { createZoo, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { parseShape } from '../../src/cli/bench-shape.js';
import { benchStrategies, benchText } from '../../src/cli/bench.js';
import { mixzoo } from '../helpers/cli.js';

describe('mixzoo bench', () => {
  it('times sampling and applying for each asked strategy, leaving no tensor behind', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const before = tf.memory().numTensors;
    const request = { strategies: ['mixup', 'cutmix', 'choice'], shape: [8, 12, 10, 3], reps: 2 };
    const rows = benchStrategies(zoo, request);
    expect(rows.map((r) => r.strategy)).toEqual(['mixup', 'cutmix', 'choice']);
    for (const r of rows) {
      // Medians of real timings: finite, and applying (tensor work) takes time, sampling a plan cannot take less than none.
      expect(Number.isFinite(r.sampleMs) && r.sampleMs >= 0).toBe(true);
      expect(Number.isFinite(r.applyMs) && r.applyMs > 0).toBe(true);
      expect(r.imagesPerSecond).toBeCloseTo((1000 * 8) / (r.sampleMs + r.applyMs), 6);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(benchText(rows, request, 'cpu')).toContain('[8, 12, 10, 3] float32 on cpu');
    expect(benchText(rows, request, 'cpu')).toContain('Kernels on cpu: fused maskBlend, mixLerp, mixLerpK, pasteBoxes, pastePatches, pasteResized, remap; composed of tfjs ops none.');
  });

  it('by default skips the strategies that need two datasets or a model', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const names = benchStrategies(zoo, { shape: [2, 4, 4, 1], reps: 1 }).map((r) => r.strategy);
    expect(names).toContain('fmix');
    expect(names).not.toContain('cross-dataset');
    expect(names).not.toContain('manifold-mixup');
    for (const modelAware of ['snapmix', 'attentivemix', 'puzzlemix', 'transmix']) expect(names).not.toContain(modelAware);
  });

  it('explains bad shapes and unknown strategies', async () => {
    for (const bad of ['256,32,32', '0,4,4,3', 'a,b,c,d', '2,4.5,4,3']) expect(() => parseShape(bad), bad).toThrow('--shape: expected an NHWC batch shape');
    expect(parseShape('64,64,64,256')).toEqual([64, 64, 64, 256]); // 2^26 values: the bound itself
    expect(() => parseShape('100000,1000,1000,3')).toThrow('--shape: 100000×1000×1000×3 = 300,000,000,000 values, more than the 67,108,864 a bench batch may hold');
    const zoo = await createZoo({ backend: 'cpu' });
    expect(() => benchStrategies(zoo, { strategies: ['mixpu'], shape: [2, 4, 4, 1], reps: 1 })).toThrow("Did you mean 'mixup'?");
  });

  it('runs from the command line, as JSON, and exits 2 on bad usage', async () => {
    const ok = await mixzoo(['--backend', 'cpu', 'bench', '--strategies', 'mixup', '--shape', '4,8,8,1', '--reps', '1', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject([{ strategy: 'mixup' }]);
    const [bad, huge] = await Promise.all([mixzoo(['bench', '--shape', '4,8']), mixzoo(['bench', '--shape', '100000,1000,1000,3'])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shape');
    expect(huge.code).toBe(2);
    expect(huge.stderr.trim()).toMatch(/^error: --shape: 100000×1000×1000×3 = 300,000,000,000 values, more than/);
  });
});

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
      expect(r.sampleMs).toBeGreaterThanOrEqual(0);
      expect(r.applyMs).toBeGreaterThan(0);
      expect(r.imagesPerSecond).toBeCloseTo((1000 * 8) / (r.sampleMs + r.applyMs), 6);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(benchText(rows, request, 'cpu')).toContain('[8, 12, 10, 3] float32 on cpu');
  });

  it('by default skips the strategies that need two datasets or a model', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const names = benchStrategies(zoo, { shape: [2, 4, 4, 1], reps: 1 }).map((r) => r.strategy);
    expect(names).toContain('fmix');
    expect(names).not.toContain('cross-dataset');
    expect(names).not.toContain('manifold-mixup');
  });

  it('explains bad shapes and unknown strategies', async () => {
    for (const bad of ['256,32,32', '0,4,4,3', 'a,b,c,d', '2,4.5,4,3']) expect(() => parseShape(bad), bad).toThrow('--shape: expected an NHWC batch shape');
    const zoo = await createZoo({ backend: 'cpu' });
    expect(() => benchStrategies(zoo, { strategies: ['mixpu'], shape: [2, 4, 4, 1], reps: 1 })).toThrow("Did you mean 'mixup'?");
  });

  it('runs from the command line, as JSON, and exits 2 on bad usage', async () => {
    const ok = await mixzoo(['--backend', 'cpu', 'bench', '--strategies', 'mixup', '--shape', '4,8,8,1', '--reps', '1', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject([{ strategy: 'mixup' }]);
    const bad = await mixzoo(['bench', '--shape', '4,8']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shape');
  });
});

import { describe, expect, it } from 'vitest';
import { loadDataset, type Split } from '@mixzoo/lab';

function classMean(split: Split, label: number): [number, number] {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let i = 0; i < split.count; i++) {
    if (split.y[i] !== label) continue;
    sx += split.x[2 * i];
    sy += split.x[2 * i + 1];
    n++;
  }
  return [sx / n, sy / n];
}

describe('synthetic 2-D sets', () => {
  it('moons: two balanced classes in [0, 1]², the upper moon left and above the lower one', async () => {
    const d = await loadDataset('moons', { seed: 0 });
    expect(d).toMatchObject({ name: 'moons', inputShape: [2], classNames: ['upper', 'lower'] });
    expect([d.train.count, d.test.count]).toEqual([1000, 500]);
    expect(d.train.x.every((v) => v > 0 && v < 1)).toBe(true);
    expect(d.train.y.filter((y) => y === 0)).toHaveLength(500);
    // own units: upper moon mean (0, 2/π), lower (1, 0.5 − 2/π); scaled by 1/4 after shifting by (1.5, 1.75)
    const [ux, uy] = classMean(d.train, 0);
    const [lx, ly] = classMean(d.train, 1);
    expect(ux).toBeCloseTo(1.5 / 4, 1);
    expect(uy).toBeCloseTo((2 / Math.PI + 1.75) / 4, 1);
    expect(lx).toBeCloseTo(2.5 / 4, 1);
    expect(ly).toBeCloseTo((0.5 - 2 / Math.PI + 1.75) / 4, 1);
  });

  it('moons: points lie on their half circles up to the noise', async () => {
    const d = await loadDataset('moons', { seed: 0, noise: 0, trainSize: 100 });
    for (let i = 0; i < 100; i++) {
      const x = d.train.x[2 * i] * 4 - 1.5;
      const y = d.train.x[2 * i + 1] * 4 - 1.75;
      const [cx, cy] = d.train.y[i] === 0 ? [0, 0] : [1, 0.5];
      expect(Math.hypot(x - cx, y - cy)).toBeCloseTo(1, 5);
      expect(d.train.y[i] === 0 ? y >= -1e-6 : y <= 0.5 + 1e-6).toBe(true);
    }
  });

  it('spirals: three arms, radius growing with the angle, in [0, 1]²', async () => {
    const d = await loadDataset('spirals', { seed: 0, noise: 0, trainSize: 300, testSize: 30 });
    expect(d.classNames).toHaveLength(3);
    expect(d.train.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    for (let i = 0; i < 300; i++) {
      const x = d.train.x[2 * i] * 2.5 - 1.25;
      const y = d.train.x[2 * i + 1] * 2.5 - 1.25;
      const r = Math.hypot(x, y);
      const expected = (d.train.y[i] * 2 * Math.PI) / 3 + 3 * Math.PI * r;
      const diff = Math.atan2(y, x) - expected;
      expect(Math.abs(Math.atan2(Math.sin(diff), Math.cos(diff)))).toBeLessThan(1e-4);
    }
  });

  it('is deterministic for a seed; train and test differ; other seeds differ', async () => {
    const a = await loadDataset('spirals', { seed: 7, trainSize: 50, testSize: 50 });
    const b = await loadDataset('spirals', { seed: 7, trainSize: 50, testSize: 50 });
    const c = await loadDataset('spirals', { seed: 8, trainSize: 50, testSize: 50 });
    expect(a.train.x).toEqual(b.train.x);
    expect(a.train.x).not.toEqual(a.test.x);
    expect(a.train.x).not.toEqual(c.train.x);
  });

  it('refuses bad noise and sizes', async () => {
    await expect(loadDataset('moons', { seed: 0, noise: -1 })).rejects.toThrow(/'noise' must be in \[0, 1\]/);
    await expect(loadDataset('moons', { seed: 0, trainSize: 0 })).rejects.toMatchObject({ code: 'E_DATASET' });
  });
});

describe('loadDataset', () => {
  it('names the known specs for an unknown one', async () => {
    await expect(loadDataset('imagenet', { seed: 0 })).rejects.toThrow(
      "loadDataset: unknown dataset 'imagenet'; expected one of mnist, fashion-mnist, idx:<dir>, folder:<dir>, cifar10:<dir>, cifar100:<dir>[:coarse|fine], index:<file.csv|json>, moons, spirals.",
    );
    await expect(loadDataset('idx:', { seed: 0 })).rejects.toMatchObject({ code: 'E_DATASET' });
  });
});

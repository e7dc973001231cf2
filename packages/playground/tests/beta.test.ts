import { describe, expect, it } from 'vitest';
import { betaDensity } from '../src/beta.js';

describe('betaDensity', () => {
  it('matches closed forms', () => {
    expect(betaDensity(0.3, 1, 1)).toBeCloseTo(1, 12);
    expect(betaDensity(0.5, 2, 2)).toBeCloseTo(1.5, 12); // 6x(1-x)
    expect(betaDensity(0.5, 0.5, 0.5)).toBeCloseTo(2 / Math.PI, 12); // 1/(π√(x(1-x)))
    expect(betaDensity(0.25, 3, 1)).toBeCloseTo(3 * 0.25 ** 2, 12); // 3x²
  });

  it('integrates to 1 (midpoint rule), also for a large concentration', () => {
    for (const [a, b] of [[0.8, 0.8], [2, 5], [50, 50]]) {
      const n = 20_000;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += betaDensity((i + 0.5) / n, a, b) / n;
      expect(sum, `Beta(${a}, ${b})`).toBeCloseTo(1, 3);
    }
  });
});

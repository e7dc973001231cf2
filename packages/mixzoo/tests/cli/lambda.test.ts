import { describe, expect, it } from 'vitest';
import { createRng } from 'mixzoo';
import { histogram, lambdaStats, lambdaText } from '../../src/cli/lambda.js';
import { mixzoo } from '../helpers/cli.js';

describe('lambdaStats', () => {
  it('matches the Beta(1, 1) moments for a fixed seed', () => {
    const s = lambdaStats({ alpha: 1, n: 20_000, seed: 0 });
    expect(s.beta).toBe(1);
    expect(s.theoryMean).toBe(0.5);
    expect(s.theoryVariance).toBeCloseTo(1 / 12, 12);
    // 5 standard errors: 0.010 for the mean, 0.0026 for the variance.
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(s.variance - 1 / 12)).toBeLessThan(0.003);
  });

  it('uses beta as the second shape parameter (asymmetric Beta(2, 5))', () => {
    const s = lambdaStats({ alpha: 2, beta: 5, n: 20_000, seed: 3 });
    expect(s.theoryMean).toBeCloseTo(2 / 7, 12);
    expect(s.theoryVariance).toBeCloseTo(10 / (49 * 8), 12);
    expect(Math.abs(s.mean - 2 / 7)).toBeLessThan(0.006);
    expect(Math.abs(s.variance - 10 / 392)).toBeLessThan(0.0015);
  });

  it("draws from the seed's 'lambda' stream, deterministically", () => {
    const stream = createRng(5).stream('lambda');
    const expected = Array.from({ length: 6 }, () => stream.beta(0.4, 0.4));
    expect(lambdaStats({ alpha: 0.4, n: 6, seed: 5 }).draws).toEqual(expected);
    expect(lambdaStats({ alpha: 0.4, n: 6, seed: 5 }).draws).toEqual(lambdaStats({ alpha: 0.4, n: 6, seed: 5 }).draws);
    expect(lambdaStats({ alpha: 0.4, n: 6, seed: 6 }).draws).not.toEqual(expected);
  });

  it('accepts seed 0 and string seeds', () => {
    const zero = lambdaStats({ alpha: 1, n: 5, seed: 0 }).draws;
    expect(zero.every((v) => v > 0 && v < 1)).toBe(true);
    expect(lambdaStats({ alpha: 1, n: 5, seed: '0' }).draws).toEqual(zero);
    expect(lambdaStats({ alpha: 1, n: 5, seed: 'abc' }).draws).not.toEqual(zero);
  });
});

describe('histogram and text', () => {
  it('counts 20 bins of [0, 1], with 1 in the last one', () => {
    const counts = histogram([0, 0.049, 0.05, 0.5, 0.999, 1]);
    expect(counts).toHaveLength(20);
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBe(1);
    expect(counts[10]).toBe(1);
    expect(counts[19]).toBe(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('prints 20 bin lines, then mean and variance against theory', () => {
    const text = lambdaText(lambdaStats({ alpha: 2, beta: 5, n: 1000, seed: 1 }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('λ ~ Beta(2, 5), n = 1000, seed 1');
    const bins = lines.filter((l) => l.startsWith('['));
    expect(bins).toHaveLength(20);
    expect(bins[0].startsWith('[0.00, 0.05)')).toBe(true);
    expect(bins[19].startsWith('[0.95, 1.00]')).toBe(true);
    expect(text).toMatch(/mean {6}0\.\d{4} {3}\(theory 0\.2857\)/);
    expect(text).toMatch(/variance {2}0\.\d{4} {3}\(theory 0\.0255\)/);
  });
});

describe('mixzoo lambda (built CLI)', () => {
  it('--json reports draws whose moments match theory, for seed 0', async () => {
    const run = await mixzoo(['lambda', '--alpha', '1', '--n', '10000', '--seed', '0', '--json']);
    expect(run.code).toBe(0);
    const s = JSON.parse(run.stdout) as { draws: number[]; mean: number; variance: number };
    expect(s).toMatchObject({ alpha: 1, beta: 1, n: 10000, seed: 0, theoryMean: 0.5 });
    expect(s.draws).toHaveLength(10000);
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(s.variance - 1 / 12)).toBeLessThan(0.004);
    expect(s.draws).toEqual(lambdaStats({ alpha: 1, n: 10000, seed: 0 }).draws);
  });

  it('is deterministic per seed (global --seed before or after the command)', async () => {
    const [a, b, c] = await Promise.all([
      mixzoo(['lambda', '--alpha', '0.2', '--n', '50', '--seed', '7', '--json']),
      mixzoo(['--seed', '7', 'lambda', '--alpha', '0.2', '--n', '50', '--json']),
      mixzoo(['lambda', '--alpha', '0.2', '--n', '50', '--seed', '8', '--json']),
    ]);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { draws: number[] }).draws).not.toEqual((JSON.parse(c.stdout) as { draws: number[] }).draws);
  });

  it('prints the histogram as text by default', async () => {
    const run = await mixzoo(['lambda', '--alpha', '1', '--n', '2000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('λ ~ Beta(1, 1), n = 2000, seed 0');
    expect(run.stdout.split('\n').filter((l) => l.startsWith('['))).toHaveLength(20);
    expect(run.stdout).toContain('(theory 0.5000)');
  });
});

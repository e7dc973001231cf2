import { describe, expect, it } from 'vitest';
import { replicationVerdict } from '../../src/study/verdict.js';

describe('replicationVerdict', () => {
  it.each([
    ['greater', 2.1, 0.01, 'agrees', 'higher, as in the paper, significantly (p = 0.010 ≤ 0.05)'],
    ['less', -0.4, 0.0004, 'agrees', 'lower, as in the paper, significantly (p < 0.001 ≤ 0.05)'],
    ['greater', 0.3, 0.2, 'partly', 'higher, as in the paper, but not significantly (p = 0.200)'],
    ['less', -0.3, 0.051, 'partly', 'lower, as in the paper, but not significantly (p = 0.051)'],
    ['greater', -1.2, 0.003, 'disagrees', 'lower, against the paper, significantly (p = 0.003 ≤ 0.05)'],
    ['less', 0.8, 0.4, 'disagrees', 'higher, against the paper, though not significantly (p = 0.400)'],
    ['greater', 0, 1, 'disagrees', 'no difference; the paper finds it higher'],
    ['greater', 0.5, NaN, 'partly', 'higher, as in the paper, but not significantly (no test: fewer than 2 seeds)'],
  ] as const)('paper %s, ours %s with p %s → %s', (claim, difference, p, verdict, reason) => {
    expect(replicationVerdict(claim, { difference, p })).toEqual({ verdict, reason });
  });

  it('p exactly at α is significant; alpha can be changed', () => {
    expect(replicationVerdict('greater', { difference: 1, p: 0.05 }).verdict).toBe('agrees');
    expect(replicationVerdict('greater', { difference: 1, p: 0.03 }, 0.01).verdict).toBe('partly');
  });

  it('refuses a bad claim, difference or alpha with E_OPTION', () => {
    expect(() => replicationVerdict('up' as 'greater', { difference: 1, p: 0.1 })).toThrow(/claim must be 'greater' or 'less'/);
    expect(() => replicationVerdict('greater', { difference: NaN, p: 0.1 })).toThrow(/difference must be a finite number/);
    expect(() => replicationVerdict('greater', { difference: 1, p: 0.1 }, 1)).toThrow(/alpha must be in \(0, 1\)/);
  });
});

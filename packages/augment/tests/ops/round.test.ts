import { describe, expect, it } from 'vitest';
import { roundHalfEven } from '../../src/ops/round.js';

describe('roundHalfEven (Python round, torch.round)', () => {
  it('sends halves to the even neighbour, both signs; other values to the nearest integer', () => {
    expect([0.5, 1.5, 2.5, 3.5, 4.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, 4]);
    expect([-0.5, -1.5, -2.5, -3.5].map((v) => roundHalfEven(v) + 0)).toEqual([0, -2, -2, -4]);
    expect([2.49, 2.51, -2.51, 7].map(roundHalfEven)).toEqual([2, 3, -3, 7]);
  });
});

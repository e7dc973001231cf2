import { describe, expect, it } from 'vitest';
import { createRng } from '@mixzoo/core';
import { epochBatches, epochOrder } from '@mixzoo/lab';

describe('epochOrder', () => {
  it('is a permutation of 0..n-1 drawn from the seed’s order stream, one per epoch', () => {
    const order = epochOrder(4, 2, 50);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(order).toEqual(createRng(4).stream('order').stream('epoch:2').permutation(50));
    expect(epochOrder(4, 2, 50)).toEqual(order);
    expect(epochOrder(4, 3, 50)).not.toEqual(order);
    expect(epochOrder(5, 2, 50)).not.toEqual(order);
  });

  it('does not depend on the strategy or anything else drawn with the seed', () => {
    const rng = createRng(4);
    rng.stream('strategy:mixup').uniform();
    rng.stream('weights').uniform();
    expect(epochOrder(4, 0, 20)).toEqual(createRng(4).stream('order').stream('epoch:0').permutation(20));
  });

  it('refuses a bad epoch', () => {
    expect(() => epochOrder(0, -1, 3)).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
});

describe('epochBatches', () => {
  it('slices the order; drops a last batch of one sample only', () => {
    expect(epochBatches([5, 3, 1, 0, 2, 4, 6], 3)).toEqual([[5, 3, 1], [0, 2, 4]]);
    expect(epochBatches([5, 3, 1, 0, 2, 4], 4)).toEqual([[5, 3, 1, 0], [2, 4]]);
  });
});

import { describe, expect, it } from 'vitest';
import { kthLargest, rankRange, topMask } from '../../src/fft/mask-rank.js';

/** Reference ranking: indices by value descending, ties by index. */
function argsortDescending(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
}

/** Deterministic values with many ties (integers 0..9) or none. */
const withTies = Float64Array.from({ length: 97 }, (_, k) => (k * 37) % 10);
const distinct = Float64Array.from({ length: 101 }, (_, k) => Math.sin(k * 12.9898) * 43758.5453 % 1);

describe('mask ranking', () => {
  it.each([['ties', withTies], ['distinct', distinct]] as const)('kthLargest agrees with a sort (%s)', (_, values) => {
    const sorted = Array.from(values).sort((a, b) => b - a);
    for (let k = 0; k < values.length; k++) expect(kthLargest(values, k)).toBe(sorted[k]);
    expect(() => kthLargest(values, values.length)).toThrow(RangeError);
  });

  it.each([['ties', withTies], ['distinct', distinct]] as const)('topMask marks exactly the k first ranks (%s)', (_, values) => {
    const order = argsortDescending(values);
    for (const k of [0, 1, 5, 13, 50, values.length - 1, values.length]) {
      const out = topMask(values, k);
      const want = new Array<number>(values.length).fill(0);
      for (const i of order.slice(0, k)) want[i] = 1;
      expect(out).toEqual(want);
    }
  });

  it.each([['ties', withTies], ['distinct', distinct]] as const)('rankRange lists ranks [from, to) in order (%s)', (_, values) => {
    const order = argsortDescending(values);
    for (const [from, to] of [[0, 0], [0, 10], [7, 30], [40, values.length], [3, 4]]) {
      expect(Array.from(rankRange(values, from, to))).toEqual(order.slice(from, to));
    }
  });

  it('leaves the values untouched', () => {
    const values = distinct.slice();
    kthLargest(values, 50);
    rankRange(values, 10, 60);
    topMask(values, 30);
    expect(values).toEqual(distinct);
  });
});

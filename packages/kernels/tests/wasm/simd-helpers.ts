import { expect } from 'vitest';

/**
 * SIMD results against the JS loops: identical bits where `exact(e)` (copies, selects), else
 * within float32 rounding. The SIMD kernels round every product and sum to float32, the JS loops
 * compute in float64 and round once: a few ulps apart, 2^-21 relative to the values' scale.
 */
export function expectSimdClose(actual: ArrayLike<number>, expected: ArrayLike<number>, exact: (e: number) => boolean): void {
  expect(actual.length).toBe(expected.length);
  for (let e = 0; e < expected.length; e++) {
    const [a, x] = [actual[e], expected[e]];
    const ok = exact(e) ? Object.is(a, x) : Math.abs(a - x) <= 2 ** -21 * Math.max(1, Math.abs(x));
    if (!ok) expect.fail(`element ${e}: got ${a}, expected ${x}${exact(e) ? ' exactly' : ''}`);
  }
}

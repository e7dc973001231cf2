// The seeded PRNG of the tests and the benches (plain JS so the benches can import it): test and
// bench data never come from Math.random.

/** mulberry32: tiny, fast, good enough for test and bench data. Returns draws in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

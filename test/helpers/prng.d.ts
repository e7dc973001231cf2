/** mulberry32: tiny, fast, good enough for test and bench data. Returns draws in [0, 1). */
export function prng(seed: number): () => number;

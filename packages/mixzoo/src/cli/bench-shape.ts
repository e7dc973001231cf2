import { usageError } from './usage-error.js';

// Free of tfjs so that a bad --shape is refused before anything loads or is allocated.

/** Values in one bench batch: 2^26 float32 is 256 MiB, held once as input and once per output. */
export const MAX_BENCH_ELEMENTS = 2 ** 26;

/** `--shape 256,32,32,3`: a positive NHWC batch shape of at most MAX_BENCH_ELEMENTS values. */
export function parseShape(text: string): number[] {
  const shape = text.split(',').map((s) => Number(s.trim()));
  if (shape.length !== 4 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw usageError(`--shape: expected an NHWC batch shape such as '256,32,32,3', got '${text}'.`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > MAX_BENCH_ELEMENTS) {
    throw usageError(`--shape: ${shape.join('×')} = ${size.toLocaleString('en-US')} values, more than the ${MAX_BENCH_ELEMENTS.toLocaleString('en-US')} a bench batch may hold; use a smaller batch.`);
  }
  return shape;
}

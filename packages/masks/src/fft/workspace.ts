/**
 * A reusable Float64Array for synchronous code that needs large temporaries: grown on demand and
 * never shrunk, since fresh memory costs far more than the arithmetic on it. Each user creates
 * its own, so nested callers never share one.
 */
export function createWorkspace(): (length: number) => Float64Array {
  let buffer = new Float64Array(0);
  return (length) => {
    if (buffer.length < length) buffer = new Float64Array(length);
    return buffer.subarray(0, length);
  };
}

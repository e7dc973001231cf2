import type { RunResult } from '../../../src/types.js';

/** A run record without what legitimately differs between two trainings of the same run: timings and provenance. */
export function withoutTimings(run: RunResult): unknown {
  const { provenance: _provenance, secondsPerEpoch: _seconds, epochs, ...rest } = run;
  return { ...rest, epochs: epochs.map(({ seconds: _s, ...epoch }) => epoch) };
}

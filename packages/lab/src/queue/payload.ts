import { createHash } from 'node:crypto';
import type { RunJob, RunOutcome } from '../study/workers/job.js';
import type { EpochRecord, RunResult } from '../types.js';

/**
 * The queue's job id of a run: its run id, then a digest of everything that determines the run,
 * so that adding a run twice (a re-attached coordinator) finds the same job, and two studies that
 * share a Redis and a run id ('mixup@seed1') do not share a job. Colons are reserved by BullMQ.
 */
export function jobIdOf(job: RunJob): string {
  const digest = createHash('sha256').update(JSON.stringify(job)).digest('hex').slice(0, 16);
  return `${encodeURIComponent(job.id)}.${digest}`;
}

/** A job's progress as the worker reports it: batches done and the epochs finished so far. */
export interface QueueProgress {
  done: number;
  total: number;
  epochs: EpochRecord[];
}

/** A job's return value: the run record and its decision-boundary PNG as base64 (JSON through Redis). */
export interface QueueReturn {
  run: RunResult;
  boundaryPng?: string;
}

export const toReturn = (outcome: RunOutcome): QueueReturn => ({
  run: outcome.run,
  ...(outcome.boundaryPng ? { boundaryPng: Buffer.from(outcome.boundaryPng).toString('base64') } : {}),
});

/** A job's return value as Redis gives it back, not trusted: runStudy checks the run it holds (an absent one too). */
export const fromReturn = (value: unknown): RunOutcome => {
  const given = value as Partial<QueueReturn> | null | undefined;
  return {
    run: given?.run as RunResult,
    ...(given?.boundaryPng ? { boundaryPng: Buffer.from(given.boundaryPng, 'base64') } : {}),
  };
};

import type { Zoo } from '@mixzoo/core';
import { DatasetCache, executeRunJob, type RunHooks } from './execute.js';
import type { RunJob, RunOutcome } from './job.js';

/** Where a study's runs train: this process, local worker processes, or a queue. */
export interface RunExecutor {
  /** Runs it trains at once: the study keeps that many in flight. */
  readonly capacity: number;
  /** Trains one run; rejects with its error (the study goes on with the other runs). */
  run(job: RunJob, hooks: RunHooks): Promise<RunOutcome>;
  /** Frees its processes and connections; runs still in flight reject. */
  close(): Promise<void>;
}

/** The sequential path: one run at a time in this process, with the caller's zoo. */
export function inProcessExecutor(zoo: Zoo, datasets: DatasetCache): RunExecutor {
  return {
    capacity: 1,
    run: (job, hooks) => executeRunJob(job, zoo, datasets, hooks),
    close: async () => {},
  };
}

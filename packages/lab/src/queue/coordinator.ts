import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { MixzooError } from '@mixzoo/core';
import type { RunHooks } from '../study/workers/execute.js';
import type { RunExecutor } from '../study/workers/executor.js';
import type { RunJob, RunOutcome } from '../study/workers/job.js';
import { checkReachable, parseQueueUrl, QUEUE_NAME } from './connection.js';
import { fromReturn, jobIdOf, type QueueProgress } from './payload.js';

/** How often the coordinator looks at its jobs. */
const POLL_MS = 300;
/** Finished jobs stay in Redis this long, so that a coordinator stopped meanwhile collects them when it re-attaches. */
const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * A study's runs on a BullMQ queue: each run is a job whose id is its run id (jobIdOf), trained by
 * whichever `mixzoo worker` takes it; the coordinator waits for each job's record. Adding a job
 * that exists is a no-op, so a coordinator started again finds the runs queued, running or
 * finished by the workers meanwhile; a job that failed before is queued again (a retry), and so is
 * a finished one when the study does not resume.
 */
export class QueueExecutor implements RunExecutor {
  readonly capacity = Number.POSITIVE_INFINITY;
  private closed = false;

  private constructor(
    private readonly queue: Queue,
    private readonly reuseFinished: boolean,
  ) {}

  /** `reuseFinished` false (a study with resume: false): runs the queue finished earlier are trained again. */
  static async open(url: string, reuseFinished = true): Promise<QueueExecutor> {
    const connection = parseQueueUrl(url);
    await checkReachable(connection);
    const queue = new Queue(QUEUE_NAME, { connection: { ...connection.options, maxRetriesPerRequest: null } });
    queue.on('error', () => {}); // ioredis reconnects by itself; a lost connection shows as runs that wait
    await queue.waitUntilReady();
    return new QueueExecutor(queue, reuseFinished);
  }

  async run(run: RunJob, hooks: RunHooks): Promise<RunOutcome> {
    const jobId = jobIdOf(run);
    const old = await this.queue.getJob(jobId);
    const state = await old?.getState();
    if (old && (state === 'failed' || (state === 'completed' && !this.reuseFinished))) await old.remove();
    await this.queue.add(run.id, run, { jobId, attempts: 1, removeOnComplete: { age: KEEP_SECONDS }, removeOnFail: { age: KEEP_SECONDS } });
    let batches = 0;
    let epochs = 0;
    while (!this.closed) {
      const job = await this.queue.getJob(jobId);
      if (!job) throw new MixzooError('E_QUEUE', `run '${run.id}': its job ${jobId} disappeared from the queue (removed by hand?); run the study again to queue it again.`);
      const progress = job.progress as Partial<QueueProgress> | undefined;
      if (progress && typeof progress === 'object') {
        for (const record of (progress.epochs ?? []).slice(epochs)) hooks.onEpoch?.(record);
        epochs = Math.max(epochs, progress.epochs?.length ?? 0);
        const done = progress.done ?? 0;
        if (done > batches && progress.total) hooks.onBatch?.((batches = done), progress.total);
      }
      if (job.finishedOn) {
        if (job.failedReason) throw new MixzooError('E_RUN', `run '${run.id}' failed on its worker: ${job.failedReason}`);
        return fromReturn(job.returnvalue);
      }
      await sleep(POLL_MS);
    }
    throw new MixzooError('E_RUN', `run '${run.id}': the study stopped waiting for it (it stays queued).`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.close();
  }
}

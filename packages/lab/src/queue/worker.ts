import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { MixzooError } from '@mixzoo/core';
import { parseRunJob } from '../study/workers/job.js';
import { LocalWorkers } from '../study/workers/pool.js';
import { ZOO_MODULE } from '../study/workers/zoo.js';
import { checkReachable, parseQueueUrl, QUEUE_NAME } from './connection.js';
import { toReturn, type QueueProgress, type QueueReturn } from './payload.js';

export interface QueueWorkerOptions {
  /** The study's Redis: `redis://[:password@]host:port[/db]` or `rediss://...`. */
  url: string;
  /** Runs trained at once, each in its own process (default 1; one per core is the most that helps). */
  concurrency?: number;
  /** Plugin modules this worker may load when a study names them; a run needing any other fails (E_PLUGIN). */
  allowPlugins?: readonly string[];
  /**
   * Seconds without a sign of life after which a worker's run counts as stalled and another worker
   * trains it (default 30): a worker killed mid-run loses its run to the others after that long.
   */
  stallSeconds?: number;
  /** One line per event (run taken, finished, failed). */
  log?(line: string): void;
  /** The package worker processes build their zoo with (default 'mixzoo'). */
  zooModule?: string;
}

export interface QueueWorker {
  /** Stops taking runs; runs in training are given up (another worker takes them once they stall). */
  close(): Promise<void>;
}

/** Batch progress is written to Redis at most this often (epoch ends always). */
const PROGRESS_MS = 1000;

/**
 * Serves a study queue: takes runs, trains each in a local worker process (so this process stays
 * free to keep its job locks), and returns each run's record to the coordinator. Anything a job
 * names is loaded only if allowed, but the queue must still be trusted: protect Redis with a
 * password and TLS.
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { concurrency = 1, allowPlugins = [], stallSeconds = 30, zooModule = ZOO_MODULE } = options;
  const log = (line: string) => options.log?.(line);
  const connection = parseQueueUrl(options.url);
  await checkReachable(connection);
  const trainers = new LocalWorkers(concurrency, zooModule);
  const host = hostname();
  const processor = async (job: Job): Promise<QueueReturn> => {
    const run = parseRunJob(job.data);
    const refused = run.zoo.plugins.filter((p) => !allowPlugins.includes(p));
    if (refused.length > 0) {
      throw new MixzooError('E_PLUGIN', `run '${run.id}' needs plugin ${refused.map((p) => `'${p}'`).join(', ')}, which this worker does not allow; start it with --allow-plugin ${refused[0]} if you trust that code.`);
    }
    log(run.checkpoint ? `${run.id}: resuming after epoch ${run.checkpoint.epochs.length} on ${host}` : `${run.id}: training on ${host}`);
    const progress: QueueProgress = { done: 0, total: 0, epochs: [...(run.checkpoint?.epochs ?? [])] };
    let shown = 0;
    const report = () => void job.updateProgress({ ...progress }).catch(() => {});
    const outcome = await trainers.run(run, {
      onBatch: (done, total) => {
        Object.assign(progress, { done, total });
        if (Date.now() - shown < PROGRESS_MS) return;
        shown = Date.now();
        report();
      },
      onEpoch: (record) => {
        progress.epochs.push(record);
        report();
      },
      // Kept with the job: if this worker dies, the next one continues after the last finished epoch.
      onCheckpoint: (checkpoint) => job.updateData({ ...run, checkpoint }).catch((error: unknown) => log(`${run.id}: checkpoint not saved (${(error as Error).message})`)),
    });
    log(`${run.id}: finished, test accuracy ${(100 * outcome.run.final.accuracy).toFixed(2)}%`);
    return toReturn(outcome);
  };
  const worker = new Worker(QUEUE_NAME, processor, {
    connection: { ...connection.options, maxRetriesPerRequest: null },
    concurrency,
    lockDuration: stallSeconds * 1000,
    stalledInterval: stallSeconds * 1000,
    maxStalledCount: 3,
  });
  worker.on('failed', (job, error) => log(`${job?.name ?? 'a job'}: failed: ${error.message}`));
  worker.on('error', (error) => log(`queue error: ${error.message}`));
  await worker.waitUntilReady();
  log(`mixzoo worker on ${host}: taking runs from ${connection.shown} (${concurrency} at a time)`);
  return {
    async close() {
      await worker.close(true);
      await trainers.close();
    },
  };
}

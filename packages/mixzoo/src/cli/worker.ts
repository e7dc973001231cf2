import { runQueueWorker } from '@mixzoo/lab';

export interface WorkerRequest {
  /** The study's Redis URL. */
  queue: string;
  concurrency: number;
  /** Plugin modules this worker may load (from --allow-plugin). */
  allowPlugin?: string[];
  stallSeconds: number;
}

/**
 * `mixzoo worker`: serves study queues until Ctrl-C or SIGTERM, one log line per run on stderr.
 * A run it gives up (stopped mid-run) is trained by another worker once it stalls.
 */
export async function workerCommand(request: WorkerRequest): Promise<string> {
  const worker = await runQueueWorker({
    url: request.queue,
    concurrency: request.concurrency,
    allowPlugins: request.allowPlugin ?? [],
    stallSeconds: request.stallSeconds,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await worker.close();
  return 'mixzoo worker: stopped.';
}

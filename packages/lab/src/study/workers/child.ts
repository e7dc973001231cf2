// A local study worker: a process forked by LocalWorkers that trains the jobs it is sent, one at a
// time, and reports their progress and records over IPC.
import type { Zoo } from '@mixzoo/core';
import { DatasetCache, executeRunJob } from './execute.js';
import type { FromWorker, ToWorker } from './messages.js';
import { openWorkerZoo } from './zoo.js';

const send = (message: FromWorker): void => void process.send!(message);

// Ctrl-C reaches every process of the terminal's group: the coordinator stops the study and then us.
process.on('SIGINT', () => {});
// The coordinator is gone (killed, or closed the channel): nobody wants our runs any more.
process.on('disconnect', () => process.exit(0));

const zoos = new Map<string, Promise<Zoo>>();
const datasets = new DatasetCache();

process.on('message', (message: ToWorker) => {
  void (async () => {
    const { job, zooModule, checkpoints } = message;
    try {
      const key = JSON.stringify([zooModule, job.zoo]);
      if (!zoos.has(key)) zoos.set(key, openWorkerZoo(job.zoo, zooModule));
      const outcome = await executeRunJob(job, await zoos.get(key)!, datasets, {
        onBatch: (done, total) => send({ type: 'batch', done, total }),
        onEpoch: (record) => send({ type: 'epoch', record }),
        ...(checkpoints ? { onCheckpoint: (checkpoint) => send({ type: 'checkpoint', checkpoint }) } : {}),
      });
      send({ type: 'done', outcome });
    } catch (error) {
      const { message: text, code } = error as Error & { code?: unknown };
      send({ type: 'failed', message: String(text ?? error), ...(typeof code === 'string' ? { code } : {}) });
    }
  })();
});

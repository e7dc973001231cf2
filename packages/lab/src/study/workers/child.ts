// A local study worker: a process forked by LocalWorkers that trains the jobs it is sent, one at a
// time, and reports their progress and records over IPC.
import { MixzooError, type Zoo } from '@mixzoo/core';
import { DatasetCache, executeRunJob } from './execute.js';
import type { FromWorker, ToWorker } from './messages.js';
import { openWorkerZoo } from './zoo.js';

if (!process.send) throw new MixzooError('E_RUN', 'study worker: started without an IPC channel; LocalWorkers forks it.');
const ipc = process.send.bind(process);
const send = (message: FromWorker): void => void ipc(message);

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
      let zoo = zoos.get(key);
      if (!zoo) {
        zoo = openWorkerZoo(job.zoo, zooModule);
        zoos.set(key, zoo);
      }
      const outcome = await executeRunJob(job, await zoo, datasets, {
        onBatch: (done, total) => send({ type: 'batch', done, total }),
        onEpoch: (record) => send({ type: 'epoch', record }),
        ...(checkpoints ? { onCheckpoint: (checkpoint) => send({ type: 'checkpoint', checkpoint }) } : {}),
      });
      send({ type: 'done', outcome });
    } catch (error) {
      // Anything may be thrown: a message only where an Error-like value carries one.
      const { message: text, code } = error as { message?: unknown; code?: unknown };
      send({ type: 'failed', message: String(text ?? error), ...(typeof code === 'string' ? { code } : {}) });
    }
  })();
});

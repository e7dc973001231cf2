import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MixzooError, type MixzooErrorCode } from '@mixzoo/core';
import type { RunHooks } from './execute.js';
import type { RunExecutor } from './executor.js';
import type { RunJob, RunOutcome } from './job.js';
import type { FromWorker, ToWorker } from './messages.js';
import { ZOO_MODULE } from './zoo.js';

/** The worker script: child.js beside this module; from the TypeScript sources (tests), the built one in dist/. */
function childScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts') ? here.replace(/([\\/])src([\\/].*)pool\.ts$/, '$1dist$2child.js') : here.replace(/pool\.js$/, 'child.js');
  if (!existsSync(script)) throw new MixzooError('E_RUN', `study workers run ${script}, which is missing: build mixzoo first (npm run build).`);
  return script;
}

/**
 * Up to `capacity` worker processes on this machine, each training one run at a time on its own
 * tfjs backend (the wasm backend is single-threaded: one process per core). Processes start when
 * first needed and are reused; one that dies fails its run and is replaced for the next.
 */
export class LocalWorkers implements RunExecutor {
  private readonly idle: ChildProcess[] = [];
  private readonly live = new Set<ChildProcess>();
  private readonly waiting: { resolve(child: ChildProcess): void; reject(error: Error): void }[] = [];
  private closed = false;

  constructor(
    readonly capacity: number,
    private readonly zooModule: string = ZOO_MODULE,
  ) {}

  async run(job: RunJob, hooks: RunHooks): Promise<RunOutcome> {
    const child = await this.acquire();
    try {
      return await this.train(child, job, hooks);
    } finally {
      this.release(child);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new MixzooError('E_RUN', 'study workers: closed.'));
    const exits = [...this.live].map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve))));
    for (const child of this.live) child.kill('SIGTERM');
    await Promise.all(exits);
  }

  private acquire(): Promise<ChildProcess> {
    if (this.closed) return Promise.reject(new MixzooError('E_RUN', 'study workers: closed.'));
    const child = this.idle.pop();
    if (child) return Promise.resolve(child);
    if (this.live.size < this.capacity) return Promise.resolve(this.spawn());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(child: ChildProcess): void {
    const alive = this.live.has(child);
    const waiter = this.waiting.shift();
    if (!waiter) {
      if (alive) this.idle.push(child);
    } else if (this.closed) waiter.reject(new MixzooError('E_RUN', 'study workers: closed.'));
    else waiter.resolve(alive ? child : this.spawn());
  }

  private spawn(): ChildProcess {
    // Only the job's own output: progress reaches the coordinator as messages.
    const child = fork(childScript(), [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.live.add(child);
    child.once('exit', () => this.live.delete(child));
    return child;
  }

  private train(child: ChildProcess, job: RunJob, hooks: RunHooks): Promise<RunOutcome> {
    return new Promise((resolve, reject) => {
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        done();
        reject(new MixzooError('E_RUN', `run '${job.id}': its worker process ${this.closed ? 'was stopped' : `exited (${signal ?? `code ${String(code)}`})`} before the run finished.`));
      };
      const onMessage = (message: FromWorker) => {
        if (message.type === 'batch') hooks.onBatch?.(message.done, message.total);
        else if (message.type === 'epoch') hooks.onEpoch?.(message.record);
        else if (message.type === 'checkpoint') void hooks.onCheckpoint?.(message.checkpoint);
        else {
          done();
          if (message.type === 'done') resolve(message.outcome);
          else reject(new MixzooError((message.code ?? 'E_RUN') as MixzooErrorCode, message.message));
        }
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'job', job, zooModule: this.zooModule, checkpoints: hooks.onCheckpoint !== undefined } satisfies ToWorker);
    });
  }
}

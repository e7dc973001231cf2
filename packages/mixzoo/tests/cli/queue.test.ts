import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZoo, lab, type Zoo } from 'mixzoo';
import { freePort, noRedis, startRedis, type TestRedis } from '../../../../test/helpers/redis-server.js';
import { withoutTimings } from '../../../lab/tests/study/workers/compare-records.js';
import { CLI, PACKAGE_DIR } from '../helpers/cli.js';

// Studies through a real Redis (Debian's redis-server, started here on a free port) with
// `mixzoo worker` processes of the built CLI.
const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-queue-'));
const config = (seeds: number[], trainSize: number): lab.StudyConfig => ({
  strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 } }],
  seeds,
  dataset: 'moons',
  model: 'mlp',
  epochs: 2,
  batchSize: 16,
  trainSize,
  testSize: 48,
});
const readJson = (dir: string): lab.RunResult[] => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));

let redis: TestRedis;
let zoo: Zoo;
const workers = new Set<ChildProcess>();

/** A `mixzoo worker` process on the test Redis, ready once it says it takes runs. */
async function startWorker(url: string): Promise<ChildProcess & { log: string }> {
  const child = Object.assign(spawn(process.execPath, [CLI, 'worker', '--queue', url, '--stall-seconds', '2'], { cwd: PACKAGE_DIR, stdio: ['ignore', 'ignore', 'pipe'] }), { log: '' });
  workers.add(child);
  child.once('exit', () => workers.delete(child));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (child.log += text));
  while (!child.log.includes('taking runs from')) {
    if (child.exitCode !== null) throw new Error(`mixzoo worker exited: ${child.log}`);
    await sleep(100);
  }
  return child;
}

async function stopWorkers(): Promise<void> {
  await Promise.all([...workers].map((w) => new Promise((resolve) => (w.once('exit', resolve), w.kill('SIGTERM')))));
}

describe.skipIf(noRedis)(`studies on a Redis queue${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
  beforeAll(async () => {
    redis = await startRedis();
    zoo = await createZoo({ backend: 'cpu' });
  });
  afterAll(async () => {
    await stopWorkers();
    await (redis as TestRedis | undefined)?.stop(); // unset where startRedis failed
    rmSync(tmp, { recursive: true, force: true });
  });

  it('with two worker processes, gives every run its sequential record, each once', async () => {
    const study = config([1, 2], 96);
    await lab.runStudy(study, { zoo, outDir: join(tmp, 'sequential'), workers: 1 });
    await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
    const result = await lab.runStudy(study, { zoo, outDir: join(tmp, 'queued'), queue: redis.url });
    expect(result.trained).toBe(4);
    expect(readJson(join(tmp, 'queued')).map(withoutTimings)).toEqual(readJson(join(tmp, 'sequential')).map(withoutTimings));
    // Stopped and started again, the coordinator finds every run already done (in results.json).
    expect((await lab.runStudy(study, { zoo, outDir: join(tmp, 'queued'), queue: redis.url })).reused).toBe(4);
  });

  it('a worker SIGKILLed mid-run loses its run to another, which resumes it from its checkpoint: no run lost, none twice, same records', async () => {
    await stopWorkers();
    const study = { ...config([3, 4], 400), epochs: 3 };
    await lab.runStudy(study, { zoo, outDir: join(tmp, 'sequential-kill'), workers: 1 });
    const victim = await startWorker(redis.url);
    let survivor: Promise<ChildProcess & { log: string }> | undefined;
    const queue = new Queue<lab.RunJob>('mixzoo-runs', { connection: { host: '127.0.0.1', port: Number(new URL(redis.url).port) } });
    // Once the only worker has checkpointed a run, kill it (SIGKILL: no goodbye) and start another.
    const killer = (async () => {
      for (;;) {
        const active = await queue.getJobs(['active']);
        if (active.some((job) => job.data.checkpoint)) break;
        await sleep(100);
      }
      victim.kill('SIGKILL');
      survivor = startWorker(redis.url);
    })();
    try {
      const result = await lab.runStudy(study, { zoo, outDir: join(tmp, 'killed'), queue: redis.url });
      expect(result.trained).toBe(4);
    } finally {
      await killer;
      await queue.close();
    }
    expect(victim.signalCode).toBe('SIGKILL');
    expect((await survivor!).log).toMatch(/@seed3: resuming after epoch [12] on /);
    const runs = readJson(join(tmp, 'killed'));
    expect(runs.map((r) => r.id)).toEqual(['none@seed3', 'mixup@seed3', 'none@seed4', 'mixup@seed4']);
    expect(runs.map(withoutTimings)).toEqual(readJson(join(tmp, 'sequential-kill')).map(withoutTimings));
  });

  it('a malformed job fails alone (E_QUEUE in its failure), and the worker goes on', async () => {
    const queue = new Queue('mixzoo-runs', { connection: { host: '127.0.0.1', port: Number(new URL(redis.url).port) } });
    try {
      const job = await queue.add('garbage', { id: 42, strategy: null });
      let state = await job.getState();
      for (let i = 0; i < 100 && state !== 'failed'; i++) {
        await sleep(100);
        state = await job.getState();
      }
      expect(state).toBe('failed');
      expect((await queue.getJob(job.id!))!.failedReason).toMatch(/^run job: 'mixzoo' must be a non-empty string, got undefined/);
    } finally {
      await queue.close();
    }
    expect(workers.size).toBeGreaterThan(0);
    const study = config([5], 64);
    expect((await lab.runStudy({ ...study, strategies: [{ name: 'none' }] }, { zoo, outDir: join(tmp, 'after-garbage'), queue: redis.url })).trained).toBe(1);
  });

  it('a worker refuses a run that needs a plugin it does not allow; the study names the run', async () => {
    const study = { ...config([6], 64), strategies: [{ name: 'none' }] };
    const error = await lab.runStudy(study, { zoo, outDir: join(tmp, 'plugin'), queue: redis.url, plugins: ['./my-strategy.js'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_RUN', message: expect.stringContaining("none@seed6 (run 'none@seed6' failed on its worker: run 'none@seed6' needs plugin './my-strategy.js', which this worker does not allow; start it with --allow-plugin ./my-strategy.js") });
  });
});

describe('an unreachable Redis', () => {
  it('fails within seconds with E_QUEUE naming it, and creates nothing', async () => {
    const port = await freePort();
    const out = join(tmp, 'unreachable');
    await expect(lab.runStudy(config([1], 64), { zoo: await createZoo({ backend: 'cpu' }), outDir: out, queue: `redis://:secret@127.0.0.1:${port}/0` })).rejects.toMatchObject({
      code: 'E_QUEUE',
      message: expect.stringMatching(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}/0 `)),
    });
    expect(existsSync(out)).toBe(false);
  }, 10_000);
});

// Scaling a study over processes: a fixed study of 8 equal runs timed with `compare --workers 1`
// and `--workers 2`, against the machine's ceiling (two independent one-run processes side by side
// against one alone: the two vCPUs may share a core), and two local workers through Redis (two
// `mixzoo worker` processes, `compare --queue`) against two without. Every timing is the wall
// time of whole CLI processes, start-up included. MIXZOO_BENCH_SCALE=quick shrinks the study for
// a check of the script (its numbers mean little).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { noRedis, startRedis } from '../test/helpers/redis-server.js';
import { printTable } from './lib.js';

const CLI = fileURLToPath(new URL('../packages/mixzoo/dist/cli.js', import.meta.url));
const quick = process.env.MIXZOO_BENCH_SCALE === 'quick';
// 8 equal runs (the same strategy, 8 seeds) of the lab's CNN on MNIST; about 20-25 s each on one wasm thread here.
const STUDY = ['--backend', 'wasm', 'compare', '--strategies', 'none', '--dataset', 'mnist', '--model', 'cnn', '--batch-size', '32', '--test-size', '500', ...(quick ? ['--seeds', '4', '--epochs', '1', '--train-size', '300'] : ['--seeds', '8', '--epochs', '4', '--train-size', '8000'])];

/** Runs `node cli.js ...args`; rejects with its stderr when it fails. */
function mixzoo(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`mixzoo ${args.join(' ')} failed (${code}): ${stderr}`))));
  });
}

/** Wall seconds of `fn`. */
async function seconds(fn) {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** A `mixzoo worker` on `url`, resolved once it takes runs. */
function startWorker(url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'worker', '--queue', url], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.setEncoding('utf8').on('data', (text) => {
      log += text;
      if (log.includes('taking runs from')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`mixzoo worker exited (${code}): ${log}`)));
  });
}

export async function run() {
  console.log(`\n## Scale: one study over worker processes (${quick ? 'QUICK check, MIXZOO_BENCH_SCALE=quick' : '8 runs: mnist, cnn, 8,000 images × 4 epochs each (about 20 s each)'}; wall time of CLI processes)\n`);
  const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-bench-scale-'));
  const out = (name) => ['--out', join(tmp, name), '--no-resume'];
  const oneRun = ['--seeds', '1', '--workers', '1'];
  try {
    const alone = await seconds(() => mixzoo([...STUDY, ...oneRun, ...out('alone')]));
    const sideBySide = await seconds(() => Promise.all([mixzoo([...STUDY, ...oneRun, ...out('side-a')]), mixzoo([...STUDY, ...oneRun, ...out('side-b')])]));
    const ceiling = (2 * alone) / sideBySide;
    const one = await seconds(() => mixzoo([...STUDY, '--workers', '1', ...out('workers-1')]));
    const two = await seconds(() => mixzoo([...STUDY, '--workers', '2', ...out('workers-2')]));
    const rows = [
      ['one run alone (1 process)', alone.toFixed(1), ''],
      ['two one-run processes side by side', sideBySide.toFixed(1), `ceiling ×${ceiling.toFixed(2)}`],
      ['study, --workers 1', one.toFixed(1), ''],
      ['study, --workers 2', two.toFixed(1), `×${(one / two).toFixed(2)} = ${((100 * one) / two / ceiling).toFixed(0)}% of the ceiling (target ≥ 90%)`],
    ];
    if (noRedis) rows.push(['study, 2 workers through Redis', 'skipped', noRedis]);
    else {
      const redis = await startRedis();
      const workers = await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
      try {
        const queued = await seconds(() => mixzoo([...STUDY, '--queue', redis.url, ...out('queue')]));
        rows.push(['study, 2 `mixzoo worker`s through Redis', queued.toFixed(1), `${(100 * (queued / two - 1)).toFixed(1)}% over --workers 2 (target ≤ 10%)`]);
      } finally {
        for (const worker of workers) worker.kill('SIGTERM');
        await redis.stop();
      }
    }
    printTable(['configuration', 'wall s', 'speed-up'], rows);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// Training throughput of the lab's small CNN on 28×28 MNIST batches of 32: images/s per backend and
// gradient path, unmixed vs mixup vs cutmix. Gradient paths: 'fast' = registerTrainingGradients (what
// trainRun uses), 'current' = registerConv2dFilterGradient alone (the previous path: filter gradient
// as a transposed, dilated conv2d; tfjs's own input, max-pool and matMul gradients), 'built-in' =
// tfjs's gradients (cpu only: wasm has no Conv2DBackpropFilter). The configurations are timed in
// interleaved rounds (load drifts hit them alike); besides wall time, the process's CPU time per
// step is reported, the steadier figure on a shared machine. The mixing overhead is the median time
// of mixer.mix on a batch in % of an unmixed training step. Then one epoch of MNIST per wasm path
// (same seed, data order and initial weights) checks that 'fast' learns as well as 'current'.
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo } from 'mixzoo';
import {
  createModel, disposeModel, loadDataset, oneHotRows, registerConv2dFilterGradient, registerTrainingGradients, trainRun,
  unregisterConv2dFilterGradient, unregisterTrainingGradients,
} from '@mixzoo/lab';
import { measure, median, ms, printTable } from './lib.js';

const BATCH = 32;
const STRATEGIES = [
  { name: 'none' },
  { name: 'mixup', options: { alpha: 1 } },
  { name: 'cutmix', options: { alpha: 1 } },
];

/** Activates one gradient path (see the header). */
function useGradients(path) {
  unregisterTrainingGradients();
  unregisterConv2dFilterGradient();
  if (path === 'fast') registerTrainingGradients();
  if (path === 'current') registerConv2dFilterGradient();
}

/** Mixes (or one-hot encodes, for 'none') one batch; `release` disposes what it made. */
function prepare(mixer, x, y) {
  if (!mixer) return { inputs: x, labels: oneHotRows(y, 10), own: false };
  const out = mixer.mix({ inputs: x, labels: y, numClasses: 10 });
  return { inputs: out.inputs, labels: out.labels, own: true };
}

function release(batch) {
  tf.dispose(batch.own ? [batch.inputs, batch.labels] : [batch.labels]);
}

/** One mix + trainOnBatch on the config's gradient path: wall and CPU ms. */
async function timedStep(config, x, y) {
  useGradients(config.path);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const batch = prepare(config.mixer, x, y);
  await config.model.trainOnBatch(batch.inputs, batch.labels);
  release(batch);
  const cpu = process.cpuUsage(cpu0);
  return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Times every config's training step in `rounds` interleaved rounds after `warmup` untimed steps each: median wall and CPU ms. */
async function timeConfigs(configs, x, y, { warmup, rounds }) {
  for (const c of configs) for (let i = 0; i < warmup; i++) await timedStep(c, x, y);
  const times = configs.map(() => []);
  for (let r = 0; r < rounds; r++) for (const [i, c] of configs.entries()) times[i].push(await timedStep(c, x, y));
  return times.map((t) => ({ wall: median(t.map((s) => s.wall)), cpu: median(t.map((s) => s.cpu)) }));
}

async function benchBackend(backend, data, { rounds, slow }) {
  const zoo = await createZoo({ backend, seed: 0 });
  const x = tf.tensor(data.train.x.subarray(0, BATCH * 784), [BATCH, 28, 28, 1]);
  const y = tf.tensor1d(data.train.y.subarray(0, BATCH), 'int32');
  const configs = [
    ...STRATEGIES.map(({ name, options }) => ({ path: 'fast', name, mixer: name === 'none' ? undefined : zoo.create(name, options, { seed: 0 }) })),
    ...(slow === 'current' ? [{ path: 'current', name: 'none' }] : []),
  ].map((c) => ({ ...c, model: createModel('cnn', [28, 28, 1], 10, 0) }));
  const steps = await timeConfigs(configs, x, y, { warmup: 2, rounds });
  if (slow === 'built-in') {
    // tfjs's cpu filter gradient takes seconds per step: two timed steps, no warm-up (the kernels are warm).
    const config = { path: 'built-in', name: 'none', model: createModel('cnn', [28, 28, 1], 10, 0) };
    configs.push(config);
    steps.push(...(await timeConfigs([config], x, y, { warmup: 0, rounds: 2 })));
  }
  const rows = [];
  for (const [i, c] of configs.entries()) {
    useGradients(c.path);
    const mix = c.mixer ? await measure(() => release(prepare(c.mixer, x, y)), { warmup: 2, reps: 30, budgetMs: 500 }) : undefined;
    const { wall, cpu } = steps[i];
    rows.push([
      backend, c.path, c.name, ms(wall), Math.round((BATCH * 1000) / wall), ms(cpu), Math.round((BATCH * 1000) / cpu),
      mix ? ms(mix.median) : '-', mix ? `${((100 * mix.median) / steps[0].wall).toFixed(2)}%` : '-', c.path === 'built-in' ? 2 : rounds,
    ]);
    disposeModel(c.model);
  }
  useGradients('fast');
  tf.dispose([x, y]);
  return rows;
}

/** One epoch of MNIST on wasm per gradient path, same seed: test accuracy and epoch time. */
async function epochCheck(data) {
  await tf.setBackend('wasm');
  const zoo = await createZoo({ backend: 'wasm', seed: 0 });
  const rows = [];
  for (const path of ['current', 'fast']) {
    useGradients(path);
    const run = await trainRun({ zoo, strategy: 'none', dataset: data, model: 'cnn', epochs: 1, batchSize: BATCH, seed: 0, replaceConv2dGradient: path === 'fast' });
    rows.push([path, data.train.count, data.test.count, (100 * run.final.accuracy).toFixed(2), run.secondsPerEpoch.toFixed(1), Math.round(data.train.count / run.secondsPerEpoch)]);
  }
  useGradients('fast');
  return rows;
}

export async function run() {
  console.log(`\n## Training: small CNN, MNIST 28×28, batch ${BATCH} (median ms per training step = mix + trainOnBatch)\n`);
  const previous = tf.getBackend();
  const batchData = await loadDataset('mnist', { seed: 0, trainSize: BATCH, testSize: 1 });
  const rows = [
    ...(await benchBackend('wasm', batchData, { rounds: 15, slow: 'current' })),
    ...(await benchBackend('cpu', batchData, { rounds: 4, slow: 'built-in' })),
  ];
  printTable(['backend', 'gradients', 'strategy', 'ms/step', 'images/s', 'CPU ms/step', 'images/s (CPU)', 'mix ms', 'mix overhead', 'rounds'], rows);
  const step = (backend, path) => rows.find((r) => r[0] === backend && r[1] === path && r[2] === 'none');
  const speedup = (backend, path, col) => (Number(step(backend, path)[col]) / Number(step(backend, 'fast')[col])).toFixed(1);
  console.log(`\nwasm: the fast gradients make a training step ${speedup('wasm', 'current', 3)}× faster than the current path (${speedup('wasm', 'current', 5)}× in CPU time); target ≥ 1,250 images/s on one thread.`);
  console.log(`cpu: ${speedup('cpu', 'built-in', 3)}× faster than tfjs's built-in gradients.`);
  console.log('Mixing overhead target: < 5% of an unmixed training step (reported, not asserted).');

  console.log('\n### One epoch on wasm, same seed: test accuracy per gradient path (target: fast within 0.5 points of current)\n');
  const epochData = await loadDataset('mnist', { seed: 0, trainSize: 8000, testSize: 2000 });
  printTable(['gradients', 'train images', 'test images', 'test accuracy %', 's/epoch', 'images/s'], await epochCheck(epochData));
  if (previous) await tf.setBackend(previous);
}

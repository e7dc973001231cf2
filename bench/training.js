// Training throughput of the lab's small CNN on 28×28 MNIST batches of 32: images/s per backend,
// unmixed vs mixup vs cutmix, and on cpu with the built-in Conv2D gradient vs the replacement.
// The mixing overhead is the median time of mixer.mix on a batch in % of an unmixed training step.
import * as tf from '@tensorflow/tfjs-core';
import { createZoo } from 'mixzoo';
import { createModel, disposeModel, loadDataset, oneHotRows, registerConv2dFilterGradient, unregisterConv2dFilterGradient } from '@mixzoo/lab';
import { measure, ms, printTable } from './lib.js';

const BATCH = 32;
const STRATEGIES = [
  { name: 'none' },
  { name: 'mixup', options: { alpha: 1 } },
  { name: 'cutmix', options: { alpha: 1 } },
];

/** Mixes (or one-hot encodes, for 'none') one batch; the caller disposes the result. */
function prepare(mixer, x, y) {
  if (!mixer) return { inputs: x, labels: oneHotRows(y, 10), own: false };
  const out = mixer.mix({ inputs: x, labels: y, numClasses: 10 });
  return { inputs: out.inputs, labels: out.labels, own: true };
}

function release(batch) {
  tf.dispose(batch.own ? [batch.inputs, batch.labels] : [batch.labels]);
}

async function benchBackend(backend, data, { gradients, budgetMs }) {
  const zoo = await createZoo({ backend, seed: 0 });
  const x = tf.tensor(data.train.x.subarray(0, BATCH * 784), [BATCH, 28, 28, 1]);
  const y = tf.tensor1d(data.train.y.subarray(0, BATCH), 'int32');
  const rows = [];
  for (const replaced of gradients) {
    if (replaced) registerConv2dFilterGradient();
    else unregisterConv2dFilterGradient();
    let stepNone;
    for (const { name, options } of replaced ? STRATEGIES : STRATEGIES.slice(0, 1)) {
      const mixer = name === 'none' ? undefined : zoo.create(name, options, { seed: 0 });
      const model = createModel('cnn', [28, 28, 1], 10, 0);
      const step = await measure(
        async () => {
          const batch = prepare(mixer, x, y);
          await model.trainOnBatch(batch.inputs, batch.labels);
          release(batch);
        },
        { warmup: 1, reps: 20, minReps: replaced ? 3 : 1, budgetMs },
      );
      const mix = mixer ? await measure(() => release(prepare(mixer, x, y)), { warmup: 2, reps: 30, budgetMs: 1000 }) : undefined;
      disposeModel(model);
      if (!mixer) stepNone = step.median;
      rows.push([
        backend,
        replaced ? 'replaced' : 'built-in',
        name,
        ms(step.median),
        Math.round((BATCH * 1000) / step.median),
        mix ? ms(mix.median) : '-',
        mix ? `${((100 * mix.median) / stepNone).toFixed(2)}%` : '-',
        step.reps,
      ]);
    }
  }
  tf.dispose([x, y]);
  return rows;
}

export async function run() {
  console.log(`\n## Training: small CNN, MNIST 28×28, batch ${BATCH} (median ms per training step = mix + trainOnBatch)\n`);
  const previous = tf.getBackend();
  const data = await loadDataset('mnist', { seed: 0, trainSize: BATCH, testSize: 1 });
  const rows = [
    ...(await benchBackend('wasm', data, { gradients: [true], budgetMs: 4000 })),
    // The built-in cpu filter gradient takes seconds per step: one timed step is enough to see it.
    ...(await benchBackend('cpu', data, { gradients: [true, false], budgetMs: 6000 })),
  ];
  printTable(['backend', 'conv2d grad', 'strategy', 'ms/step', 'images/s', 'mix ms', 'mix overhead', 'reps'], rows);
  const speed = (b, g) => rows.find((r) => r[0] === b && r[1] === g && r[2] === 'none');
  console.log(`\ncpu Conv2D filter-gradient replacement: ${(speed('cpu', 'built-in')[3] / speed('cpu', 'replaced')[3]).toFixed(1)}× faster training steps (wasm has no built-in: it needs the replacement).`);
  console.log('Mixing overhead target: < 5% of a training step (reported, not asserted).');
  registerConv2dFilterGradient();
  await tf.setBackend(previous);
}

import { createZoo } from 'mixzoo';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset, trainRun } from '@mixzoo/lab';
const backend = process.argv[2] ?? 'wasm';
const zoo = await createZoo({ backend, seed: 0 });
console.log(zoo.list().join(' '), tf.getBackend());
let t = Date.now();
const moons = await loadDataset('moons', { seed: 1 });
for (const strategy of ['none', 'mixup']) {
  const r = await trainRun({ zoo, strategy, dataset: moons, model: 'mlp', epochs: 5, batchSize: 32, seed: 1, learningRate: 0.01 });
  console.log('moons', strategy, r.epochs.map((e) => e.test.accuracy.toFixed(3)).join(' '), r.secondsPerEpoch.toFixed(3), Date.now() - t); t = Date.now();
}
const mnist = await loadDataset('mnist', { seed: 1, trainSize: 1024, testSize: 512 });
console.log('load', Date.now() - t); t = Date.now();
for (const [strategy, model] of [['none', 'cnn'], ['cutmix', 'cnn'], ['mixup', 'resnet']]) {
  const before = tf.memory().numTensors;
  const r = await trainRun({ zoo, strategy, dataset: mnist, model, epochs: 1, batchSize: 32, seed: 1 });
  console.log('mnist', strategy, model, JSON.stringify(r.final).slice(0, 200), 's/epoch', r.secondsPerEpoch.toFixed(3), 'total', Date.now() - t, 'leak', tf.memory().numTensors - before); t = Date.now();
}

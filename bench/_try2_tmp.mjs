import { createZoo } from 'mixzoo';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset, trainRun, evaluate } from '@mixzoo/lab';
const zoo = await createZoo({ backend: 'wasm', seed: 0 });
const mnist = await loadDataset('mnist', { seed: 1, trainSize: 1024, testSize: 256 });
const r = await trainRun({ zoo, strategy: 'none', dataset: mnist, model: 'resnet', epochs: 3, batchSize: 32, seed: 1, keepModel: true,
  onEpoch: (rec) => console.log(rec.epoch, rec.trainLoss.toFixed(3), rec.test.accuracy, rec.seconds.toFixed(2)) });
const m = r.trainedModel;
for (const w of m.weights) if (w.name.includes('moving')) { const v = w.read().dataSync(); console.log(w.name, v.slice(0, 4)); break; }
// train-mode accuracy on test
const x = tf.tensor(mnist.test.x, [256, 28, 28, 1]);
const p = m.apply(x, { training: true }).argMax(-1).dataSync();
let c = 0; p.forEach((v, i) => { if (v === mnist.test.y[i]) c++; }); console.log('train-mode acc', c / 256);

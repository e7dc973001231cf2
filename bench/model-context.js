// Overhead of the model-context hook per training step: modelContext(model, batch, [kind]) on a
// batch of 32 MNIST digits, for the lab's cnn (Grad-CAM: one backward pass) and resnet (exact CAM
// from the pooled feature map: forward only), against one unmixed training step (trainOnBatch) of
// the same model, timed in interleaved rounds on wasm. Static strategies never call the hook.
import * as tf from '@tensorflow/tfjs-core';
import { createModel, disposeModel, loadDataset, modelContext, oneHotRows, registerTrainingGradients } from '@mixzoo/lab';
import { createZoo } from 'mixzoo';
import { measureInterleaved, ms, printTable } from './lib.js';

const BATCH = 32;
const KINDS = ['saliency', 'cam', 'activation'];

export async function run() {
  console.log(`\n## Model-context hook: ms per call on a batch of ${BATCH} (wasm) vs one training step of the same model\n`);
  const previous = tf.getBackend();
  await createZoo({ backend: 'wasm', seed: 0 });
  registerTrainingGradients();
  const data = await loadDataset('mnist', { seed: 0, trainSize: BATCH, testSize: 1 });
  const x = tf.tensor4d(data.train.x.subarray(0, BATCH * 784), [BATCH, 28, 28, 1]);
  const y = tf.tensor1d(data.train.y.subarray(0, BATCH), 'int32');
  const rows = [];
  for (const name of ['cnn', 'resnet']) {
    const model = createModel(name, [28, 28, 1], 10, 0);
    const labels = oneHotRows(y, 10);
    const variants = { step: async () => model.trainOnBatch(x, labels) };
    for (const kind of KINDS) variants[kind] = () => modelContext(model, { inputs: x, labels: y, numClasses: 10 }, [kind]);
    const times = await measureInterleaved(variants, { warmup: 2, reps: 10 });
    for (const kind of KINDS) rows.push([name, kind, ms(times[kind].median), ms(times.step.median), `${((100 * times[kind].median) / times.step.median).toFixed(0)}%`]);
    tf.dispose(labels);
    disposeModel(model);
  }
  tf.dispose([x, y]);
  printTable(['model', 'context', 'hook ms', 'training step ms', 'hook / step'], rows);
  if (previous) await tf.setBackend(previous);
}

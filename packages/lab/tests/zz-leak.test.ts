import { it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { createModel, disposeModel } from '@mixzoo/lab';
it('leak', async () => {
  await tf.setBackend('cpu');
  let b = tf.memory().numTensors;
  const m0 = createModel('mlp', [4], 3, 0); disposeModel(m0);
  console.log('create+dispose mlp', tf.memory().numTensors - b); b = tf.memory().numTensors;
  const opt = tf.train.adam(0.01); opt.dispose();
  console.log('adam', tf.memory().numTensors - b); b = tf.memory().numTensors;
  const s = tfl.sequential(); s.add(tfl.layers.dense({units: 2, inputShape: [3]})); s.dispose();
  console.log('seq', tf.memory().numTensors - b); b = tf.memory().numTensors;
  const s2 = tfl.sequential(); s2.add(tfl.layers.dense({units: 2, inputShape: [3]})); s2.compile({optimizer: 'sgd', loss: 'meanSquaredError'}); s2.dispose();
  console.log('seq compiled', tf.memory().numTensors - b); b = tf.memory().numTensors;
  const s3 = tfl.sequential(); s3.add(tfl.layers.dense({units: 2, inputShape: [3]})); s3.compile({optimizer: 'sgd', loss: 'meanSquaredError'});
  const x = tf.zeros([4,3]), y = tf.zeros([4,2]); await s3.trainOnBatch(x, y); tf.dispose([x,y]); s3.dispose();
  console.log('seq trained', tf.memory().numTensors - b); b = tf.memory().numTensors;
});

import { createZoo, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';

describe('tf exported by mixzoo behaves like @tensorflow/tfjs', () => {
  it('has the chained tensor ops', async () => {
    await createZoo({ backend: 'cpu' });
    const x = tf.tensor1d([1, 2, 3]);
    expect(tf.ones([2]).mul(2).arraySync()).toEqual([2, 2]);
    expect(x.add(1).square().sum().arraySync()).toBe(29);
    expect(x.reshape([3, 1]).concat(tf.ones([1, 1])).flatten().arraySync()).toEqual([1, 2, 3, 1]);
    expect(x.toInt().dtype).toBe('int32');
    expect(tf.tensor2d([[1, 2], [3, 4]]).matMul(tf.eye(2)).arraySync()).toEqual([[1, 2], [3, 4]]);
  });

  it('has tf.data', async () => {
    await createZoo({ backend: 'cpu' });
    const batches = await tf.data.array([1, 2, 3, 4]).batch(2).toArray();
    expect(batches.map((b) => (b as tf.Tensor).arraySync())).toEqual([[1, 2], [3, 4]]);
  });

  it('has tf.sequential and tf.layers, on the engine mixzoo uses', async () => {
    await createZoo({ backend: 'cpu' });
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, kernelInitializer: 'ones' })] });
    const y = model.predict(tf.ones([1, 3])) as tf.Tensor;
    expect(y.arraySync()).toEqual([[3, 3]]);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('makes tensors a mixer takes', async () => {
    const zoo = await createZoo({ backend: 'cpu', seed: 1 });
    const inputs = tf.ones([4, 2, 2, 1]).mul(tf.tensor1d([0, 1, 2, 3]).reshape([4, 1, 1, 1]));
    const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
    const out = zoo.create('mixup', { alpha: 1 }).mix({ inputs, labels, numClasses: 4 });
    expect(out.inputs.shape).toEqual([4, 2, 2, 1]);
    expect(out.labels!.sum(1).arraySync()).toEqual([1, 1, 1, 1].map((v) => expect.closeTo(v, 5)));
    tf.dispose([inputs, labels, out.inputs, out.labels!]);
  });
});

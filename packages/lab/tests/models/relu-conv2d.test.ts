import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@mixzoo/core';
import { createModel, disposeModel, registerTrainingGradients, unregisterTrainingGradients } from '@mixzoo/lab';
import { expectClose } from '../../../../test/helpers/tensors.js';

const seeded = (shape: number[], seed: number) => {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniform(0, 1)), shape);
};

/** Kernel names one training step of `model` runs. */
async function stepKernels(model: ReturnType<typeof createModel>, x: tf.Tensor, y: tf.Tensor): Promise<string[]> {
  const profile = await tf.profile(async () => {
    await model.trainOnBatch(x, y);
  });
  return profile.kernels.map((k) => k.name);
}

describe('ReluConv2D (the CNN and ResNet convolutions)', () => {
  afterAll(async () => {
    unregisterTrainingGradients();
    await tf.setBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm']) {
    it(`trains as one fused op with the training gradients on ${backend}, as tfjs's Conv2D without them, with the same outputs`, async () => {
      await tf.setBackend(backend);
      const x = seeded([4, 10, 10, 1], 1);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3));
      registerTrainingGradients();
      const fused = createModel('cnn', [10, 10, 1], 3, 0);
      expect(fused.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(2);
      const fusedOut = tf.tidy(() => (fused.predict(x) as tf.Tensor).dataSync());
      expect(await stepKernels(fused, x, y)).toContain('MixzooConv2DBiasRelu');
      disposeModel(fused);
      unregisterTrainingGradients();
      if (backend === 'cpu') {
        const plain = createModel('cnn', [10, 10, 1], 3, 0);
        expectClose(tf.tidy(() => (plain.predict(x) as tf.Tensor).dataSync()), fusedOut, 1e-6);
        const kernels = await stepKernels(plain, x, y);
        expect(kernels).not.toContain('MixzooConv2DBiasRelu');
        expect(kernels).toContain('Conv2DBackpropFilter');
        disposeModel(plain);
      }
      tf.dispose([x, y]);
    });
  }
});

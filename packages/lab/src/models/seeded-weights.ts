import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createRng, type Seed } from '@mixzoo/core';

/** Fan-in and fan-out of a dense [in, out] or conv [kh, kw, in, out] kernel. */
function fans(shape: readonly number[]): [number, number] {
  const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  return [receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]];
}

/**
 * Draws every kernel Glorot-uniform from the seeded rng (tfjs initialisers draw from Math.random
 * unless seeded, and a fixed tfjs seed repeats the same values in every layer). Kernel i uses
 * stream `weights/kernel:i`, so the draw depends on the seed and the architecture only. Biases and
 * batch-norm parameters keep their constant initial values.
 */
export function seedKernels(model: LayersModel, seed: Seed): void {
  const rng = createRng(seed).stream('weights');
  model.weights
    .filter((w) => w.name.endsWith('/kernel'))
    .forEach((w, i) => {
      const shape = w.shape as number[]; // weights are always fully defined
      const [fanIn, fanOut] = fans(shape);
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const stream = rng.stream(`kernel:${i}`);
      const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
      for (let k = 0; k < values.length; k++) values[k] = stream.uniform(-limit, limit);
      const t = tf.tensor(values, shape);
      w.write(t);
      t.dispose();
    });
}

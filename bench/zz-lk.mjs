import * as tf from '@tensorflow/tfjs-core';
import { mixLerp, mixLerpK } from '@mixzoo/kernels';
import { measure, permutation, rng } from '/work/main/bench/lib.js';
const next = rng(1);
const shape = [256, 32, 32, 3];
const data = Float32Array.from({ length: 256 * 3072 }, () => next());
const p1 = permutation(256, next), p2 = permutation(256, next);
const partners = p1.map((p, i) => [i, p, p2[i]]);
const weights = partners.map(() => [0.5, 0.3, 0.2]);
for (const b of ['wasm', 'cpu']) {
  await tf.setBackend(b);
  const x = tf.tensor(data, shape);
  const l = await measure(() => mixLerp(x, p1, p1.map(() => 0.4)).dispose(), { reps: 30 });
  const k = await measure(() => mixLerpK(x, partners, weights).dispose(), { reps: 30 });
  const k2 = await measure(() => mixLerpK(x, p1.map((p, i) => [i, p]), p1.map(() => [0.4, 0.6])).dispose(), { reps: 30 });
  console.log(b, 'mixLerp', l.median.toFixed(2), 'mixLerpK k=3', k.median.toFixed(2), 'k=2', k2.median.toFixed(2));
  x.dispose();
}

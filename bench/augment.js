// Index-remap augmentations (crop with padding, flip, translate, 90° rotation) and the k-way lerp:
// mixzoo's fused kernels vs the same results composed from tfjs ops, on wasm and cpu.
// Every variant produces the same pixels (checked once per workload before timing).
import * as tf from '@tensorflow/tfjs-core';
import { mixLerpK, remap } from '@mixzoo/kernels';
import { measure, ms, permutation, printTable, prng } from './lib.js';

const WORKLOADS = [
  { name: 'B', shape: [256, 32, 32, 3] },
  { name: 'A', shape: [64, 224, 224, 3] },
];

/** Per-sample plans, drawn once per workload with a seeded PRNG. */
function plans(batch, size, next) {
  const pad = Math.round(size / 8);
  const shift = () => Math.floor(next() * (2 * pad + 1)) - pad;
  return {
    pad,
    crop: Array.from({ length: batch }, () => ({ top: shift(), left: shift() })),
    flip: Array.from({ length: batch }, () => next() < 0.5),
    turns: Array.from({ length: batch }, () => Math.floor(next() * 4)),
  };
}

// The fused index maps (the augmentations' own apply functions build exactly these).
const fused = {
  crop: (x, p) => remap(x, p.crop.map((c) => ({ y: [1, 0, c.top], x: [0, 1, c.left] }))),
  flip: (x, p) => remap(x, p.flip.map((f) => (f ? { y: [1, 0, 0], x: [0, -1, x.shape[2] - 1] } : null))),
  translate: (x, p) => remap(x, p.crop.map((c) => ({ y: [1, 0, -c.top], x: [0, 1, -c.left] }))),
  rot90: (x, p) => {
    const n = x.shape[1] - 1;
    const maps = [null, { y: [0, 1, 0], x: [-1, 0, n] }, { y: [-1, 0, n], x: [0, -1, n] }, { y: [0, -1, n], x: [1, 0, 0] }];
    return remap(x, p.turns.map((k) => maps[k]));
  },
};

// The natural tfjs formulation of each: pad once, then per-sample slices / reverses / transposes.
const sample = (x, i) => tf.slice(x, [i, 0, 0, 0], [1, ...x.shape.slice(1)]);
const composed = {
  crop: (x, p) => tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const padded = tf.pad(x, [[0, 0], [p.pad, p.pad], [p.pad, p.pad], [0, 0]]);
    return tf.concat(Array.from({ length: b }, (_, i) => tf.slice(padded, [i, p.pad + p.crop[i].top, p.pad + p.crop[i].left, 0], [1, h, w, c])), 0);
  }),
  flip: (x, p) => tf.tidy(() => tf.where(tf.tensor(p.flip.map((f) => (f ? 1 : 0)), [x.shape[0], 1, 1, 1], 'bool'), tf.reverse(x, 2), x)),
  translate: (x, p) => tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    const padded = tf.pad(x, [[0, 0], [p.pad, p.pad], [p.pad, p.pad], [0, 0]]);
    return tf.concat(Array.from({ length: b }, (_, i) => tf.slice(padded, [i, p.pad - p.crop[i].top, p.pad - p.crop[i].left, 0], [1, h, w, c])), 0);
  }),
  rot90: (x, p) => tf.tidy(() => tf.concat(p.turns.map((k, i) => {
    let s = sample(x, i);
    // one counter-clockwise quarter turn = transpose H, W then reverse the rows
    for (let t = 0; t < k; t++) s = tf.reverse(tf.transpose(s, [0, 2, 1, 3]), 1);
    return s;
  }), 0)),
};

/** k = 3 rows: the sample itself and two permutations, Dirichlet-like weights. */
function kway(batch, next) {
  const p1 = permutation(batch, next);
  const p2 = permutation(batch, next);
  const partners = Array.from({ length: batch }, (_, i) => [i, p1[i], p2[i]]);
  const weights = partners.map(() => {
    const raw = [next(), next(), next()];
    const s = raw[0] + raw[1] + raw[2];
    const w = raw.map((v) => v / s);
    w[2] = 1 - w[0] - w[1];
    return w;
  });
  return { partners, weights };
}

const lerpKComposed = (x, { partners, weights }) => tf.tidy(() => {
  const b = x.shape[0];
  let out;
  for (let k = 0; k < 3; k++) {
    const idx = tf.tensor1d(partners.map((row) => row[k]), 'int32');
    const w = tf.tensor(weights.map((row) => row[k]), [b, 1, 1, 1]);
    const term = tf.mul(tf.gather(x, idx), w);
    out = out ? tf.add(out, term) : term;
  }
  return out;
});

function sameValues(a, b, tol) {
  const [u, v] = [a.dataSync(), b.dataSync()];
  for (let i = 0; i < u.length; i++) if (Math.abs(u[i] - v[i]) > tol) throw new Error(`bench: variants disagree at ${i}: ${u[i]} vs ${v[i]}`);
}

export async function run() {
  const rows = [];
  for (const w of WORKLOADS) {
    const next = prng(77);
    const [batch, size] = w.shape;
    const data = Float32Array.from({ length: w.shape.reduce((a, d) => a * d, 1) }, () => next());
    const p = plans(batch, size, next);
    const k = kway(batch, next);
    const ops = [
      ...Object.keys(fused).map((name) => ({ name, fast: (x) => fused[name](x, p), slow: (x) => composed[name](x, p), tol: 0 })),
      { name: 'mixLerpK (k = 3)', fast: (x) => mixLerpK(x, k.partners, k.weights), slow: (x) => lerpKComposed(x, k), tol: 1e-5 },
    ];
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const x = tf.tensor(data, w.shape);
      for (const op of ops) {
        const [a, b] = [op.fast(x), op.slow(x)];
        sameValues(a, b, op.tol);
        tf.dispose([a, b]);
        const fast = await measure(() => op.fast(x).dispose(), { reps: 20, budgetMs: 3000 });
        // Composed ops take up to seconds per call here: one warm-up, then at least one timed call within ~2 s.
        const slow = await measure(() => op.slow(x).dispose(), { warmup: 1, reps: 5, minReps: 1, budgetMs: 2000 });
        rows.push([`${w.name} [${w.shape.join(',')}]`, op.name, backend, ms(fast.median), ms(slow.median), (slow.median / fast.median).toFixed(1)]);
      }
      x.dispose();
    }
  }
  await tf.setBackend('wasm');
  console.log('\n## Index-remap augmentations and k-way lerp: fused kernel vs composed tfjs ops (median ms per batch)\n');
  printTable(['workload', 'op', 'backend', 'fused ms', 'tfjs ops ms', 'speed-up'], rows);
  return rows;
}

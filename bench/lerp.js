// mixLerp throughput: mixzoo's fused kernel (wasm, cpu) vs the same mix composed from tfjs ops,
// against a plain-JS loop over preallocated Float32Arrays measured in the same run.
import * as tf from '@tensorflow/tfjs-core';
import { mixLerp } from '@mixzoo/kernels';
import { measure, ms, permutation, printTable, prng } from './lib.js';

const WORKLOADS = [
  { name: 'A', shape: [64, 224, 224, 3] },
  { name: 'B', shape: [256, 32, 32, 3] },
];

/** The baseline: the ideal JS loop, output buffer reused across calls (no allocation). */
function plainLerp(out, x, partner, lambda, size) {
  for (let i = 0; i < partner.length; i++) {
    const l = lambda[i];
    const m = 1 - l;
    const o = i * size;
    const j = partner[i] * size;
    for (let k = 0; k < size; k++) out[o + k] = l * x[o + k] + m * x[j + k];
  }
}

/** The same loop unrolled ×8, as in the fused kernel: isolates the cost of going through tfjs. */
function plainLerpUnrolled(out, x, partner, lambda, size) {
  for (let i = 0; i < partner.length; i++) {
    const l = lambda[i];
    const m = 1 - l;
    const end = (i + 1) * size;
    let p = i * size;
    let q = partner[i] * size;
    for (const end8 = end - 7; p < end8; p += 8, q += 8) {
      out[p] = l * x[p] + m * x[q];
      out[p + 1] = l * x[p + 1] + m * x[q + 1];
      out[p + 2] = l * x[p + 2] + m * x[q + 2];
      out[p + 3] = l * x[p + 3] + m * x[q + 3];
      out[p + 4] = l * x[p + 4] + m * x[q + 4];
      out[p + 5] = l * x[p + 5] + m * x[q + 5];
      out[p + 6] = l * x[p + 6] + m * x[q + 6];
      out[p + 7] = l * x[p + 7] + m * x[q + 7];
    }
    for (; p < end; p++, q++) out[p] = l * x[p] + m * x[q];
  }
}

function composed(x, partner, lambda) {
  return tf.tidy(() => {
    const l = tf.tensor(lambda, [lambda.length, 1, 1, 1]);
    const other = tf.gather(x, tf.tensor1d(partner, 'int32'));
    return tf.add(tf.mul(x, l), tf.mul(other, tf.sub(1, l)));
  });
}

export async function run() {
  const results = [];
  for (const w of WORKLOADS) {
    const next = prng(1234);
    const [batch] = w.shape;
    const size = w.shape.slice(1).reduce((a, b) => a * b, 1);
    const data = new Float32Array(batch * size);
    for (let i = 0; i < data.length; i++) data[i] = next();
    const partner = permutation(batch, next);
    const lambda = Array.from({ length: batch }, () => next());

    // Steady state: each variant is warmed up, then timed over repeated calls; every tfjs output
    // is disposed right away, so the allocator sees the same pattern as in a training loop.
    const out = new Float32Array(data.length);
    const rows = [
      { variant: 'plain JS loop, preallocated output (baseline)', backend: 'js', t: await measure(() => plainLerp(out, data, partner, lambda, size), { reps: 30 }) },
      { variant: 'plain JS loop unrolled ×8, preallocated output', backend: 'js', t: await measure(() => plainLerpUnrolled(out, data, partner, lambda, size), { reps: 30 }) },
    ];
    for (const backend of ['wasm', 'cpu']) {
      await tf.setBackend(backend);
      const x = tf.tensor(data, w.shape);
      const fused = await measure(() => mixLerp(x, partner, lambda).dispose(), { reps: 30 });
      // Composed cpu ops on A take seconds per call: fewer repetitions there.
      const slow = backend === 'cpu' && w.name === 'A' ? { warmup: 1, reps: 3 } : { warmup: 2, reps: 10 };
      const ops = await measure(() => composed(x, partner, lambda).dispose(), slow);
      x.dispose();
      rows.push({ variant: 'mixzoo mixLerp (fused kernel)', backend, t: fused });
      rows.push({ variant: 'tfjs ops: gather + mul + sub + add', backend, t: ops });
    }
    await tf.setBackend('wasm');
    const base = rows[0].t.median;
    for (const r of rows) {
      results.push({ workload: w.name, shape: w.shape, variant: r.variant, backend: r.backend, ms: r.t.median, reps: r.t.reps, ratio: r.t.median / base });
    }
  }

  console.log('\n## mixLerp, per-sample λ, random partner permutation (median ms per batch)\n');
  printTable(
    ['workload', 'variant', 'backend', 'median ms', '× baseline', 'reps'],
    results.map((r) => [`${r.workload} [${r.shape.join(',')}]`, r.variant, r.backend, ms(r.ms), r.ratio.toFixed(2), r.reps]),
  );
  console.log('\nTargets (default backend = wasm):');
  for (const name of WORKLOADS.map((w) => w.name)) {
    const pick = (variant, backend) => results.find((r) => r.workload === name && r.variant.startsWith(variant) && r.backend === backend);
    const fused = pick('mixzoo', 'wasm');
    const ops = pick('tfjs ops', 'wasm');
    const within = fused.ratio <= 1.5;
    const speedup = ops.ms / fused.ms;
    console.log(`  ${name}: fused wasm = ${fused.ratio.toFixed(2)}× baseline (target ≤ 1.5×: ${within ? 'met' : 'MISSED'}); ` +
      `${speedup.toFixed(0)}× faster than composed wasm ops (target ≥ 20×: ${speedup >= 20 ? 'met' : 'MISSED'})`);
  }
  return results;
}

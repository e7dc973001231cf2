// mixLerp throughput. Part 1, wasm (the default backend), all variants interleaved in one loop:
// the in-place SIMD kernel, the same fused kernel with its JS loop (SIMD turned off), the mix
// composed from tfjs ops, against `TypedArray.prototype.set` of the same bytes into a
// preallocated array (the memory limit); plus the soft-mask maskBlend. Part 2: the fused kernel
// and composed ops on cpu, against plain-JS loops over preallocated Float32Arrays.
import * as tf from '@tensorflow/tfjs-core';
import { heapKernelsSupported, maskBlend, mixLerp, setHeapKernelsEnabled } from '@mixzoo/kernels';
import { measure, measureInterleaved, ms, permutation, printTable, prng } from './lib.js';

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

/** One workload on wasm, every variant interleaved: { [variant]: stats }. */
async function wasmVariants(w, data, partner, lambda) {
  await tf.setBackend('wasm');
  const [batch, height, width] = w.shape;
  const x = tf.tensor(data, w.shape);
  // A soft FMix-like mask shared by the batch: smooth values, about a third exactly 0 or 1.
  const m = Float32Array.from({ length: height * width }, (_, k) => Math.min(1, Math.max(0, 1.5 * Math.sin(k / 97) ** 2 - 0.25)));
  const mask = tf.tensor(m, [1, height, width]);
  const masks = tf.tile(mask, [batch, 1, 1]); // the same values, one mask per sample
  const copy = new Float32Array(data.length);
  const fused = (on, op) => () => {
    setHeapKernelsEnabled(on);
    op().dispose();
  };
  const t = await measureInterleaved({
    set: () => copy.set(data),
    simd: fused(true, () => mixLerp(x, partner, lambda)),
    js: fused(false, () => mixLerp(x, partner, lambda)),
    ops: () => composed(x, partner, lambda).dispose(),
    maskSimd: fused(true, () => maskBlend(x, partner, mask)),
    maskJs: fused(false, () => maskBlend(x, partner, mask)),
    masksSimd: fused(true, () => maskBlend(x, partner, masks)),
  }, { warmup: 2, reps: 20 });
  setHeapKernelsEnabled(true);
  tf.dispose([x, mask, masks]);
  return t;
}

const WASM_ROWS = [
  ['set', 'TypedArray.prototype.set, same bytes, preallocated (memory limit)'],
  ['simd', 'mixLerp, in-place WebAssembly SIMD kernel'],
  ['js', 'mixLerp, fused kernel with its JS loop (SIMD off)'],
  ['ops', 'mixLerp as tfjs ops: gather + mul + sub + add'],
  ['maskSimd', 'maskBlend soft shared mask, SIMD kernel'],
  ['maskJs', 'maskBlend soft shared mask, JS loop (SIMD off)'],
  ['masksSimd', 'maskBlend soft per-sample masks, SIMD kernel'],
];

export async function run() {
  const results = [];
  const wasm = [];
  for (const w of WORKLOADS) {
    const next = prng(1234);
    const [batch] = w.shape;
    const size = w.shape.slice(1).reduce((a, b) => a * b, 1);
    const data = new Float32Array(batch * size);
    for (let i = 0; i < data.length; i++) data[i] = next();
    const partner = permutation(batch, next);
    const lambda = Array.from({ length: batch }, () => next());
    wasm.push({ w, t: await wasmVariants(w, data, partner, lambda) });

    // Steady state: each variant is warmed up, then timed over repeated calls; every tfjs output
    // is disposed right away, so the allocator sees the same pattern as in a training loop.
    const out = new Float32Array(data.length);
    const rows = [
      { variant: 'plain JS loop, preallocated output (baseline)', backend: 'js', t: await measure(() => plainLerp(out, data, partner, lambda, size), { reps: 30 }) },
      { variant: 'plain JS loop unrolled ×8, preallocated output', backend: 'js', t: await measure(() => plainLerpUnrolled(out, data, partner, lambda, size), { reps: 30 }) },
    ];
    await tf.setBackend('cpu');
    const x = tf.tensor(data, w.shape);
    const fused = await measure(() => mixLerp(x, partner, lambda).dispose(), { reps: 30 });
    // Composed cpu ops on A take seconds per call: fewer repetitions there.
    const slow = w.name === 'A' ? { warmup: 1, reps: 3 } : { warmup: 2, reps: 10 };
    const ops = await measure(() => composed(x, partner, lambda).dispose(), slow);
    x.dispose();
    rows.push({ variant: 'mixzoo mixLerp (fused kernel)', backend: 'cpu', t: fused });
    rows.push({ variant: 'tfjs ops: gather + mul + sub + add', backend: 'cpu', t: ops });
    await tf.setBackend('wasm');
    const base = rows[0].t.median;
    for (const r of rows) {
      results.push({ workload: w.name, shape: w.shape, variant: r.variant, backend: r.backend, ms: r.t.median, reps: r.t.reps, ratio: r.t.median / base });
    }
  }

  console.log(`\n## mixLerp and maskBlend on wasm, interleaved (median ms per batch; SIMD kernels ${heapKernelsSupported() ? 'available' : 'NOT available: JS loops'})\n`);
  printTable(
    ['workload', 'variant', 'median ms', '× set', 'reps'],
    wasm.flatMap(({ w, t }) => WASM_ROWS.map(([key, label]) => [`${w.name} [${w.shape.join(',')}]`, label, ms(t[key].median), (t[key].median / t.set.median).toFixed(2), t[key].reps])),
  );
  console.log('\nTargets (ratios from the same interleaved run):');
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  for (const { w, t } of wasm) {
    const [set, simd] = [t.set.median, t.simd.median];
    const vsSet = simd / set;
    const vsOps = t.ops.median / simd;
    const mask = t.maskSimd.median / set;
    const masks = t.masksSimd.median / set;
    console.log(`  ${w.name}: mixLerp SIMD = ${vsSet.toFixed(2)}× set (target ≤ 2.5×: ${verdict(vsSet <= 2.5)}); ` +
      `${vsOps.toFixed(0)}× faster than composed wasm ops (target ≥ 40×: ${verdict(vsOps >= 40)}); ` +
      `${(t.js.median / simd).toFixed(1)}× faster than the JS loop; ` +
      `soft maskBlend SIMD = ${mask.toFixed(2)}× set (target ≤ 3×: ${verdict(mask <= 3)}), ${(t.maskJs.median / t.maskSimd.median).toFixed(1)}× faster than its JS loop; ` +
      `per-sample masks ${masks.toFixed(2)}× set (target ≤ 3×: ${verdict(masks <= 3)})`);
  }

  console.log('\n## mixLerp on cpu and plain JS loops (median ms per batch)\n');
  printTable(
    ['workload', 'variant', 'backend', 'median ms', '× baseline', 'reps'],
    results.map((r) => [`${r.workload} [${r.shape.join(',')}]`, r.variant, r.backend, ms(r.ms), r.ratio.toFixed(2), r.reps]),
  );
  return { wasm, results };
}

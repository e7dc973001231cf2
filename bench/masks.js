// Mask family: cutmix, fmix (apply; mask sampling reported separately) and resizemix through
// mixzoo's kernels, against the same mixes composed from tfjs ops and a plain-JS row-copy
// baseline, all measured in the same run on the default backend (wasm). `node bench/run.js masks`
// runs this section alone.
import * as tf from '@tensorflow/tfjs-core';
import { createZoo } from 'mixzoo';
import { setHeapKernelsEnabled } from '@mixzoo/kernels';
import { measure, measureInterleaved, ms, printTable, prng } from './lib.js';

const WORKLOADS = [
  { name: 'A', shape: [64, 224, 224, 3] },
  { name: 'B', shape: [256, 32, 32, 3] },
];

/** The baseline: copy every image, then each sample's box rows from its partner (TypedArray.set). */
function plainRowCopy(out, x, plan, [, h, w, c]) {
  out.set(x);
  const row = w * c;
  const image = h * row;
  plan.boxes.forEach((box, i) => {
    if (!box) return;
    const width = (box.x1 - box.x0) * c;
    for (let y = box.y0; y < box.y1; y++) {
      const offset = y * row + box.x0 * c;
      const from = plan.partner[i] * image + offset;
      out.set(x.subarray(from, from + width), i * image + offset);
    }
  });
}

/** A 0/1 [B, H, W, 1] mask of the plan's boxes, as a composed-ops user would build it. */
function boxMask(plan, [b, h, w]) {
  const mask = new Float32Array(b * h * w);
  plan.boxes.forEach((box, i) => {
    if (!box) return;
    for (let y = box.y0; y < box.y1; y++) mask.fill(1, i * h * w + y * w + box.x0, i * h * w + y * w + box.x1);
  });
  return mask;
}

const composedBoxes = (x, plan, shape) =>
  tf.tidy(() => {
    const [b, h, w] = shape;
    const inBox = tf.cast(tf.tensor4d(boxMask(plan, shape), [b, h, w, 1]), 'bool');
    return tf.where(tf.broadcastTo(inBox, shape), tf.gather(x, tf.tensor1d(plan.partner, 'int32')), x);
  });

const composedMask = (x, plan) =>
  tf.tidy(() => {
    const m = tf.tensor4d(plan.masks.data[0], [1, plan.height, plan.width, 1]);
    return tf.add(tf.mul(x, m), tf.mul(tf.gather(x, tf.tensor1d(plan.partner, 'int32')), tf.sub(1, m)));
  });

/** ResizeMix from tfjs ops: per sample, resize the partner, pad it into the box, select. */
const composedResize = (x, plan, [, h, w]) =>
  tf.tidy(() => {
    const samples = plan.boxes.map((box, i) => {
      const own = tf.slice(x, [i, 0, 0, 0], [1, -1, -1, -1]);
      if (!box || box.y1 === box.y0 || box.x1 === box.x0) return own;
      const partner = tf.slice(x, [plan.partner[i], 0, 0, 0], [1, -1, -1, -1]);
      const patch = tf.image.resizeBilinear(partner, [box.y1 - box.y0, box.x1 - box.x0], false, true);
      const padding = [[0, 0], [box.y0, h - box.y1], [box.x0, w - box.x1], [0, 0]];
      const inBox = tf.pad(tf.onesLike(patch), padding);
      return tf.where(tf.cast(inBox, 'bool'), tf.pad(patch, padding), own);
    });
    return tf.concat(samples);
  });

export async function run() {
  const zoo = await createZoo({ seed: 3, backend: 'wasm' });
  const rows = [];
  for (const w of WORKLOADS) {
    const [b, h, width] = w.shape;
    const next = prng(99);
    const data = Float32Array.from({ length: w.shape.reduce((p, q) => p * q, 1) }, () => next());
    const x = tf.tensor4d(data, w.shape);
    const shape = { batchSize: b, height: h, width };
    const slow = w.name === 'A' ? { warmup: 1, reps: 5 } : { warmup: 2, reps: 10 };
    const add = (variant, t, base) => rows.push({ workload: `${w.name} [${w.shape.join(',')}]`, variant, t, base });

    const cutmix = zoo.create('cutmix', { mode: 'elem', pairing: 'derangement', alpha: 1 });
    const cutPlan = cutmix.sample(shape);
    const out = new Float32Array(data.length);
    // Interleaved, so a busy machine slows the baseline and the kernel alike: the in-place wasm
    // paste (the default) and the same fused kernel with its JS row copies (SIMD kernels off).
    const apply = (on) => () => {
      setHeapKernelsEnabled(on);
      cutmix.apply({ inputs: x }, cutPlan).inputs.dispose();
    };
    const cut = await measureInterleaved({ base: () => plainRowCopy(out, data, cutPlan, w.shape), wasm: apply(true), js: apply(false) }, { warmup: 3, reps: 30 });
    setHeapKernelsEnabled(true);
    const base = cut.base;
    add('plain JS row copy (baseline)', base, base);
    add('cutmix apply (mixzoo)', cut.wasm, base);
    add('cutmix apply, JS row copies (wasm kernels off)', cut.js, base);
    add('cutmix, tfjs ops (gather + where)', await measure(() => composedBoxes(x, cutPlan, w.shape).dispose(), slow), base);

    const fmix = zoo.create('fmix', { pairing: 'derangement' });
    add('fmix mask sampling (one H×W mask)', await measure(() => fmix.sample(shape), { reps: 30 }), base);
    const fmixPlan = fmix.sample(shape);
    add('fmix apply (mixzoo)', await measure(() => fmix.apply({ inputs: x }, fmixPlan).inputs.dispose(), { reps: 30 }), base);
    add('fmix, tfjs ops (gather + mul + add)', await measure(() => composedMask(x, fmixPlan).dispose(), slow), base);

    const resizemix = zoo.create('resizemix', { mode: 'elem', pairing: 'derangement' });
    const resizePlan = resizemix.sample(shape);
    add('resizemix apply (mixzoo)', await measure(() => resizemix.apply({ inputs: x }, resizePlan).inputs.dispose(), { reps: 30 }), base);
    // The composed ResizeMix takes seconds per batch: one timed call is enough to show the gap.
    const once = { warmup: 0, reps: 1, minReps: 1 };
    add('resizemix, tfjs ops (per-sample resize + pad + where)', await measure(() => composedResize(x, resizePlan, w.shape).dispose(), once), base);
    x.dispose();
  }

  console.log(`\n## Mask family on ${tf.getBackend()}, per-sample geometry, derangement partners (median ms per batch)\n`);
  printTable(['workload', 'variant', 'median ms', '× baseline', 'reps'], rows.map((r) => [r.workload, r.variant, ms(r.t.median), (r.t.median / r.base.median).toFixed(2), r.t.reps]));
  console.log('\nTargets:');
  for (const w of WORKLOADS) {
    const pick = (prefix) => rows.find((r) => r.workload.startsWith(w.name) && r.variant.startsWith(prefix)).t.median;
    const verdict = (ok) => (ok ? 'met' : 'MISSED');
    const cut = pick('cutmix apply (mixzoo)') / pick('plain JS');
    const overJs = pick('cutmix apply, JS') / pick('cutmix apply (mixzoo)');
    console.log(`  ${w.name}: cutmix apply = ${cut.toFixed(2)}× row-copy baseline (target ≤ 1.5×: ${verdict(cut <= 1.5)}); ${overJs.toFixed(2)}× faster than its JS row copies`);
    for (const name of ['cutmix', 'fmix', 'resizemix']) {
      const speedup = pick(`${name}, tfjs ops`) / pick(`${name} apply (mixzoo)`);
      console.log(`  ${w.name}: ${name} ${speedup.toFixed(0)}× faster than composed tfjs ops (target ≥ 20×: ${verdict(speedup >= 20)})`);
    }
    if (w.name === 'A') {
      const sampling = pick('fmix mask sampling');
      console.log(`  A: fmix 224×224 mask sampling ${ms(sampling)} ms (target < 5 ms: ${verdict(sampling < 5)})`);
    }
  }
  return rows;
}

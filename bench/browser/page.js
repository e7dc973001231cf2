// The page of `npm run bench:browser` (bundled by Vite): every op, fused GPU program vs the
// composed tfjs ops, on webgl and webgpu, in the same run. The composed path is what runs when
// the GPU kernels are not registered, so each op is timed once with them and once after
// unregistering them (registered again right after).
import * as tf from '@tensorflow/tfjs-core';
import { fusedKernelNames, kernelOps } from '@mixzoo/kernels';
import { registerWebGLKernels } from '@mixzoo/kernels/webgl';
import { registerWebGPUKernels } from '@mixzoo/kernels/webgpu';
import { prng } from '../../test/helpers/prng.js';

const register = { webgl: registerWebGLKernels, webgpu: registerWebGPUKernels };

/** The ops and their plans for a batch of `shape`, on seeded data. */
function workloads(shape) {
  const [b, h, w] = shape;
  const next = prng(7);
  const partner = Array.from({ length: b }, () => Math.floor(next() * b));
  const lambda = partner.map(() => next());
  const box = () => {
    const y0 = Math.floor(next() * h / 2);
    const x0 = Math.floor(next() * w / 2);
    return { y0, x0, y1: y0 + Math.ceil(h / 3), x1: x0 + Math.ceil(w / 3) };
  };
  const boxes = partner.map(box);
  const x = tf.randomUniform(shape, 0, 1, 'float32', 1);
  // A fresh mask per call, built in JS as mixzoo's masks are: its values are on the CPU, so
  // checking them needs no readback (on SwiftShader's WebGPU tfjs's synchronous readback, which
  // the composed path's dataSync() would make, loses the device).
  const maskValues = Float32Array.from({ length: b * h * w }, () => next());
  const blend = () => {
    const mask = tf.tensor(maskValues, [b, h, w]);
    const out = kernelOps.maskBlend(x, partner, mask);
    mask.dispose();
    return out;
  };
  const partners = partner.map((p, i) => [p, (i + 1) % b, (i + 2) % b]);
  const weights = partner.map(() => [0.5, 0.3, 0.2]);
  const patches = partner.map((p, i) => [{ source: p, box: box() }, { source: (i + 1) % b, box: box() }]);
  const maps = partner.map((_, i) => (i % 2 ? { y: [1, 0, 0], x: [0, -1, w - 1] } : { y: [1, 0, 2], x: [0, 1, -3] }));
  const ops = {
    mixLerp: () => kernelOps.mixLerp(x, partner, lambda),
    mixLerpK: () => kernelOps.mixLerpK(x, partners, weights),
    maskBlend: blend,
    pasteBoxes: () => kernelOps.pasteBoxes(x, partner, boxes),
    pastePatches: () => kernelOps.pastePatches(x, patches),
    pasteResized: () => kernelOps.pasteResized(x, partner, boxes),
    remap: () => kernelOps.remap(x, maps, { border: 'reflect' }),
  };
  return { ops, dispose: () => x.dispose() };
}

/**
 * Waits until `t` is computed, reading back one element only: GPU work runs in order, so the
 * slice is ready once everything queued before it is (a full readback would cost more than the
 * op itself on SwiftShader and drown the difference).
 */
async function settle(t) {
  const one = tf.slice(tf.reshape(t, [-1]), [0], [1]);
  await one.data();
  one.dispose();
}

/**
 * ms per call: `calls` calls queued back to back, then one wait for the last output. Median of 3
 * repetitions; slow ops (the composed per-sample paths take seconds) are timed once.
 */
async function time(op, budgetMs = 1500) {
  const once = async () => {
    const t0 = performance.now();
    const o = op();
    await settle(o);
    o.dispose();
    return performance.now() - t0;
  };
  await once(); // compiles the programs
  const single = await once();
  if (single > budgetMs / 3) return single;
  const calls = Math.max(1, Math.min(10, Math.floor(budgetMs / 3 / single)));
  const times = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const o = op();
      if (i === calls - 1) await settle(o);
      o.dispose();
    }
    times.push((performance.now() - t0) / calls);
  }
  times.sort((a, b) => a - b);
  return times[1];
}

async function adapterName(backend) {
  const b = tf.engine().backend;
  if (backend === 'webgpu') return `${b.adapterInfo?.vendor ?? '?'} ${b.adapterInfo?.architecture ?? ''}`.trim();
  const gl = b.gpgpu.gl;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
}

async function bench({ shapes, backends = ['webgl', 'webgpu'] }) {
  const rows = [];
  const adapters = {};
  for (const backend of backends) {
    if (!(await tf.setBackend(backend).catch(() => false))) {
      adapters[backend] = 'unavailable';
      continue;
    }
    adapters[backend] = await adapterName(backend);
    for (const shape of shapes) {
      const { ops, dispose } = workloads(shape);
      for (const [name, op] of Object.entries(ops)) {
        const fused = await time(op);
        for (const k of fusedKernelNames) tf.unregisterKernel(k, backend);
        let composed;
        try {
          composed = await time(op);
        } finally {
          register[backend]();
        }
        rows.push({ backend, shape, op: name, fused, composed });
        console.log(`${backend} [${shape}] ${name}: fused ${fused.toFixed(2)} ms, composed ${composed.toFixed(2)} ms`);
      }
      dispose();
    }
  }
  return { adapters, rows, userAgent: navigator.userAgent };
}

globalThis.benchGpuKernels = bench;

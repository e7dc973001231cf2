import { createZoo, defineStrategy, identityPlan, kernels, tf, z, type KernelOps } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { optionsFor, patternImages } from './strategies.js';
import { withModelContext } from './helpers/model-context.js';

describe('backends agree', () => {
  it('every strategy gives the same pixels and labels on cpu, wasm and cpu without fused kernels', async () => {
    const paths: Record<string, kernels.KernelPathProbe> = {};
    kernels.registerNoFusedBackend('cpu-nofused');
    const reference = await createZoo({ seed: 9, backend: 'cpu' });
    const results: Record<string, Record<string, Float32Array>> = {};
    const plans = Object.fromEntries(
      reference.list().map((name) => {
        const m = withModelContext(reference.create(name, optionsFor(reference, name)));
        const x = patternImages(6, 15, 13);
        const plan = m.sample({ batchSize: 6, height: 15, width: 13, channels: 3 }, { inputs: x });
        x.dispose();
        return [name, plan];
      }),
    );
    for (const backend of ['cpu', 'wasm', 'cpu-nofused']) {
      await tf.setBackend(backend);
      const zoo = await createZoo({ seed: 9, backend: backend === 'cpu-nofused' ? 'cpu' : (backend as 'cpu' | 'wasm') });
      if (backend === 'cpu-nofused') await tf.setBackend('cpu-nofused');
      const probe = (paths[backend] = kernels.probeKernelPaths());
      for (const name of zoo.list()) {
        const m = withModelContext(zoo.create(name, optionsFor(zoo, name)));
        const x = patternImages(6, 15, 13);
        const y = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
        const out = m.apply({ inputs: x, labels: y, numClasses: 6 }, plans[name]);
        (results[name] ??= {})[backend] = Float32Array.from([...out.inputs.dataSync(), ...out.labels!.dataSync()]);
        tf.dispose([x, y, out.inputs, out.labels!]);
      }
      probe.stop();
    }
    // Every pixel op of every strategy took its backend's path: fused on cpu and wasm (no silent
    // fallback), composed without fused kernels.
    for (const [backend, probe] of Object.entries(paths)) {
      const counts = Object.values(probe.counts);
      expect(counts.length, backend).toBeGreaterThan(0);
      const other = backend === 'cpu-nofused' ? 'fused' : 'composed';
      expect(counts.reduce((n, c) => n + c[other], 0), `${backend}: ${JSON.stringify(probe.counts)}`).toBe(0);
    }
    for (const [name, byBackend] of Object.entries(results)) {
      for (const backend of ['wasm', 'cpu-nofused']) {
        const a = byBackend.cpu;
        const b = byBackend[backend];
        const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
        expect(worst, `${name}: cpu vs ${backend}`).toBeLessThanOrEqual(1e-5);
      }
    }
    await tf.setBackend('cpu');
  });

  it('createZoo hands strategies the one complete ops object', async () => {
    let seen: KernelOps | undefined;
    const probe = defineStrategy({
      name: 'ops-probe', family: 'test', paper: 'none', summary: 'Records the ops it is given.', options: z.object({}),
      sample: (ctx) => identityPlan('ops-probe', ctx.batchSize),
      apply: (x, plan, ctx) => ((seen = ctx.kernels), ctx.applyDefault(x, plan)),
    });
    const zoo = await createZoo({ backend: 'cpu', plugins: [{ name: 'ops-probe', register: (host) => host.register(probe) }] });
    const [x, y] = [patternImages(2, 4, 4), tf.tensor2d([1, 0, 0, 1], [2, 2])];
    const out = zoo.create('ops-probe').mix({ inputs: x, labels: y });
    expect(seen).toBe(kernels.kernelOps);
    expect(Object.keys(seen!).sort()).toEqual(['maskBlend', 'mixLerp', 'mixLerpK', 'pasteBoxes', 'pastePatches', 'pasteResized', 'remap']);
    tf.dispose([x, y, out.inputs, out.labels!]);
  });
});

import {
  builtinAugmentations, builtinPlugins, createAugmenter, createCoreZoo, createZoo, kernels, tf, withPipeline,
  type AugmentSpec, type KernelOpName, type KernelOps,
} from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { patternImages } from './strategies.js';

/**
 * kernelOps with every call counted: to the zoo it stands for a backend's own ops object. The
 * pixels stay kernelOps', so outputs must equal those of a zoo on kernelOps.
 */
function countedOps(): { ops: KernelOps; calls: Partial<Record<KernelOpName, number>> } {
  const calls: Partial<Record<KernelOpName, number>> = {};
  const ops = Object.fromEntries(
    Object.entries(kernels.kernelOps).map(([name, op]) => [
      name,
      (...args: unknown[]) => {
        calls[name as KernelOpName] = (calls[name as KernelOpName] ?? 0) + 1;
        return (op as (...a: unknown[]) => tf.Tensor)(...args);
      },
    ]),
  ) as unknown as KernelOps;
  return { ops, calls };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('strategies and augmentations reach pixels through the ops of their context', () => {
  // The strategies that paste patches or resized images themselves (the others go through ctx.applyDefault).
  const strategies: [string, Record<string, unknown>, KernelOpName][] = [
    ['cutmix', { numMix: 3, mode: 'elem' }, 'pastePatches'],
    ['ricap', { mode: 'elem' }, 'pastePatches'],
    ['mosaic', {}, 'pastePatches'],
    ['resizemix', { mode: 'elem' }, 'pasteResized'],
  ];

  it.each(strategies)('%s %o calls the zoo\'s %s, with the same pixels', async (name, options, op) => {
    const counted = countedOps();
    const zoo = createCoreZoo({ seed: 5, backend: 'cpu', kernels: counted.ops, plugins: builtinPlugins });
    const reference = await createZoo({ seed: 5, backend: 'cpu' });
    const x = patternImages(4, 9, 7);
    const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
    const seg = tf.tensor4d(Array.from({ length: 4 * 9 * 7 }, (_, k) => k % 5), [4, 9, 7, 1], 'int32');
    const batch = { inputs: x, labels, numClasses: 4, targets: { seg } };
    const out = zoo.create(name, options).mix(batch);
    // One call for the inputs and one for the aligned target, both on the zoo's ops.
    expect(counted.calls).toEqual({ [op]: 2 });
    const expected = reference.create(name, options).apply(batch, out.plan);
    expect(out.inputs.dataSync()).toEqual(expected.inputs.dataSync());
    expect(out.targets!.seg.dataSync()).toEqual(expected.targets!.seg.dataSync());
    tf.dispose([x, labels, seg, out.inputs, out.labels!, out.targets!.seg, expected.inputs, expected.labels!, expected.targets!.seg]);
  });

  // Each augmentation that moves or writes pixels with a kernel op, and that op.
  const augmentations: [AugmentSpec, KernelOpName][] = [
    [{ name: 'crop', options: { padding: 2 } }, 'remap'],
    [{ name: 'flip', options: { horizontal: 1 } }, 'remap'],
    [{ name: 'translate', options: { max: 0.25 } }, 'remap'],
    [{ name: 'rot90', options: { turns: [1] } }, 'remap'],
    [{ name: 'cutout', options: { size: 0.4 } }, 'pastePatches'],
    [{ name: 'random-erasing', options: { prob: 1 } }, 'pastePatches'],
  ];
  // Op-chain augmentations call remap only for the translations they draw: checked with plans below.
  const opChains = new Set(['randaugment', 'trivialaugment', 'augmix']);

  it('the six kernel augmentations are all the other built-ins that use kernel ops', () => {
    const counted = countedOps();
    const x = patternImages(2, 6, 6);
    for (const augmentation of builtinAugmentations.filter((a) => !opChains.has(a.name))) {
      const out = createAugmenter([{ use: augmentation, options: augmentation.name === 'random-erasing' ? { prob: 1 } : {} }], { seed: 1, kernels: counted.ops }).augment({ inputs: x });
      out.inputs.dispose();
    }
    x.dispose();
    expect(counted.calls).toEqual({ remap: 4, pastePatches: 2 });
  });

  it('op chains translate with the zoo\'s remap and put samples back with its pastePatches; augmix blends with its mixLerpK; same pixels', () => {
    const x = patternImages(2, 6, 6);
    const seg = tf.tensor4d(Array.from({ length: 2 * 6 * 6 }, (_, k) => k % 3), [2, 6, 6, 1], 'int32');
    const ops = [{ op: 'translate-x', value: 1 }, { op: 'posterize', value: 5 }];
    // Sample 0 runs the ops, sample 1 is left out: each op of sample 0 is one batched op, then one
    // paste puts it back; aligned targets (randaugment, trivialaugment) follow the translation only.
    const cases: [string, Record<string, unknown>, Record<string, unknown>, boolean, Record<string, number>][] = [
      ['randaugment', {}, { ops }, true, { remap: 2, pastePatches: 3 }],
      ['trivialaugment', {}, { ops: ops.slice(0, 1) }, true, { remap: 2, pastePatches: 2 }],
      ['augmix', { width: 1, depth: 2, severity: 10 }, { weights: [1], m: 0.5, chains: [[ops[0], { op: 'posterize', value: 4 }]] }, false, { remap: 1, pastePatches: 2, mixLerpK: 1 }],
    ];
    for (const [name, options, params, targets, calls] of cases) {
      const counted = countedOps();
      const plan = [{ augmentation: name, height: 6, width: 6, params: [params, null] }];
      const batch = targets ? { inputs: x, targets: { seg } } : { inputs: x };
      const out = createAugmenter([{ name, options }], { kernels: counted.ops }).apply(batch, plan);
      expect(counted.calls, name).toEqual(calls);
      const expected = createAugmenter([{ name, options }]).apply(batch, plan);
      expect(out.inputs.dataSync()).toEqual(expected.inputs.dataSync());
      tf.dispose([out.inputs, expected.inputs, ...Object.values(out.targets ?? {}), ...Object.values(expected.targets ?? {})]);
    }
    tf.dispose([x, seg]);
  });

  it.each(augmentations)('%o in a zoo pipeline calls the zoo\'s %s, with the same pixels', (spec, op) => {
    const counted = countedOps();
    const zoo = withPipeline(createCoreZoo({ seed: 2, backend: 'cpu', kernels: counted.ops, plugins: builtinPlugins }));
    const x = patternImages(3, 6, 6);
    const seg = tf.tensor4d(Array.from({ length: 3 * 6 * 6 }, (_, k) => k % 3), [3, 6, 6, 1], 'int32');
    const out = zoo.pipeline({ augment: [spec] }).apply({ inputs: x, targets: { seg } });
    // Geometric augmentations move the aligned target too; cutout leaves targets untouched.
    expect(counted.calls).toEqual({ [op]: op === 'remap' ? 2 : 1 });
    // The same plan on mixzoo's default ops gives the same pixels.
    const expected = createAugmenter([spec]).apply({ inputs: x, targets: { seg } }, out.plan.augment);
    expect(out.inputs.dataSync()).toEqual(expected.inputs.dataSync());
    expect(out.targets!.seg.dataSync()).toEqual(expected.targets!.seg.dataSync());
    tf.dispose([x, seg, out.inputs, out.targets!.seg, expected.inputs, expected.targets!.seg]);
  });

  it('an augment-then-mix pipeline runs both halves on the zoo\'s ops', () => {
    const counted = countedOps();
    const zoo = withPipeline(createCoreZoo({ seed: 3, backend: 'cpu', kernels: counted.ops, plugins: builtinPlugins }));
    const x = patternImages(4, 8, 8);
    const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
    const out = zoo.pipeline({ augment: ['flip', 'cutout'], mix: { name: 'cutmix', options: { numMix: 2 } } }).apply({ inputs: x, labels, numClasses: 4 });
    expect(counted.calls).toEqual({ remap: 1, pastePatches: 2 });
    tf.dispose([x, labels, out.inputs, out.labels!]);
  });
});

// The step protocol of the manifold-mixup controller: attach, begin/end, step; labels follow the
// plan; every misuse is a MixzooError naming what was expected, and nothing leaks.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { MixzooError } from '@mixzoo/core';
import { ManifoldMixup, MixLayer } from '@mixzoo/mixup';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
import { buildModel, handPlan, inputs, manifoldOn, maxAbsDiff, referenceForward } from './manifold-fixture.js';

function errorOf(fn: () => unknown): MixzooError {
  const before = tf.memory().numTensors;
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MixzooError);
    expect(tf.memory().numTensors).toBe(before);
    return e as MixzooError;
  }
  throw new Error('expected a MixzooError');
}

describe('ManifoldMixup controller', () => {
  it('zoo.create returns it; ManifoldMixup.from refuses other mixers', async () => {
    const zoo = await testZoo();
    const mixer = zoo.create('manifold-mixup');
    expect(mixer).toBeInstanceOf(ManifoldMixup);
    expect(ManifoldMixup.from(mixer)).toBe(mixer);
    expect(mixer.name).toBe('manifold-mixup');
    const e = errorOf(() => ManifoldMixup.from(zoo.create('mixup')));
    expect(e.code).toBe('E_USAGE');
    expect(e.message).toBe("ManifoldMixup.from: expected the mixer of zoo.create('manifold-mixup', ...), got a 'mixup' mixer.");
  });

  it('attach finds MixLayers in nested models and sets the eligible depths', async () => {
    const manifold = await manifoldOn('cpu');
    const inner = tfl.sequential({ layers: [tfl.layers.dense({ units: 3, inputShape: [3] }), new MixLayer({ depth: 2 })] });
    const input = tfl.input({ shape: [3] });
    const h = new MixLayer({ depth: 0 }).apply(input) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: inner.apply(h) as tfl.SymbolicTensor });
    manifold.attach(model);
    expect(manifold.layers.map((l) => l.depth)).toEqual([0, 2]);
    expect(manifold.depths).toEqual([0, 2]);
    const draws = Array.from({ length: 200 }, () => manifold.sample({ batchSize: 4 }).extra!.layer);
    expect(new Set(draws)).toEqual(new Set([0, 2]));
    model.dispose();
  });

  it('labels follow the step plan (with label smoothing), and plans draw every eligible depth', async () => {
    const manifold = await manifoldOn('cpu', { mode: 'elem', labelSmoothing: 0.1 });
    const model = buildModel();
    manifold.attach(model);
    const y = tf.tensor1d([0, 1, 2, 1], 'int32');
    const before = tf.memory().numTensors;
    const seen = new Set<number>();
    for (let s = 0; s < 30; s++) {
      const { plan, labels } = manifold.begin({ labels: y, numClasses: 3 });
      seen.add(plan.extra!.layer as number);
      const rows = labels.arraySync() as number[][];
      const smooth = (c: number) => [0, 1, 2].map((k) => (k === c ? 0.9 : 0) + 0.1 / 3);
      const yv = [0, 1, 2, 1];
      rows.forEach((row, i) => {
        const own = smooth(yv[i]);
        const other = smooth(yv[plan.partner[i]]);
        row.forEach((v, k) => expect(v).toBeCloseTo(plan.lambda[i] * own[k] + (1 - plan.lambda[i]) * other[k], 6));
      });
      manifold.end();
      labels.dispose();
    }
    expect(seen).toEqual(new Set([0, 1, 2]));
    expect(tf.memory().numTensors).toBe(before);
    y.dispose();
    model.dispose();
  });

  it('step ends the step and frees its labels also when fn throws or rejects', async () => {
    const manifold = await manifoldOn('cpu');
    const model = buildModel();
    manifold.attach(model);
    const x = inputs(4);
    const y = tf.tensor1d([0, 1, 1, 0], 'int32');
    const unmixed = referenceForward(model, x);
    const before = tf.memory().numTensors;
    expect(() => manifold.step({ labels: y, numClasses: 2 }, () => {
      throw new Error('boom');
    })).toThrow('boom');
    await expect(manifold.step({ labels: y, numClasses: 2 }, () => Promise.reject(new Error('later')))).rejects.toThrow('later');
    expect(tf.memory().numTensors).toBe(before);
    const out = model.apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(out, unmixed)).toBeLessThan(1e-6);
    // a fresh step works after the failures
    const value = manifold.step({ labels: y, numClasses: 2 }, ({ labels }) => labels.shape[1]);
    expect(value).toBe(2);
    tf.dispose([x, y, unmixed, out]);
    model.dispose();
  });

  it('a batch that does not match the plan fails in the layer, names both sizes, and leaks nothing', async () => {
    const manifold = await manifoldOn('cpu');
    const model = buildModel();
    manifold.attach(model);
    const x = inputs(6);
    const y = tf.tensor1d([0, 1, 1, 0], 'int32');
    const e = errorOf(() => manifold.step({ labels: y, numClasses: 2 }, () => tf.tidy(() => model.apply(x, { training: true }) as tf.Tensor), handPlan(4, 1)));
    expect(e.code).toBe('E_SHAPE');
    expect(e.message).toMatch(/^MixLayer 'mix_layer_\w+' \(depth 1\): the step's plan is for 4 samples, got activations \[6, 4\]\.$/);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('refuses misuse with messages naming what was expected', async () => {
    const manifold = await manifoldOn('cpu', { layers: [0, 1] });
    const y = tf.tensor1d([0, 1, 1, 0], 'int32');
    expect(errorOf(() => manifold.begin({ labels: y, numClasses: 2 })).message).toBe('manifold-mixup.begin: no model attached; call attach(model) with a model that has MixLayers.');
    const plain = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3] })] });
    expect(errorOf(() => manifold.attach(plain)).message).toBe(
      'manifold-mixup.attach: the model has no MixLayer; insert new MixLayer({ depth }) where mixing may happen (depth 0 = the input).',
    );
    expect(errorOf(() => manifold.attach(42 as never)).message).toBe('manifold-mixup.attach: expected a tfjs-layers model (or a list of layers), got 42.');
    const shallow = buildModel([0, 2]);
    const missing = errorOf(() => manifold.attach(shallow));
    expect(missing.code).toBe('E_OPTION');
    expect(missing.message).toBe("manifold-mixup: option 'layers' lists depth 1 but the model has MixLayers at depths [0, 2] only.");
    const model = buildModel();
    manifold.attach(model);
    expect(manifold.depths).toEqual([0, 1]);
    const step = manifold.begin({ labels: y, numClasses: 2 });
    expect([0, 1]).toContain(step.plan.extra!.layer);
    expect(errorOf(() => manifold.begin({ labels: y, numClasses: 2 })).message).toBe('manifold-mixup.begin: the previous step was not ended; call end() (or use step()).');
    expect(errorOf(() => manifold.attach(model)).message).toBe('manifold-mixup.attach: a step is in progress; call end() first.');
    manifold.end();
    step.labels.dispose();
    const badPlan = errorOf(() => manifold.begin({ labels: y, numClasses: 2 }, handPlan(4, 2)));
    expect(badPlan.code).toBe('E_PLAN');
    expect(badPlan.message).toBe("manifold-mixup.begin: plan 'extra.layer' must be one of the eligible depths [0, 1], got 2.");
    expect(errorOf(() => manifold.begin({ labels: y, numClasses: 2 }, { ...handPlan(4, 1), lambda: [2, 1, 1, 1] })).code).toBe('E_PLAN');
    expect(errorOf(() => manifold.begin({ labels: y })).message).toMatch(/pass 'numClasses'/);
    expect(errorOf(() => manifold.begin({ labels: 'y' as never })).message).toBe("manifold-mixup.begin: 'labels' must be a tf.Tensor, got 'y'.");
    expect(errorOf(() => manifold.step({ labels: y, numClasses: 2 }, 3 as never)).message).toBe("manifold-mixup.step: 'fn' must be a function (step) => loss, got 3.");
    // none of these left a layer armed: a training call is unmixed
    const x = inputs(4);
    const out = model.apply(x, { training: true }) as tf.Tensor;
    const reference = referenceForward(model, x);
    expect(maxAbsDiff(out, reference)).toBeLessThan(1e-6);
    tf.dispose([x, y, out, reference]);
    model.dispose();
    shallow.dispose();
    plain.dispose();
  });

  it('a layer armed by one controller cannot be armed by another at the same time', async () => {
    const a = await manifoldOn('cpu', { layers: [0] });
    const b = await manifoldOn('cpu', { layers: [0] });
    const model = buildModel();
    a.attach(model);
    b.attach(model);
    const y = tf.tensor1d([0, 1], 'int32');
    const step = a.begin({ labels: y, numClasses: 2 });
    const e = errorOf(() => b.begin({ labels: y, numClasses: 2 }));
    expect(e.message).toMatch(/^manifold-mixup\.begin: MixLayer 'mix_layer_\w+' is armed by another step; end that step first\.$/);
    a.end();
    step.labels.dispose();
    b.step({ labels: y, numClasses: 2 }, () => undefined);
    y.dispose();
    model.dispose();
  });
});

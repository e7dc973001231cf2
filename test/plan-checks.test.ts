import { describe, expect, it } from 'vitest';
import { createZoo, tf, type MixPlan } from 'mixzoo';
import { expectMixzooError, mixzooMessageOf } from './helpers/tensors.js';

// Core's plan and input checks, phrased for calls on the built-in mask strategies.
describe('built-in strategies: errors for the call the user made', () => {
  it("cutmix.mix on features [B, D] names the inputs, not sample's height/width", async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const x = tf.ones([8, 16]);
    expectMixzooError(() => zoo.create('cutmix').mix({ inputs: x }), 'E_SHAPE', "cutmix.mix: 'cutmix' mixes images: 'inputs' must be NHWC [B, H, W, C], got [8, 16].");
    x.dispose();
  });

  it('refuses a box plan whose λ is not the kept area, and a mask of the wrong size', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const x = tf.ones([2, 4, 4, 1]);
    const box = { y0: 0, x0: 0, y1: 2, x1: 2 };
    const cutPlan: MixPlan = { strategy: 'cutmix', partner: [1, 0], lambda: [0.5, 0.75], boxes: [box, box], height: 4, width: 4 };
    expect(mixzooMessageOf(() => zoo.create('cutmix').apply({ inputs: x }, cutPlan), 'E_PLAN')).toContain("'lambda[0]' is 0.5 but the pixels keep 0.75");
    const small = { height: 2, width: 2, data: [[1, 1, 0, 0], [1, 1, 0, 0]] };
    const fmixPlan: MixPlan = { strategy: 'fmix', partner: [1, 0], lambda: [0.5, 0.5], masks: small };
    expect(mixzooMessageOf(() => zoo.create('fmix').apply({ inputs: x }, fmixPlan), 'E_PLAN')).toContain("'masks' are 2×2 but the images are 4×4");
    x.dispose();
  });

  it("cross-dataset over cutmix lambdaMode 'sampled' labels by the base plan's labelWeights", async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const x = tf.ones([4, 6, 6, 1]);
    const y = tf.tensor1d([0, 1, 2, 3], 'int32');
    const out = zoo.create('cross-dataset', { base: 'cutmix', baseOptions: { lambdaMode: 'sampled', mode: 'elem' } }).mix({ inputs: x, labels: y, numClasses: 4 });
    const own = out.plan.labelWeights!.own;
    const labels = out.labels!.arraySync() as number[][];
    out.plan.partner.forEach((p, i) => {
      if (p !== i) expect(labels[i][i]).toBeCloseTo(own[i], 6);
    });
    tf.dispose([x, y, out.inputs, out.labels!]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStrategy, identityPlan, PLAN_VERSION, type Plugin } from '@mixzoo/core';
import { testZoo } from '../../../../test/helpers/zoo-fixture.js';
import { expectMixzooError, guardInputs } from '../../../../test/helpers/tensors.js';
import { ramp } from '../helpers.js';

describe('none', () => {
  it('is registered by the mixup plugin, listed and described', async () => {
    const zoo = await testZoo();
    expect(zoo.list()).toContain('none');
    expect(zoo.describe('none')).toMatchObject({ name: 'none', family: 'baseline', defaults: {} });
    expectMixzooError(() => zoo.create('none', { alpha: 1 }), 'E_OPTION', /^none: /);
  });

  it('keeps every sample: new tensors equal to the inputs, labels as float32 [B, K] rows', async () => {
    const m = (await testZoo({ seed: 3 })).create('none');
    const x = ramp([4, 3, 2, 1]);
    const soft = tf.tensor2d([[0.2, 0.8], [1, 0], [0, 1], [0.5, 0.5]]);
    const indices = tf.tensor1d([2, 0, 1, 2], 'int32');
    const depth = ramp([4, 3, 2, 1]);
    const guard = guardInputs(x, soft, indices, depth);
    const before = tf.memory().numTensors;
    const out = m.mix({ inputs: x, labels: indices, numClasses: 3, targets: { depth } });
    expect(out.plan).toEqual({ ...identityPlan('none', 4), height: 3, width: 2, version: PLAN_VERSION });
    expect(out.inputs).not.toBe(x);
    expect(out.targets!.depth).not.toBe(depth);
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(x.dataSync()));
    expect(Array.from(out.targets!.depth.dataSync())).toEqual(Array.from(depth.dataSync()));
    expect(out.labels!.dtype).toBe('float32');
    expect(out.labels!.arraySync()).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const passed = m.mix({ inputs: x, labels: soft });
    expect(passed.labels!.shape).toEqual([4, 2]);
    expect(Array.from(passed.labels!.dataSync())).toEqual(Array.from(soft.dataSync()));
    tf.dispose([out.inputs, out.labels!, out.targets!.depth, passed.inputs, passed.labels!]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, soft, indices, depth]);
  });

  it('samples the identity for a partner batch too, and a plan that mixes is refused', async () => {
    const m = (await testZoo()).create('none');
    expect(m.sample({ batchSize: 5, partnerBatchSize: 2 }).partner).toEqual([0, 1, 0, 1, 0]);
    const x = ramp([3, 2]);
    const mixing = { ...identityPlan('none', 3), lambda: [1, 0.5, 1], partner: [0, 2, 2] };
    expectMixzooError(() => m.apply({ inputs: x }, mixing), 'E_PLAN', 'none: plan must keep every sample (partner = self, lambda = 1), got partner 2 and lambda 0.5 at sample 1.');
    const boxed = { ...identityPlan('none', 3), boxes: [null, null, null], height: 1, width: 2 };
    const image = tf.zeros([3, 1, 2, 1]);
    expectMixzooError(() => m.apply({ inputs: image }, boxed), 'E_PLAN', "none: plan must not have 'boxes' (nothing is mixed).");
    tf.dispose([x, image]);
  });

  it("is an explicit unmixed branch of 'choice'", async () => {
    const m = (await testZoo({ seed: 9 })).create('choice', { mode: 'elem', of: [{ name: 'none', weight: 0.5 }, { name: 'mixup', weight: 0.5, options: { mode: 'elem' } }] });
    const x = ramp([8, 3]);
    const out = m.mix({ inputs: x });
    const picks = out.plan.extra!.choice as number[];
    expect(new Set(picks)).toEqual(new Set([0, 1]));
    const xv = x.arraySync() as number[][];
    const ov = out.inputs.arraySync() as number[][];
    picks.forEach((k, i) => {
      if (k === 0) expect(ov[i]).toEqual(xv[i]);
    });
    tf.dispose([x, out.inputs]);
  });

  it('cannot be shadowed by a plugin', async () => {
    const impostor = defineStrategy({ name: 'none', family: 'test', paper: '-', summary: '-', options: z.strictObject({}), sample: (ctx) => identityPlan('none', ctx.batchSize) });
    const plugin: Plugin = { name: 'shadow', register: (zoo) => zoo.register(impostor) };
    const zoo = await testZoo();
    expectMixzooError(() => zoo.use(plugin), 'E_DUPLICATE', "Strategy 'none' is already registered in this zoo (by plugin '@mixzoo/mixup'); plugin 'shadow' cannot register it again: pick another name.");
    expect(zoo.describe('none').family).toBe('baseline');
  });
});

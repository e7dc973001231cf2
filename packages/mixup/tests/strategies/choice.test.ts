import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStrategy, identityPlan, MixzooError, samplePairing, type MixPlan, type Plugin } from '@mixzoo/core';
import { testZoo } from '../../../../test/helpers/zoo-fixture.js';
import { expectMixzooError } from '../../../../test/helpers/tensors.js';
import { ramp } from '../helpers.js';
import { viaJson } from '../../../../test/helpers/json.js';

/** A box strategy through the default applier: the partner's left half is pasted. */
const halfBox = defineStrategy({
  name: 'half-box',
  family: 'test',
  paper: 'none',
  summary: 'Pastes the left half of the partner.',
  options: z.strictObject({}),
  needs: { spatial: true },
  sample(ctx) {
    const { partner } = samplePairing(ctx.rng, ctx.batchSize, { mode: 'elem', pairing: 'derangement', prob: 1 });
    const box = { y0: 0, x0: 0, y1: ctx.height, x1: Math.floor(ctx.width / 2) };
    return {
      strategy: 'half-box',
      partner,
      lambda: partner.map((p, i) => (p === i ? 1 : 1 - box.x1 / ctx.width)),
      boxes: partner.map((p, i) => (p === i ? null : box)),
    };
  },
});
/** A data-dependent strategy: `sample` needs the pixels (it keeps every sample). */
const looks = defineStrategy({
  name: 'looks',
  family: 'test',
  paper: 'none',
  summary: 'Plans from the pixels.',
  options: z.strictObject({}),
  needs: { inputs: true },
  sample: (ctx) => identityPlan('looks', ctx.batchSize),
});
/** A model-aware strategy labelling by weights: own = the sample's first CAM value, partner = 0.5 (not summing to 1). */
const weighs = defineStrategy({
  name: 'weighs',
  family: 'test',
  paper: 'none',
  summary: 'Labels by model-context weights.',
  options: z.strictObject({}),
  needs: { model: ['cam'] },
  labelRule: 'weights',
  sample(ctx) {
    const { partner } = samplePairing(ctx.rng, ctx.batchSize, { mode: 'elem', pairing: 'derangement', prob: 1 });
    const own = partner.map((_, i) => ctx.model.cam.data[i][0]);
    return { strategy: 'weighs', partner, lambda: partner.map(() => 0.5), labelWeights: { own, partner: own.map(() => 0.5) } };
  },
});
const plugin: Plugin = { name: 'test-box', register: (zoo) => zoo.register(halfBox).register(looks).register(weighs) };

describe('choice', () => {
  it('picks strategies with their weights and leaves the remainder unmixed (batch mode)', async () => {
    const m = (await testZoo({ seed: 1, plugins: [plugin] })).create('choice', {
      of: [
        { name: 'mixup', weight: 0.5 },
        { name: 'half-box', weight: 0.3 },
      ],
    });
    const counts = { 0: 0, 1: 0, none: 0 };
    const runs = 2000;
    for (let k = 0; k < runs; k++) {
      const plan = m.sample({ batchSize: 4, height: 2, width: 4 });
      const picks = plan.extra!.choice as (number | null)[];
      expect(new Set(picks).size).toBe(1);
      const pick = picks[0];
      if (pick === null) {
        counts.none++;
        expect(plan.lambda).toEqual([1, 1, 1, 1]);
        expect(plan.partner).toEqual([0, 1, 2, 3]);
      } else counts[pick as 0 | 1]++;
    }
    for (const [key, p] of [[0, 0.5], [1, 0.3], ['none', 0.2]] as const) {
      expect(Math.abs(counts[key] / runs - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / runs));
    }
  });

  it('mixes per sample in elem mode, each sample by its own pick, and replays from JSON', async () => {
    const m = (await testZoo({ seed: 5, plugins: [plugin] })).create('choice', {
      mode: 'elem',
      of: [
        { name: 'mixup', weight: 0.5, options: { mode: 'elem' } },
        { name: 'half-box', weight: 0.5 },
      ],
    });
    const x = ramp([8, 2, 4, 1]);
    const y = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32');
    const out = m.mix({ inputs: x, labels: y, numClasses: 4 });
    const picks = out.plan.extra!.choice as number[];
    expect(new Set(picks)).toEqual(new Set([0, 1]));
    const xv = x.dataSync();
    const ov = out.inputs.dataSync();
    for (let i = 0; i < 8; i++) {
      const p = out.plan.partner[i];
      const l = out.plan.lambda[i];
      for (let k = 0; k < 8; k++) {
        const own = xv[i * 8 + k];
        const other = xv[p * 8 + k];
        const inLeftHalf = k % 4 < 2;
        const expected = picks[i] === 0 ? l * own + (1 - l) * other : inLeftHalf ? other : own;
        expect(ov[i * 8 + k]).toBeCloseTo(expected, 5);
      }
      // labels follow the merged plan: λ of the half box is 0.5
      if (picks[i] === 1) expect(l).toBe(0.5);
    }
    const replay = m.apply({ inputs: x, labels: y, numClasses: 4 }, viaJson(out.plan));
    expect(Array.from(replay.inputs.dataSync())).toEqual(Array.from(ov));
    expect(Array.from(replay.labels!.dataSync())).toEqual(Array.from(out.labels!.dataSync()));
    tf.dispose([x, y, out.inputs, out.labels!, replay.inputs, replay.labels!]);
  });

  it('validates its options at creation', async () => {
    const zoo = await testZoo({ plugins: [plugin] });
    const code = (options: unknown) => {
      try {
        zoo.create('choice', options);
      } catch (e) {
        return (e as MixzooError).code;
      }
      return 'none';
    };
    expect(code({ of: [{ name: 'mixup', weight: 0.7 }, { name: 'half-box', weight: 0.7 }] })).toBe('E_OPTION');
    expect(code({ of: [{ name: 'mixpu', weight: 0.5 }] })).toBe('E_UNKNOWN_STRATEGY');
    expect(code({ of: [{ name: 'mixup', weight: 0.5, options: { alpha: -1 } }] })).toBe('E_OPTION');
    expect(code({ of: [] })).toBe('E_OPTION');
    expect(code({})).toBe('E_OPTION');
    expect(code({ of: [{ name: 'choice', weight: 0.5 }] })).toBe('E_OPTION');
  });

  it('checks what its sub-strategies need on every call, whichever the rng picks', async () => {
    const zoo = await testZoo({ seed: 2, plugins: [plugin] });
    const m = zoo.create('choice', { of: [{ name: 'half-box', weight: 0.5 }, { name: 'mixup', weight: 0.5 }] });
    const features = ramp([6, 5]);
    const y = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const spatial = "'half-box' (in option 'of') mixes images";
    for (let k = 0; k < 20; k++) {
      expectMixzooError(() => m.mix({ inputs: features, labels: y, numClasses: 3 }), 'E_SHAPE', `choice.sample: ${spatial}: pass 'height' and 'width' (inputs are NHWC [B, H, W, C]).`);
    }
    // A plan where only mixup was picked is still refused on features: the option combination needs images.
    const mixupOnly = zoo.create('choice', { of: [{ name: 'half-box', weight: 0 }, { name: 'mixup', weight: 1 }] }).sample({ batchSize: 6, height: 1, width: 5 });
    expect(mixupOnly.extra!.choice).toEqual([1, 1, 1, 1, 1, 1]);
    expectMixzooError(() => m.apply({ inputs: features }, { ...mixupOnly, height: undefined, width: undefined }), 'E_SHAPE', `choice: ${spatial}: 'inputs' must be NHWC [B, H, W, C], got [6, 5].`);
    const data = zoo.create('choice', { of: [{ name: 'looks', weight: 0.1 }, { name: 'mixup', weight: 0.9 }] });
    for (let k = 0; k < 10; k++) {
      expectMixzooError(() => data.sample({ batchSize: 6 }), 'E_SHAPE', "choice.sample: 'looks' (in option 'of') looks at the pixels to plan: use mix(), or pass the inputs to sample(shape, { inputs }).");
    }
    tf.dispose([features, y]);
  });

  it("passes the model context to its sub-strategies, needs every sub-strategy's kinds, and carries their labelWeights", async () => {
    const zoo = await testZoo({ seed: 4, plugins: [plugin] });
    const m = zoo.create('choice', { of: [{ name: 'weighs', weight: 0.5 }, { name: 'mixup', weight: 0.5 }], mode: 'elem' });
    expect(m.modelNeeds).toEqual(['cam']);
    expect(zoo.create('choice', { of: [{ name: 'mixup', weight: 1 }] }).modelNeeds).toEqual([]);
    const x = ramp([8, 3]);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
    const cam = { height: 1, width: 1, data: [[0.9], [0.8], [0.7], [0.6], [0.5], [0.4], [0.3], [0.2]] };
    // Whichever is picked, a call without the CAM fails.
    expectMixzooError(() => m.mix({ inputs: x, labels: y, numClasses: 8 }), 'E_SHAPE', /'choice' plans from the model: pass 'cam'/);
    const out = m.mix({ inputs: x, labels: y, numClasses: 8, model: { cam } });
    const picks = out.plan.extra!.choice as (number | null)[];
    expect(picks).toContain(0);
    const rows = out.labels!.arraySync() as number[][];
    picks.forEach((pick, i) => {
      const p = out.plan.partner[i];
      const own = pick === 0 ? cam.data[i][0] : out.plan.lambda[i];
      const other = pick === 0 ? 0.5 : 1 - out.plan.lambda[i];
      expect(out.plan.labelWeights!.own[i]).toBeCloseTo(own, 12);
      expect(rows[i][i]).toBeCloseTo(p === i ? own + other : own, 6);
      if (p !== i) expect(rows[i][p]).toBeCloseTo(other, 6);
    });
    // The plan replays, and tampered label weights are refused.
    const again = m.apply({ inputs: x, labels: y, numClasses: 8 }, viaJson(out.plan));
    expect(again.labels!.arraySync()).toEqual(rows);
    const tampered = { ...out.plan, labelWeights: { own: out.plan.labelWeights!.own.map(() => 1), partner: out.plan.labelWeights!.partner } };
    expectMixzooError(() => m.apply({ inputs: x }, tampered), 'E_PLAN', /plan 'labelWeights' must be what the picked sub-plans/);
    tf.dispose([x, y, out.inputs, out.labels!, again.inputs, again.labels!]);
  });

  it('refuses malformed and tampered plans with E_PLAN', async () => {
    const zoo = await testZoo({ seed: 7, plugins: [plugin] });
    const m = zoo.create('choice', { mode: 'elem', of: [{ name: 'mixup', weight: 0.5, options: { mode: 'elem' } }, { name: 'half-box', weight: 0.5 }] });
    const x = ramp([6, 2, 4, 1]);
    const plan = m.sample({ batchSize: 6, height: 2, width: 4 });
    const picks = plan.extra!.choice as (number | null)[];
    const plans = plan.extra!.plans as MixPlan[];
    expect(new Set(picks)).toEqual(new Set([0, 1]));
    const refused = (bad: MixPlan, message: string | RegExp) => expectMixzooError(() => m.apply({ inputs: x }, bad), 'E_PLAN', message);
    const { extra: _, ...withoutExtra } = plan;
    refused(withoutExtra, "choice: plan needs 'extra' with 'choice' and 'plans' (as sampled), got undefined.");
    refused({ ...plan, extra: { choice: picks, plans: [...plans, plans[0]] } }, "choice: plan 'extra.plans' must hold one entry per 'of' strategy (2), got 3 entries.");
    refused({ ...plan, extra: { choice: [...picks.slice(0, 5), 2], plans } }, /^choice: plan 'extra\.choice' must hold 6 picks, each an index into 'of' \(0 to 1\) or null/);
    refused({ ...plan, extra: { choice: picks, plans: [plans[0], null] } }, "choice: plan 'extra.plans[1]' is null but 'extra.choice' picks 'half-box'.");
    refused({ ...plan, extra: { choice: picks, plans: [plans[1], plans[0]] } }, /^choice: plan 'extra\.plans\[0\]' must be a 'mixup' plan or null/);
    refused({ ...plan, extra: { choice: picks, plans: [{ ...plans[0], lambda: [2, 1, 1, 1, 1, 1] }, plans[1]] } }, /^choice: 'extra\.plans\[0\]': plan: 'lambda\[0\]' must be a number in \[0, 1\]/);
    // Top-level fields the labels follow must be what the sub-plans imply.
    const mixed = picks.indexOf(0);
    refused({ ...plan, lambda: plan.lambda.map((l, i) => (i === mixed ? l / 2 : l)) }, /^choice: plan 'lambda' must be what the picked sub-plans in 'extra\.plans' imply/);
    refused({ ...plan, partner: plan.partner.map((p, i) => (i === mixed ? (p + 1) % 6 : p)) }, /^choice: plan 'partner' must be what the picked sub-plans/);
    // Boxes where the sub-plans have none: the pixels would keep other shares than 'lambda' says.
    refused({ ...plan, boxes: plans[1].boxes }, /^plan: 'lambda\[\d\]' is [\d.]+ but the pixels keep/);
    // The untouched plan, also through JSON, still applies.
    const out = m.apply({ inputs: x }, viaJson(plan));
    tf.dispose([x, out.inputs]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineStrategy, drawPairing, identityPlan, mixingOptions, MixzooError, modelNeedsOf, PLAN_VERSION, type MixPlan, type PlanBounds } from '@mixzoo/core';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
import { mixzooErrorOf, mixzooMessageOf } from '../../../test/helpers/tensors.js';
import { viaJson } from '../../../test/helpers/json.js';

// Typed contract: these lines do not compile without defineStrategy's generics (tsconfig.tests.json typechecks them).
const typed = defineStrategy({
  name: 'typed-mix',
  family: 'custom',
  summary: 'Pastes a corner box whose size comes from setup.',
  needs: { spatial: true },
  options: z.strictObject({ ...mixingOptions({ alpha: 1, mode: 'elem' }), side: z.number().int().min(1).default(2) }),
  setup: (options) => ({ side: options.side, note: 'from setup' }),
  sample(ctx) {
    // ctx.state is what setup returned; height/width are numbers for spatial strategies.
    expectTypeOf(ctx.state).toEqualTypeOf<{ side: number; note: string }>();
    expectTypeOf(ctx.height).toEqualTypeOf<number>();
    const side = Math.min(ctx.state.side, ctx.height, ctx.width);
    const pairs = drawPairing(ctx);
    const area = (side * side) / (ctx.height * ctx.width);
    return {
      strategy: 'typed-mix',
      partner: pairs.partner,
      lambda: pairs.partner.map((_, i) => (pairs.active[i] ? 1 - area : 1)),
      boxes: pairs.partner.map((_, i) => (pairs.active[i] ? { y0: 0, x0: 0, y1: side, x1: side } : null)),
      extra: { side },
    };
  },
  apply(x, plan, ctx) {
    expectTypeOf(plan.extra).toEqualTypeOf<{ side: number } | undefined>();
    expectTypeOf(ctx.state.note).toEqualTypeOf<string>();
    return ctx.applyDefault(x, plan, ctx.partnerInputs);
  },
});

const planOnly = (name: string, extra: Partial<Parameters<typeof defineStrategy>[0]> = {}) =>
  defineStrategy({ name, family: 'custom', summary: 's', sample: (ctx) => identityPlan(name, ctx.batchSize), ...extra });

describe('defineStrategy: the typed contract', () => {
  it('infers state, extra and spatial geometry, and mixes', async () => {
    const zoo = await testZoo({ plugins: [{ name: 'typed', register: (z) => z.register(typed) }] });
    const x = tf.ones([4, 4, 4, 1]);
    const out = zoo.create('typed-mix', { pairing: 'derangement' }).mix({ inputs: x, labels: tf.tensor1d([0, 1, 2, 3], 'int32'), numClasses: 4 });
    expect(out.plan.extra).toEqual({ side: 2 });
    expect(out.plan.lambda).toEqual([0.75, 0.75, 0.75, 0.75]);
    tf.dispose([x, out.inputs, out.labels!]);
  });

  it('non-spatial strategies keep height/width optional', () => {
    const s = defineStrategy({ name: 'flat', family: 'custom', summary: 's', sample: (ctx) => identityPlan('flat', ctx.batchSize) });
    expectTypeOf(s).toHaveProperty('sample').parameter(0).toHaveProperty('height').toEqualTypeOf<number | undefined>();
  });

  it("'paper' and 'options' are optional: '—' and no options (strict)", async () => {
    const bare = planOnly('bare');
    const zoo = await testZoo({ plugins: [{ name: 'p', register: (z) => z.register(bare) }] });
    expect(zoo.describe('bare')).toMatchObject({ paper: '—', defaults: {}, required: [] });
    expect(zoo.create('bare').options).toEqual({});
    expect(mixzooMessageOf(() => zoo.create('bare', { alpha: 1 }), 'E_OPTION')).toContain("takes no options, got 'alpha'");
  });

  it('validates needs.model, labelRule and accepts', () => {
    expect(mixzooMessageOf(() => planOnly('m', { needs: { model: ['cam', 'logits' as never] } }), 'E_PLUGIN')).toContain("'needs.model' of 'm' must be an array of 'saliency', 'cam', 'activation', 'features', 'attention'");
    expect(mixzooMessageOf(() => planOnly('m', { labelRule: 'soft' as never }), 'E_PLUGIN')).toContain("'labelRule' of 'm'");
    expect(mixzooMessageOf(() => planOnly('m', { accepts: 'mixup' as never }), 'E_PLUGIN')).toContain("'accepts' of 'm'");
    expect(mixzooMessageOf(() => planOnly('m', { paper: 3 as never }), 'E_PLUGIN')).toContain("'paper' of 'm'");
  });
});

describe('model context', () => {
  const camMix = defineStrategy({
    name: 'cam-mix',
    family: 'custom',
    summary: 'Keeps the own sample where its CAM is above the mean.',
    needs: { spatial: true, model: ['cam'] },
    sample(ctx) {
      // needs.model: ['cam'] types ctx.model.cam as present (the mixer refuses calls without it).
      const cam = ctx.model.cam;
      const rows = cam.data.map((row) => {
        const mean = row.reduce((s, v) => s + v, 0) / row.length;
        return row.map((v): number => (v >= mean ? 1 : 0));
      });
      const partner = rows.map((_, i) => (i + 1) % rows.length);
      return { strategy: 'cam-mix', partner, lambda: rows.map((r) => r.reduce((s, v) => s + v, 0) / r.length), masks: { height: cam.height, width: cam.width, data: rows } };
    },
  });

  it('sample/mix get the model context as plain data; without it the error says what to pass', async () => {
    const zoo = await testZoo({ plugins: [{ name: 'cam', register: (z) => z.register(camMix) }] });
    const m = zoo.create('cam-mix');
    const cam = { height: 2, width: 2, data: [[1, 0, 0, 0], [0, 1, 1, 1]] };
    expect(m.sample({ batchSize: 2, height: 2, width: 2 }, { model: { cam } }).lambda).toEqual([0.25, 0.75]);
    const message = mixzooMessageOf(() => m.sample({ batchSize: 2, height: 2, width: 2 }), 'E_SHAPE');
    expect(message).toBe("cam-mix.sample: 'cam-mix' plans from the model: pass 'cam' in the model context, sample(shape, { model: { cam } }) or mix({ ..., model }).");
    expect(mixzooMessageOf(() => m.sample({ batchSize: 2, height: 2, width: 2 }, { model: 'cam' as never }), 'E_SHAPE')).toContain("'model' must be an object of model context");
    const x = tf.ones([2, 2, 2, 1]);
    expect(mixzooErrorOf(() => m.mix({ inputs: x })).code).toBe('E_SHAPE');
    const out = m.mix({ inputs: x, model: { cam } });
    expect(out.plan.masks!.data).toEqual([[1, 0, 0, 0], [0, 1, 1, 1]]);
    tf.dispose([x, out.inputs]);
  });

  it('checks the context it needs: one finite map per sample (also for a partner batch)', async () => {
    const zoo = await testZoo({ plugins: [{ name: 'cam', register: (z) => z.register(camMix) }] });
    const m = zoo.create('cam-mix');
    const shape = { batchSize: 2, height: 2, width: 2 };
    const bad = (cam: unknown) => mixzooMessageOf(() => m.sample(shape, { model: { cam: cam as never } }), 'E_SHAPE');
    expect(bad({ height: 2, width: 2, data: [[1, 0, 0, 0]] })).toContain("'model.cam.data' must hold one map per sample (2)");
    expect(bad({ height: 2, width: 2, data: [[1, 0, 0], [0, 1, 1, 1]] })).toContain("'model.cam.data[0]' must be an array of 4 finite numbers");
    expect(bad({ height: 2, width: 2, data: [[1, 0, 0, 0], [0, Infinity, 1, 1]] })).toContain("'model.cam.data[1][1]' must be a finite number, got Infinity");
    expect(bad({ height: 0, width: 2, data: [] })).toContain("'model.cam' must be maps { height, width, data }");
    const cam = { height: 2, width: 2, data: [[1, 0, 0, 0], [0, 1, 1, 1]] };
    expect(mixzooMessageOf(() => m.sample({ ...shape, partnerBatchSize: 3 }, { model: { cam }, partnerModel: { cam } }), 'E_SHAPE')).toContain("'partnerModel.cam.data' must hold one map per sample (3)");
  });

  it("modelNeeds(options, state): a configured mixer's needs, read with modelNeedsOf; checked when it is a plugin's", async () => {
    const optional = defineStrategy({
      name: 'optional-cam',
      family: 'custom',
      summary: 'Needs the CAM only when asked to.',
      options: z.strictObject({ useCam: z.boolean().default(false) }),
      modelNeeds: (options) => (options.useCam ? ['cam', 'cam'] : []),
      sample: (ctx) => identityPlan('optional-cam', ctx.batchSize),
    });
    const broken = defineStrategy({ name: 'broken-needs', family: 'custom', summary: 's', modelNeeds: () => ['logits' as never], sample: (ctx) => identityPlan('broken-needs', ctx.batchSize) });
    const zoo = await testZoo({ plugins: [{ name: 'o', register: (z) => z.register(optional).register(broken).register(camMix) }] });
    expect(modelNeedsOf(zoo.create('optional-cam'))).toEqual([]);
    expect(modelNeedsOf(zoo.create('optional-cam', { useCam: true }))).toEqual(['cam']);
    expect(modelNeedsOf(zoo.create('cam-mix'))).toEqual(['cam']);
    expect(modelNeedsOf(zoo.create('mixup'))).toEqual([]);
    expect(mixzooMessageOf(() => zoo.create('optional-cam', { useCam: true }).sample({ batchSize: 2 }), 'E_SHAPE')).toContain("pass 'cam'");
    expect(zoo.create('optional-cam').sample({ batchSize: 2 }).lambda).toEqual([1, 1]);
    expect(mixzooMessageOf(() => zoo.create('broken-needs'), 'E_PLUGIN')).toContain("modelNeeds() must return an array of 'saliency'");
    expect(mixzooMessageOf(() => defineStrategy({ name: 'x', family: 'f', summary: 's', modelNeeds: 3 as never, sample: (ctx) => identityPlan('x', ctx.batchSize) }), 'E_PLUGIN')).toContain("'modelNeeds' of 'x' must be a function");
  });
});

describe('labelWeights (labelRule: weights)', () => {
  const weighted = (name: string, labelRule?: 'weights') =>
    defineStrategy({
      name,
      family: 'custom',
      summary: 'A λ-lerp whose labels give the partner more weight.',
      labelRule,
      sample: () => ({
        strategy: name,
        partner: [1, 0],
        lambda: [0.5, 0.5],
        labelWeights: { own: [0.25, 1], partner: [0.75, 0.5] },
      }),
    });

  it("labels use own_i·y_i + partner_i·y_partner(i); λ stays the geometry", async () => {
    const zoo = await testZoo({ plugins: [{ name: 'w', register: (z) => z.register(weighted('weighted', 'weights')).register(weighted('plain')) }] });
    const x = tf.tensor2d([[0], [4]]);
    const y = tf.tensor1d([0, 1], 'int32');
    const out = zoo.create('weighted').mix({ inputs: x, labels: y, numClasses: 2 });
    expect(Array.from(out.inputs.dataSync())).toEqual([2, 2]);
    expect(out.labels!.arraySync()).toEqual([[0.25, 0.75], [0.5, 1]]);
    expect(mixzooMessageOf(() => zoo.create('plain').mix({ inputs: x, labels: y, numClasses: 2 }), 'E_PLAN')).toContain("plan has 'labelWeights' but 'plain' labels by lambda");
    tf.dispose([x, y, out.inputs, out.labels!]);
  });
});

describe('plans of other strategies and the checkPlan hook', () => {
  it("refuses another strategy's plan unless declared in 'accepts'", async () => {
    const lerp = (name: string, accepts?: string[]) =>
      defineStrategy({ name, family: 'custom', summary: 's', accepts, sample: (ctx) => identityPlan(name, ctx.batchSize) });
    const zoo = await testZoo({ plugins: [{ name: 'a', register: (z) => z.register(lerp('strict-one')).register(lerp('open-one', ['mixup'])) }] });
    const x = tf.ones([2, 3]);
    const plan: MixPlan = { strategy: 'mixup', partner: [1, 0], lambda: [0.5, 0.5] };
    expect(mixzooMessageOf(() => zoo.create('strict-one').apply({ inputs: x }, plan), 'E_PLAN')).toContain("this plan was sampled by 'mixup'; apply it with a 'mixup' mixer");
    const out = zoo.create('open-one').apply({ inputs: x }, plan);
    tf.dispose([x, out.inputs]);
  });

  it('runs the strategy checkPlan after the generic checks, with the bounds', async () => {
    const seen: PlanBounds[] = [];
    const checked = defineStrategy({
      name: 'checked',
      family: 'custom',
      summary: 's',
      sample: (ctx) => ({ ...identityPlan('checked', ctx.batchSize), extra: { tiles: 2 } }),
      checkPlan(plan, bounds) {
        seen.push(bounds);
        if (plan.extra?.tiles !== 2) throw new MixzooError('E_PLAN', `checked: 'extra.tiles' must be 2, got ${String(plan.extra?.tiles)}.`);
      },
    });
    const zoo = await testZoo({ plugins: [{ name: 'c', register: (z) => z.register(checked) }] });
    const x = tf.ones([2, 3]);
    const m = zoo.create('checked');
    const out = m.mix({ inputs: x });
    expect(seen).toEqual([{ batchSize: 2, partnerBatchSize: undefined, height: undefined, width: undefined }]);
    expect(mixzooMessageOf(() => m.apply({ inputs: x }, { ...identityPlan('checked', 2), extra: { tiles: 3 } }), 'E_PLAN')).toBe("checked: 'extra.tiles' must be 2, got 3.");
    tf.dispose([x, out.inputs]);
  });
});

describe('sampled plans and apply-time plan checks', () => {
  it('sampled plans carry the plan version and replay through JSON', async () => {
    const zoo = await testZoo();
    const m = zoo.create('mixup', { mode: 'elem' });
    const plan = m.sample({ batchSize: 4 });
    expect(plan.version).toBe(PLAN_VERSION);
    const x = tf.tensor2d([[1], [2], [3], [4]]);
    const a = m.apply({ inputs: x }, plan);
    const b = m.apply({ inputs: x }, viaJson(plan));
    expect(Array.from(b.inputs.dataSync())).toEqual(Array.from(a.inputs.dataSync()));
    expect(mixzooMessageOf(() => m.apply({ inputs: x }, { ...plan, version: 3 }), 'E_PLAN')).toContain('written by a newer mixzoo');
    tf.dispose([x, a.inputs, b.inputs]);
  });
});

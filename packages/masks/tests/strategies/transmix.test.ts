import { defineStrategy, tf, type MixPlan, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { codedImages, disposeResult, expectError, expectNoLeak, identityLabels, zooOn } from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 3);
});

/** A hand-written transmix plan: sample 0 gets the partner's rows/cols 0–15 of a 32×32 image, sample 1 is unmixed. */
const handPlan = (): MixPlan => ({
  strategy: 'transmix',
  version: 2,
  partner: [1, 1],
  lambda: [0.75, 1],
  boxes: [{ y0: 0, y1: 16, x0: 0, x1: 16 }, null],
  height: 32,
  width: 32,
});

const grid = (rows: number[][]) => ({ height: 2, width: 2, data: rows });

describe('transmix: labels from attention on the mixed image', () => {
  it('the worked example: box = the top-left patch of a 2×2 grid, attention [.4,.1,.1,.2] → partner weight 0.375', () => {
    const mixer = zoo.create('transmix');
    const plan = mixer.relabel!(handPlan(), { attention: grid([[0.4, 0.1, 0.1, 0.2], [0.3, 0.3, 0.2, 0.1]]) });
    // lam0 = 256/1024 = 0.25 pasted; lam1 = 0.4/0.8 = 0.5 on the pasted patch; (0.25 + 0.5)/2
    expect(plan.labelWeights!.partner[0]).toBeCloseTo(0.375, 12);
    expect(plan.labelWeights!.own[0]).toBeCloseTo(0.625, 12);
    // the unmixed sample keeps its own label whatever the attention says
    expect(plan.labelWeights!.own[1]).toBe(1);
    expect(plan.labelWeights!.partner[1]).toBe(0);
    // only the label weights change; λ stays the kept area
    expect({ ...plan, labelWeights: undefined }).toEqual({ ...handPlan(), labelWeights: undefined });
  });

  it("'ratio' weighs area against attention; all-zero attention falls back to the area", () => {
    const attention = grid([[0.4, 0.1, 0.1, 0.2], [1, 1, 1, 1]]);
    expect(zoo.create('transmix', { ratio: 0 }).relabel!(handPlan(), { attention }).labelWeights!.partner[0]).toBeCloseTo(0.5, 12);
    expect(zoo.create('transmix', { ratio: 1 }).relabel!(handPlan(), { attention }).labelWeights!.partner[0]).toBeCloseTo(0.25, 12);
    const flat = zoo.create('transmix').relabel!(handPlan(), { attention: grid([[0, 0, 0, 0], [0, 0, 0, 0]]) });
    expect(flat.labelWeights!.partner[0]).toBeCloseTo(0.25, 12);
  });

  it('a patch counts when its nearest-downsampled pixel (⌊i·H/g⌋, ⌊j·W/g⌋) lies in the box', () => {
    // 32×32 on a 4×4 grid: patch (i, j) samples pixel (8i, 8j). Box rows 8–9, cols 0–31 covers row 1 of the grid only.
    const plan: MixPlan = { ...handPlan(), lambda: [1 - 64 / 1024, 1], boxes: [{ y0: 8, y1: 10, x0: 0, x1: 32 }, null] };
    const attention = { height: 4, width: 4, data: [Array.from({ length: 16 }, (_, k) => (k >= 4 && k < 8 ? 0.1 : 0.05)), Array.from({ length: 16 }, () => 1)] };
    const out = zoo.create('transmix').relabel!(plan, { attention });
    const lam1 = 0.4 / (0.4 + 12 * 0.05);
    expect(out.labelWeights!.partner[0]).toBeCloseTo((64 / 1024 + lam1) / 2, 12);
    // a box between sampled pixels (rows 9–15) covers no patch: only the area counts
    const between: MixPlan = { ...handPlan(), lambda: [1 - (7 * 32) / 1024, 1], boxes: [{ y0: 9, y1: 16, x0: 0, x1: 32 }, null] };
    expect(zoo.create('transmix').relabel!(between, { attention }).labelWeights!.partner[0]).toBeCloseTo((7 * 32) / 1024 / 2, 12);
  });

  it('mix gives CutMix pixels and area labels; relabelled plans give labels own·y + partner·y_partner', () => {
    const mixer = zoo.create('transmix', { mode: 'elem' });
    const x = codedImages(4, 16, 16, 1);
    const labels = identityLabels(4);
    const out = mixer.mix({ inputs: x, ...labels });
    const plan = out.plan;
    expect(plan.labelWeights).toBeUndefined();
    expect(plan.partner).toEqual([3, 2, 1, 0]); // timm's batch mode: the flipped batch
    const attention = { height: 4, width: 4, data: Array.from({ length: 4 }, (_, i) => Array.from({ length: 16 }, (_, k) => ((i + 1) * (k + 3)) % 7)) };
    const relabelled = mixer.relabel!(plan, { attention });
    const again = mixer.apply({ inputs: x, ...labels }, relabelled);
    expect(again.inputs.arraySync()).toEqual(out.inputs.arraySync());
    const rows = again.labels!.arraySync() as number[][];
    rows.forEach((row, i) => {
      const p = plan.partner[i];
      const expected = Array.from({ length: 4 }, (_, c) => (c === i ? relabelled.labelWeights!.own[i] : 0) + (c === p ? relabelled.labelWeights!.partner[i] : 0));
      row.forEach((v, c) => expect(v).toBeCloseTo(expected[c], 6));
    });
    disposeResult(out);
    disposeResult(again);
    x.dispose();
    labels.labels.dispose();
  });

  it('same seed, same plans', async () => {
    const a = (await zooOn('cpu', 9)).create('transmix').sample({ batchSize: 6, height: 20, width: 20 });
    const b = (await zooOn('cpu', 9)).create('transmix').sample({ batchSize: 6, height: 20, width: 20 });
    expect(a).toEqual(b);
  });

  it('refuses bad attention, relabelling without attention, and relabelling a strategy that labels by its plan', () => {
    const mixer = zoo.create('transmix');
    expectError(() => mixer.relabel!(handPlan(), {}), 'E_SHAPE', "transmix.relabel", "'attention'");
    expectError(() => mixer.relabel!(handPlan(), { attention: grid([[0.1, 0.2, 0.3, 0.4]]) }), 'E_SHAPE', 'one row per sample (2)');
    expectError(() => mixer.relabel!(handPlan(), { attention: grid([[0.1, 0.2, 0.3], [1, 1, 1, 1]]) }), 'E_SHAPE', 'row 0');
    expectError(() => mixer.relabel!(handPlan(), { attention: grid([[0.1, -0.2, 0.3, 0.4], [1, 1, 1, 1]]) }), 'E_SHAPE', 'row 0');
    expectError(() => mixer.relabel!({ ...handPlan(), lambda: [0.5, 1] }, { attention: grid([[1, 1, 1, 1], [1, 1, 1, 1]]) }), 'E_PLAN', 'lambda');
    expectError(() => zoo.create('cutmix').relabel!(handPlan(), {}), 'E_USAGE', "'cutmix' labels by its plan alone");
  });

  it('a strategy declares mixedModel and relabel together, with label weights', () => {
    const base = { name: 'half', family: 'test', summary: 's', sample: () => ({ strategy: 'half', partner: [], lambda: [] }) };
    expect(() => defineStrategy({ ...base, needs: { mixedModel: ['attention'] }, labelRule: 'weights' })).toThrow(/needs both/);
    expect(() => defineStrategy({ ...base, labelRule: 'weights', relabel: (p) => p })).toThrow(/needs both/);
    expect(() => defineStrategy({ ...base, needs: { mixedModel: ['attention'] }, relabel: (p) => p })).toThrow(/labelRule/);
    expect(() => defineStrategy({ ...base, needs: { mixedModel: ['gaze' as 'attention'] }, labelRule: 'weights', relabel: (p) => p })).toThrow(/needs.mixedModel/);
  });

  it('a relabel that changes more than the label weights is refused (E_PLUGIN)', async () => {
    const liar = defineStrategy({
      name: 'liar',
      family: 'test',
      summary: 's',
      needs: { mixedModel: ['attention'] },
      labelRule: 'weights',
      sample: (ctx) => ({ strategy: 'liar', partner: Array.from({ length: ctx.batchSize }, (_, i) => i), lambda: Array.from({ length: ctx.batchSize }, () => 1) }),
      relabel: (p) => ({ ...p, lambda: p.lambda.map(() => 0.5), labelWeights: { own: p.lambda.map(() => 1), partner: p.lambda.map(() => 0) } }),
    });
    const z = await zooOn('cpu', 1);
    z.register(liar);
    const m = z.create('liar');
    const plan = m.sample({ batchSize: 2 });
    expectError(() => m.relabel!(plan, { attention: grid([[1, 1, 1, 1], [1, 1, 1, 1]]) }), 'E_PLUGIN', 'nothing else changed');
  });

  it('leaves no tensors behind', () => {
    const x = tf.randomUniform([4, 8, 8, 3]);
    const labels = identityLabels(4);
    expectNoLeak(() => zoo.create('transmix').mix({ inputs: x, ...labels }));
    tf.dispose([x, labels.labels]);
  });
});

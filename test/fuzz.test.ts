// Fuzz of every registered strategy: bad inputs, bad partner batches, tampered plans, bad sample
// shapes and bad options (test/helpers/fuzz-cases.ts). Every case must throw a MixzooError with a
// stable code, leave the inputs untouched and not disposed, and leave no tensor behind.
import { describeValue, isObject, MixzooError, tf, type Mixer, type MixPlan } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { B, batchCases, C, fixture, H, optionCases, partnerCases, PB, planCases, sampleCases, W, type FuzzCase } from './helpers/fuzz-cases.js';
import { guardInputs } from './helpers/tensors.js';
import { optionsFor, zooOn } from './strategies.js';
import { withModelContext } from './helpers/model-context.js';

const SEED = 3;
/** Configurations besides each strategy's defaults whose plans have other fields (k-way rows: one batch only). */
const VARIANTS: { name: string; options: Record<string, unknown> }[] = [
  { name: 'mixup', options: { k: 3 } },
  { name: 'cutmix', options: { numMix: 2 } },
];

/** Plans for the fixture's shapes (strategies that plan from pixels get the fixture's pixels). */
function validPlans(m: Mixer, withPartner: boolean): { plan: MixPlan; partnerPlan?: MixPlan } {
  const f = fixture();
  try {
    const shape = { batchSize: B, height: H, width: W, channels: C };
    return {
      plan: m.sample(shape, { inputs: f.x }),
      partnerPlan: withPartner ? m.sample({ ...shape, partnerBatchSize: PB }, { inputs: f.x, partnerInputs: f.px }) : undefined,
    };
  } finally {
    tf.dispose(f.all);
  }
}

/** Runs one case: a MixzooError with an expected code, inputs untouched, no tensor left. */
function expectRejected(m: Mixer, c: FuzzCase): void {
  const f = fixture();
  tf.engine().startScope();
  try {
    const call = c.prepare(m, f);
    const guard = guardInputs(...f.all);
    const before = tf.memory().numTensors;
    let error: unknown;
    try {
      const out = call();
      // A result's tensors sit at the top level (inputs, labels) or one level down (targets).
      const values = (v: unknown): unknown[] => (isObject(v) ? Object.values(v) : []);
      tf.dispose(values(out).flatMap((v) => [v, ...values(v)]).filter((t): t is tf.Tensor => t instanceof tf.Tensor));
    } catch (e) {
      error = e;
    }
    expect(error, `expected a MixzooError, got ${error === undefined ? 'no error' : error instanceof Error ? String(error) : describeValue(error)}`).toBeInstanceOf(MixzooError);
    expect(c.codes, `code of: ${(error as MixzooError).message}`).toContain((error as MixzooError).code);
    expect(tf.memory().numTensors, 'tensors left behind').toBe(before);
    guard.unchanged();
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
  } finally {
    tf.engine().endScope();
    tf.dispose(f.all);
  }
}

describe('fuzz: every strategy rejects bad input with a MixzooError, untouched inputs and no leak', async () => {
  const zoo = await zooOn('cpu', SEED);
  // Cross-dataset-capable: strategies that pair (option 'pairing') or delegate to a base strategy.
  const twoBatch = (name: string) => {
    const schema = zoo.describe(name).schema.properties as Record<string, unknown> | undefined;
    return schema !== undefined && ('pairing' in schema || 'base' in schema);
  };
  const names = zoo.list();
  const configs = [
    ...names.map((name) => ({ label: name, name, options: optionsFor(zoo, name), withPartner: twoBatch(name) })),
    ...VARIANTS.filter((v) => names.includes(v.name)).map((v) => ({ label: `${v.name} ${JSON.stringify(v.options)}`, ...v, withPartner: false })),
  ];
  // Model-aware strategies bring a synthetic model context (unless a case passes its own).
  const mixers = new Map(configs.map((c) => [c.label, withModelContext(zoo.create(c.name, c.options))]));
  const plans = new Map(configs.map((c) => [c.label, validPlans(mixers.get(c.label)!, c.withPartner)]));

  describe.each(configs)('$label', ({ label, name, options }) => {
    const m = mixers.get(label)!;
    const { plan, partnerPlan } = plans.get(label)!;
    // A foreign plan: the next strategy's (in list order), valid for the same batch.
    const foreign = plans.get(names[(names.indexOf(name) + 1) % names.length])!.plan;
    const cases: FuzzCase[] = [
      ...batchCases(m.strategy.needs?.spatial === true, plan),
      ...(partnerPlan ? partnerCases(partnerPlan) : []),
      ...planCases(plan, foreign),
      ...sampleCases(),
      ...optionCases((o) => zoo.create(name, o), options),
    ];

    it('control: the valid plans apply cleanly to the fixture', () => {
      const f = fixture();
      const before = tf.memory().numTensors;
      const outs = [m.apply({ inputs: f.x, labels: f.y, numClasses: 4, targets: { t: f.t } }, plan)];
      if (partnerPlan) outs.push(m.apply({ inputs: f.x, labels: f.y, numClasses: 4, targets: { t: f.t }, partner: { inputs: f.px, labels: f.py, targets: { t: f.pt } } }, partnerPlan));
      tf.dispose(outs.flatMap((o) => [o.inputs, o.labels!, o.targets!.t]));
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose(f.all);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => expectRejected(m, c));
  });
});

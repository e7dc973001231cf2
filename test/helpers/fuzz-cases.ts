// The bad inputs and tampered plans of the fuzz suite (test/fuzz.test.ts), as tables of cases.
// Every case must end in a MixzooError with one of `codes`, inputs untouched, no tensor left.
import { tf, type MixBatch, type MixPlan, type Mixer, type MixzooErrorCode } from 'mixzoo';

export const B = 4;
export const H = 6;
export const W = 5;
export const C = 3;
export const K = 4;
/** Size of the partner batch (cross-dataset-capable strategies). */
export const PB = 3;

/** A valid batch and a valid partner batch; `all` is what a case must leave untouched. */
export interface Fixture {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
  t: tf.Tensor4D;
  px: tf.Tensor4D;
  py: tf.Tensor1D;
  pt: tf.Tensor4D;
  all: tf.Tensor[];
}

/** Seeded, distinct pixel values (no randomness). */
function images(b: number, c: number, offset: number): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from({ length: b * H * W * c }, (_, k) => (Math.sin(k * 0.37 + offset) + 1) / 2), [b, H, W, c]);
}

export function fixture(): Fixture {
  const f = {
    x: images(B, C, 0),
    y: tf.tensor1d([0, 1, 2, 3], 'int32'),
    t: images(B, 1, 1),
    px: images(PB, C, 2),
    py: tf.tensor1d([3, 2, 1], 'int32'),
    pt: images(PB, 1, 3),
  };
  return { ...f, all: Object.values(f) };
}

export interface FuzzCase {
  name: string;
  codes: MixzooErrorCode[];
  /** Builds the case's arguments (tensors it allocates count as inputs) and returns the failing call. */
  prepare(m: Mixer, f: Fixture): () => unknown;
}

const SHAPE: MixzooErrorCode[] = ['E_SHAPE'];
const DTYPE: MixzooErrorCode[] = ['E_DTYPE', 'E_SHAPE'];
const LABELS: MixzooErrorCode[] = ['E_LABELS'];
const TARGETS: MixzooErrorCode[] = ['E_SHAPE', 'E_TARGET'];
const PLAN: MixzooErrorCode[] = ['E_PLAN'];
const OPTION: MixzooErrorCode[] = ['E_OPTION'];

/** The batch of the valid fixture with `patch` applied (a value of `undefined` removes the key). */
function batchWith(f: Fixture, patch: Record<string, unknown>): MixBatch {
  return { inputs: f.x, labels: f.y, numClasses: K, targets: { t: f.t }, ...patch };
}

/** Bad batches: each runs through `apply` with a valid plan and through `mix`. */
export function batchCases(spatial: boolean, plan: MixPlan): FuzzCase[] {
  type Row = [string, MixzooErrorCode[], (f: Fixture) => unknown];
  const table: Row[] = [
    ['batch null', SHAPE, () => null],
    ['batch undefined', SHAPE, () => undefined],
    ['batch a string', SHAPE, () => 'batch'],
    ['batch a number', SHAPE, () => 42],
    ['inputs null', SHAPE, (f) => batchWith(f, { inputs: null })],
    ['inputs undefined', SHAPE, (f) => batchWith(f, { inputs: undefined })],
    ['inputs a string', SHAPE, (f) => batchWith(f, { inputs: 'pixels' })],
    ['inputs a nested array', SHAPE, (f) => batchWith(f, { inputs: [[[[0.5]]]] })],
    ['inputs a plain object', SHAPE, (f) => batchWith(f, { inputs: { shape: [B, H, W, C] } })],
    ['inputs string dtype', DTYPE, () => ({ inputs: tf.tensor(['a', 'b', 'c', 'd']) })],
    ['inputs bool dtype', DTYPE, () => ({ inputs: tf.zeros([B, H, W, C], 'bool') })],
    ['inputs rank 1', SHAPE, () => ({ inputs: tf.zeros([B]) })],
    ['inputs disposed', SHAPE, () => ({ inputs: disposed(tf.zeros([B, H, W, C])) })],
    ...(spatial
      ? ([
          ['inputs rank 2 for an image strategy', SHAPE, () => ({ inputs: tf.zeros([B, H * W * C]) })],
          ['inputs rank 5 for an image strategy', SHAPE, () => ({ inputs: tf.zeros([B, H, W, C, 1]) })],
        ] satisfies Row[])
      : []),
    ['labels NaN (soft rows)', LABELS, (f) => batchWith(f, { labels: tf.tensor2d([[NaN, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), numClasses: undefined })],
    ['labels Infinity (soft rows)', LABELS, (f) => batchWith(f, { labels: tf.tensor2d([[Infinity, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), numClasses: undefined })],
    ['labels negative (soft rows)', LABELS, (f) => batchWith(f, { labels: tf.tensor2d([[-0.5, 1.5, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), numClasses: undefined })],
    ['labels index out of range', LABELS, (f) => batchWith(f, { labels: tf.tensor1d([0, 1, 2, K], 'int32') })],
    ['labels index negative', LABELS, (f) => batchWith(f, { labels: tf.tensor1d([0, -1, 2, 3], 'int32') })],
    ['labels float index NaN', LABELS, (f) => batchWith(f, { labels: tf.tensor1d([0, NaN, 2, 3]) })],
    ['labels float index 1.5', LABELS, (f) => batchWith(f, { labels: tf.tensor1d([0, 1.5, 2, 3]) })],
    ['labels a plain array', LABELS, (f) => batchWith(f, { labels: [0, 1, 2, 3] })],
    ['labels a string', LABELS, (f) => batchWith(f, { labels: 'cat' })],
    ['labels null', LABELS, (f) => batchWith(f, { labels: null })],
    ['labels bool dtype', ['E_LABELS', 'E_DTYPE'], (f) => batchWith(f, { labels: tf.tensor1d([true, false, true, false], 'bool') })],
    ['labels batch size B + 1', LABELS, (f) => batchWith(f, { labels: tf.tensor1d([0, 1, 2, 3, 0], 'int32') })],
    ['labels batch size B - 1 (soft rows)', LABELS, (f) => batchWith(f, { labels: oneHot([0, 1, 2]), numClasses: undefined })],
    ['labels rank 3', LABELS, (f) => batchWith(f, { labels: tf.zeros([B, K, 1]), numClasses: undefined })],
    ['labels [B, K] with another numClasses', LABELS, (f) => batchWith(f, { labels: oneHot([0, 1, 2, 3]), numClasses: K + 1 })],
    ...[0, -1, 1.5, 1e12, NaN, Infinity, '4', null].map(
      (k): Row => [`numClasses ${k === null ? 'null' : typeof k === 'string' ? `'${k}'` : k}`, ['E_LABELS', 'E_OPTION'], (f) => batchWith(f, { numClasses: k })],
    ),
    ['numClasses below the largest label', LABELS, (f) => batchWith(f, { numClasses: 2 })],
    ['numClasses without labels', LABELS, (f) => batchWith(f, { labels: undefined })],
    ['targets a string', TARGETS, (f) => batchWith(f, { targets: 'depth' })],
    ['target a string', TARGETS, (f) => batchWith(f, { targets: { t: 'depth' } })],
    ['target null', TARGETS, (f) => batchWith(f, { targets: { t: null } })],
    ['target batch size B + 1', TARGETS, (f) => batchWith(f, { targets: { t: tf.zeros([B + 1, H, W, 1]) } })],
    ['target disposed', TARGETS, (f) => batchWith(f, { targets: { t: disposed(tf.zeros([B, H, W, 1])) } })],
  ];
  return table.flatMap(([name, codes, make]) => [
    { name: `apply: ${name}`, codes, prepare: (m, f) => { const batch = make(f) as MixBatch; return () => m.apply(batch, plan); } },
    { name: `mix: ${name}`, codes, prepare: (m, f) => { const batch = make(f) as MixBatch; return () => m.mix(batch); } },
  ]);
}

const oneHot = (indices: number[]) => tf.cast(tf.oneHot(tf.tensor1d(indices, 'int32'), K), 'float32');

function disposed<T extends tf.Tensor>(t: T): T {
  t.dispose();
  return t;
}

/** Bad partner batches, with a valid partner plan (cross-dataset-capable strategies). */
export function partnerCases(plan: MixPlan): FuzzCase[] {
  const partner = (f: Fixture, patch: Record<string, unknown>) =>
    batchWith(f, { partner: { inputs: f.px, labels: f.py, targets: { t: f.pt }, ...patch } });
  const table: [string, MixzooErrorCode[], (f: Fixture) => unknown, MixPlan?][] = [
    ['partner a string', SHAPE, (f) => batchWith(f, { partner: 'other' })],
    ['partner null', SHAPE, (f) => batchWith(f, { partner: null })],
    ['partner.inputs null', SHAPE, (f) => partner(f, { inputs: null })],
    ['partner.inputs of another per-sample shape', SHAPE, (f) => partner(f, { inputs: tf.zeros([PB, H, W, 1]), targets: { t: f.pt } })],
    ['partner.inputs disposed', SHAPE, (f) => partner(f, { inputs: disposed(tf.zeros([PB, H, W, C])) })],
    ['partner.labels missing', LABELS, (f) => partner(f, { labels: undefined })],
    ['partner.labels batch size mismatch', LABELS, (f) => partner(f, { labels: tf.tensor1d([0, 1], 'int32') })],
    ['partner.labels out of range', LABELS, (f) => partner(f, { labels: tf.tensor1d([0, 1, K], 'int32') })],
    ['partner.labels NaN (soft rows)', LABELS, (f) => batchWith(f, {
      labels: oneHot([0, 1, 2, 3]), numClasses: undefined,
      partner: { inputs: f.px, labels: tf.tensor2d([[NaN, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]), targets: { t: f.pt } },
    })],
    ['partner.targets missing', TARGETS, (f) => partner(f, { targets: undefined })],
    ['partner.targets batch size mismatch', TARGETS, (f) => partner(f, { targets: { t: tf.zeros([PB + 1, H, W, 1]) } })],
    ['plan partner index past the partner batch', PLAN, (f) => partner(f, {}), { ...plan, partner: plan.partner.map(() => PB) }],
    ['partner batch smaller than the plan was sampled for', PLAN, (f) => partner(f, { inputs: tf.slice(f.px, 0, 1), labels: tf.slice(f.py, 0, 1), targets: { t: tf.slice(f.pt, 0, 1) } })],
  ];
  return table.map(([name, codes, make, tampered]) => ({ name: `partner: ${name}`, codes, prepare: (m, f) => {
    const batch = make(f) as MixBatch;
    return () => m.apply(batch, tampered ?? plan);
  } }));
}

/** The plan with `edit` applied to a deep copy. */
function edited(plan: MixPlan, edit: (p: Record<string, any>) => void): MixPlan {
  const copy = JSON.parse(JSON.stringify(plan)) as Record<string, any>;
  edit(copy);
  return copy as MixPlan;
}

/** A copy of `plan` parsed from JSON with `key: valueJson` in front of the other fields. */
export function withJsonKey<T>(value: T, key: string, valueJson: string): T {
  const body = JSON.stringify(value ?? {}).slice(1, -1);
  return JSON.parse(`{${JSON.stringify(key)}:${valueJson}${body ? `,${body}` : ''}}`) as T;
}

/** First sample with a non-null entry in `rows` (-1 when none). */
const firstSet = (rows: readonly unknown[] | undefined) => rows?.findIndex((r) => r !== null && r !== undefined) ?? -1;

/**
 * Tampered plans: every field of a valid plan mutated, foreign plans, inconsistent geometry,
 * prototype-pollution keys. `foreign` is a valid plan sampled by another strategy.
 */
export function planCases(plan: MixPlan, foreign: MixPlan): FuzzCase[] {
  const table: [string, MixzooErrorCode[], unknown][] = [
    ['plan null', PLAN, null],
    ['plan undefined', PLAN, undefined],
    ['plan a string', PLAN, 'plan'],
    ['plan an array', PLAN, []],
    ['plan of another strategy', PLAN, foreign],
    [`plan relabelled '${foreign.strategy}'`, PLAN, edited(plan, (p) => { p.strategy = foreign.strategy; })],
    ['strategy an unknown name', PLAN, edited(plan, (p) => { p.strategy = 'cutmx'; })],
    ['strategy a number', PLAN, edited(plan, (p) => { p.strategy = 42; })],
    ['strategy missing', PLAN, edited(plan, (p) => { delete p.strategy; })],
    ['version 99', PLAN, edited(plan, (p) => { p.version = 99; })],
    ["version 'one'", PLAN, edited(plan, (p) => { p.version = 'one'; })],
    ['partner length B - 1', PLAN, edited(plan, (p) => { p.partner.pop(); })],
    ['partner length B + 1', PLAN, edited(plan, (p) => { p.partner.push(0); })],
    ['partner index B', PLAN, edited(plan, (p) => { p.partner[0] = B; })],
    ['partner index -1', PLAN, edited(plan, (p) => { p.partner[0] = -1; })],
    ['partner index 1.5', PLAN, edited(plan, (p) => { p.partner[0] = 1.5; })],
    ["partner index '0'", PLAN, edited(plan, (p) => { p.partner[0] = '0'; })],
    ['partner index null', PLAN, edited(plan, (p) => { p.partner[0] = null; })],
    ['partner a string', PLAN, edited(plan, (p) => { p.partner = '0123'; })],
    ['partner missing', PLAN, edited(plan, (p) => { delete p.partner; })],
    ['lambda length B - 1', PLAN, edited(plan, (p) => { p.lambda.pop(); })],
    ['lambda -0.1', PLAN, edited(plan, (p) => { p.lambda[0] = -0.1; })],
    ['lambda 1.1', PLAN, edited(plan, (p) => { p.lambda[0] = 1.1; })],
    ['lambda NaN', PLAN, { ...plan, lambda: plan.lambda.map((l, i) => (i === 0 ? NaN : l)) }],
    ['lambda Infinity', PLAN, { ...plan, lambda: plan.lambda.map((l, i) => (i === 0 ? Infinity : l)) }],
    ["lambda '0.5'", PLAN, edited(plan, (p) => { p.lambda[0] = '0.5'; })],
    ['lambda null', PLAN, edited(plan, (p) => { p.lambda[0] = null; })],
    ['lambda missing', PLAN, edited(plan, (p) => { delete p.lambda; })],
    ['height H + 1', PLAN, edited(plan, (p) => { p.height = H + 1; })],
    ['width W + 1', PLAN, edited(plan, (p) => { p.width = W + 1; })],
    ["height '6'", PLAN, edited(plan, (p) => { p.height = String(H); })],
    ['height 0', PLAN, edited(plan, (p) => { p.height = 0; })],
    ['__proto__ key (JSON)', PLAN, withJsonKey(plan, '__proto__', '{"polluted":true,"lambda":[1,1,1,1]}')],
    ['constructor key (JSON)', PLAN, withJsonKey(plan, 'constructor', '{"prototype":{"polluted":true}}')],
  ];
  const box = firstSet(plan.boxes);
  if (box >= 0) {
    const setBox = (b: unknown) => edited(plan, (p) => { p.boxes[box] = b; });
    const b0 = plan.boxes![box]!;
    table.push(
      ['box past the bottom', PLAN, setBox({ ...b0, y1: H + 1 })],
      ['box past the right', PLAN, setBox({ ...b0, x1: W + 1 })],
      ['box at y0 -1', PLAN, setBox({ ...b0, y0: -1 })],
      ['box inverted', PLAN, setBox({ y0: b0.y1, x0: b0.x1, y1: b0.y0, x1: b0.x0 })],
      ['box 1.5', PLAN, setBox({ ...b0, y1: 1.5 })],
      ["box '2'", PLAN, setBox({ ...b0, y1: '2' })],
      ['box a string', PLAN, setBox('box')],
      ['box missing x1', PLAN, setBox({ y0: b0.y0, x0: b0.x0, y1: b0.y1 })],
      ['box fields only under __proto__ (JSON)', PLAN, setBox(JSON.parse('{"__proto__":{"y0":0,"x0":0,"y1":2,"x1":2}}'))],
      ['boxes length B - 1', PLAN, edited(plan, (p) => { p.boxes.pop(); })],
      ['boxes null', PLAN, edited(plan, (p) => { p.boxes = null; })],
      ['boxes a string', PLAN, edited(plan, (p) => { p.boxes = 'boxes'; })],
    );
    if (plan.partners === undefined) {
      // The label rule needs λ = the share of own pixels: a whole-image paste keeps none of them.
      table.push(['whole-image box with lambda 1', PLAN, edited(plan, (p) => {
        p.boxes[box] = { y0: 0, x0: 0, y1: H, x1: W };
        p.lambda[box] = 1;
        p.partner[box] = (box + 1) % B;
      })]);
    }
  }
  if (plan.masks !== undefined) {
    const row = firstSet(plan.masks.data);
    const setRow = (values: unknown) => edited(plan, (p) => { p.masks.data[row] = values; });
    const n = plan.masks.height * plan.masks.width;
    table.push(
      ['masks null', PLAN, edited(plan, (p) => { p.masks = null; })],
      ['masks a string', PLAN, edited(plan, (p) => { p.masks = 'mask'; })],
      ['masks.data a string', PLAN, edited(plan, (p) => { p.masks.data = 'data'; })],
      ['masks.data length B + 1', PLAN, edited(plan, (p) => { p.masks.data = Array.from({ length: B + 1 }, () => new Array(n).fill(1)); })],
      ['masks.height H + 1', PLAN, edited(plan, (p) => { p.masks.height = H + 1; })],
      ['masks for another image size', PLAN, edited(plan, (p) => {
        p.masks.height = H - 1;
        p.masks.data = p.masks.data.map((r: unknown) => (r === null ? null : new Array((H - 1) * W).fill(1)));
      })],
    );
    if (row >= 0) {
      table.push(
        ['mask row one value short', PLAN, setRow(new Array(n - 1).fill(1))],
        ['mask row with null values', PLAN, setRow(new Array(n).fill(null))],
        ["mask row with strings '1'", PLAN, setRow(new Array(n).fill('1'))],
        ['mask row with 2', PLAN, setRow(new Array(n).fill(2))],
        ['mask row with -0.5', PLAN, setRow(new Array(n).fill(-0.5))],
        ['mask row a string', PLAN, setRow('1111')],
        ['mask row with NaN', PLAN, { ...plan, masks: { ...plan.masks, data: plan.masks.data.map((r, i) => (i === row ? new Array(n).fill(NaN) : r)) } }],
        // λ = mean(M): an all-zero mask keeps nothing of the sample, so λ 1 contradicts it.
        ['all-zero mask with lambda 1', PLAN, edited(plan, (p) => {
          p.masks.data = p.masks.data.map(() => new Array(n).fill(0));
          p.lambda = p.lambda.map(() => 1);
          p.partner = p.partner.map((_: number, i: number) => (i + 1) % B);
        })],
      );
    }
  }
  if (plan.partners !== undefined && plan.weights !== undefined) {
    const row = Math.max(0, plan.partners.findIndex((r) => r.length > 1));
    table.push(
      ['k-way weights not summing to 1', PLAN, edited(plan, (p) => { p.weights[row] = p.weights[row].map((w: number) => w / 2); })],
      ['k-way weights NaN', PLAN, { ...plan, weights: plan.weights.map((r, i) => (i === row ? r.map(() => NaN) : r)) }],
      ['k-way weights row one short', PLAN, edited(plan, (p) => { p.weights[row].pop(); })],
      ['k-way partners index B', PLAN, edited(plan, (p) => { p.partners[row][0] = B; })],
      ['k-way partners without weights', PLAN, edited(plan, (p) => { delete p.weights; })],
      ['k-way partners a string', PLAN, edited(plan, (p) => { p.partners = 'abc'; })],
      ['k-way partners length B - 1', PLAN, edited(plan, (p) => { p.partners.pop(); p.weights.pop(); })],
    );
  }
  return table.map(([name, codes, tampered]) => ({
    name: `plan: ${name}`,
    codes,
    prepare: (m, f) => () => m.apply({ inputs: f.x, labels: f.y, numClasses: K, targets: { t: f.t } }, tampered as MixPlan),
  }));
}

/** Bad shapes for `sample`. */
export function sampleCases(): FuzzCase[] {
  const table: [string, unknown][] = [
    ['shape null', null],
    ['shape a string', '4x6x5'],
    ['batchSize -1', { batchSize: -1, height: H, width: W, channels: C }],
    ['batchSize 1.5', { batchSize: 1.5, height: H, width: W, channels: C }],
    ["batchSize '4'", { batchSize: '4', height: H, width: W, channels: C }],
    ['batchSize missing', { height: H, width: W, channels: C }],
    ['height 0', { batchSize: B, height: 0, width: W, channels: C }],
    ['width NaN', { batchSize: B, height: H, width: NaN, channels: C }],
    ['partnerBatchSize 0', { batchSize: B, height: H, width: W, channels: C, partnerBatchSize: 0 }],
  ];
  return table.map(([name, shape]) => ({
    name: `sample: ${name}`,
    codes: SHAPE,
    prepare: (m, f) => () => m.sample(shape as never, { inputs: f.x }),
  }));
}

/** Bad options at creation, prototype-pollution keys included. */
export function optionCases(create: (options: unknown) => Mixer, valid: unknown): FuzzCase[] {
  const table: [string, unknown][] = [
    ['options a string', 'alpha=1'],
    ['options a number', 42],
    ['options an array', [1]],
    ['options with an unknown key', { ...(valid as object), bogus: 1 }],
    ['__proto__ key (JSON)', withJsonKey(valid, '__proto__', '{"alpha":-1,"polluted":true}')],
    ['constructor key (JSON)', withJsonKey(valid, 'constructor', '{"prototype":{"polluted":true}}')],
  ];
  return table.map(([name, options]) => ({ name: `options: ${name}`, codes: OPTION, prepare: () => () => create(options) }));
}

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { add } from '@tensorflow/tfjs-core';
import {
  AUGMENT_PLAN_VERSION, augmentationNames, builtinAugmentations, createAugmenter as createBareAugmenter, defineAugmentation, parseAugmentList, type AugmentPlan,
} from '@mixzoo/augment';
import { createAugmenter, expectMixzooError, guardInputs, image } from './helpers.js';

const SHAPE = { batchSize: 6, height: 8, width: 8, channels: 3 };

/** A user-defined augmentation: adds a per-sample offset drawn in [0, max). */
const brighten = defineAugmentation({
  name: 'brighten',
  family: 'color',
  reference: 'test',
  summary: 'adds an offset',
  options: z.strictObject({ max: z.number().default(1) }),
  geometric: false,
  params: () => z.strictObject({ offset: z.number() }),
  draw: ({ rng, options }) => ({ offset: rng.uniform(0, options.max) }),
  apply: (x, params) => tf.tidy(() => add(x, tf.tensor(params.map((p) => p?.offset ?? 0), [params.length, 1, 1, 1]))),
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('createAugmenter', () => {
  it('lists the thirteen built-ins', () => {
    expect(augmentationNames()).toEqual(['augmix', 'color-jitter', 'crop', 'cutout', 'flip', 'gaussian-noise', 'randaugment', 'random-erasing', 'rot90', 'rotate', 'scale', 'translate', 'trivialaugment']);
    for (const a of builtinAugmentations) expect(a.kind).toBe('mixzoo.augmentation');
  });

  it('is deterministic per seed; another seed draws other plans; streams continue across batches', () => {
    const specs = ['crop', 'flip', 'rotate'];
    const a = createAugmenter(specs, { seed: 1 });
    const b = createAugmenter(specs, { seed: 1 });
    const first = a.sample(SHAPE);
    expect(b.sample(SHAPE)).toEqual(first);
    expect(a.sample(SHAPE)).not.toEqual(first);
    expect(createAugmenter(specs, { seed: 2 }).sample(SHAPE)).not.toEqual(first);
    expect(createAugmenter(specs, { seed: '1' }).sample(SHAPE)).toEqual(first);
  });

  it('each step draws from its own streams: appending a step, or changing prob, leaves the other draws alone', () => {
    const base = createAugmenter(['crop', 'flip'], { seed: 5 }).sample(SHAPE);
    const longer = createAugmenter(['crop', 'flip', 'cutout'], { seed: 5 }).sample(SHAPE);
    expect(longer.slice(0, 2)).toEqual(base);
    const sometimes = createAugmenter([{ name: 'crop', options: { prob: 0.5 } }], { seed: 5 }).sample(SHAPE)[0];
    sometimes.params.forEach((p, i) => p && expect(p).toEqual(base[0].params[i]));
    expect(sometimes.params.some((p) => p === null)).toBe(true);
  });

  it('replays JSON plans exactly; outputs are new tensors; inputs untouched; no leaks', () => {
    const { x } = image([4, 6, 6, 3], 1);
    const seg = image([4, 6, 6, 1], 2, 'int32');
    const guard = guardInputs(x, seg.x);
    const before = tf.memory().numTensors;
    const aug = createAugmenter(['crop', 'flip', 'rot90', 'rotate', 'color-jitter', 'gaussian-noise', 'cutout'], { seed: 3 });
    const out = aug.augment({ inputs: x, targets: { seg: seg.x } });
    const again = aug.apply({ inputs: x, targets: { seg: seg.x } }, JSON.parse(JSON.stringify(out.plans)) as AugmentPlan[]);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    expect(Array.from(again.targets!.seg.dataSync())).toEqual(Array.from(out.targets!.seg.dataSync()));
    expect(out.plans.map((p) => p.augmentation)).toEqual(['crop', 'flip', 'rot90', 'rotate', 'color-jitter', 'gaussian-noise', 'cutout']);
    tf.dispose([out.inputs, out.targets!.seg, again.inputs, again.targets!.seg]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, seg.x]);
  });

  it('no steps: copies (new tensors); B = 0 works', () => {
    const x = tf.ones([2, 2, 2, 1]);
    const out = createAugmenter([]).augment({ inputs: x });
    expect(out.inputs).not.toBe(x);
    expect(out.plans).toEqual([]);
    const empty = tf.zeros([0, 4, 4, 3]);
    const none = createAugmenter(['crop', 'flip', 'rotate', 'color-jitter', 'gaussian-noise', 'cutout']).augment({ inputs: empty });
    expect(none.inputs.shape).toEqual([0, 4, 4, 3]);
    expect(none.plans.every((p) => p.params.length === 0)).toBe(true);
    tf.dispose([x, out.inputs, empty, none.inputs]);
  });

  it('user-defined augmentations, bare or with options; photometric steps pass non-image targets through', () => {
    const x = tf.zeros([3, 2, 2, 1]);
    const scores = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const out = createAugmenter([{ use: brighten, options: { max: 0.5 } }, brighten], { seed: 1 }).augment({ inputs: x, targets: { scores } });
    const [a, b] = out.plans.map((p) => p.params.map((q) => (q as { offset: number }).offset));
    expect(a.every((v) => v < 0.5)).toBe(true);
    const v = out.inputs.dataSync();
    [0, 1, 2].forEach((i) => expect(v[i * 4]).toBeCloseTo(a[i] + b[i], 6));
    expect(Array.from(out.targets!.scores.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    tf.dispose([x, scores, out.inputs, out.targets!.scores]);
  });

  it('bad specs and options fail at creation with E_OPTION', () => {
    expectMixzooError(() => createAugmenter(['crp']), 'E_OPTION', /^augment: unknown augmentation 'crp'\. Did you mean 'crop'\? Known: augmix, color-jitter, crop, cutout, /);
    expectMixzooError(() => createAugmenter([42 as never]), 'E_OPTION', 'augment: step 0 must be a name, { name, options? }, an augmentation (defineAugmentation) or { use, options? }, got 42.');
    expectMixzooError(() => createAugmenter('crop' as never), 'E_OPTION', "augment: expected an array of augmentations, got 'crop'.");
    expectMixzooError(() => createAugmenter([{ name: 'flip', options: 3 as never }]), 'E_OPTION', 'flip: options must be an object, got 3.');
    expectMixzooError(() => createAugmenter([], { seed: NaN }), 'E_OPTION', 'seed must be a finite number or a string, got NaN.');
  });

  it("draws without pixel ops, applies only with them ('kernels': E_OPTION, nothing allocated)", () => {
    const bare = createBareAugmenter(['crop', 'flip'], { seed: 4 });
    const plans = bare.sample(SHAPE);
    expect(plans).toEqual(createAugmenter(['crop', 'flip'], { seed: 4 }).sample(SHAPE));
    const x = tf.zeros([6, 8, 8, 3]);
    const before = tf.memory().numTensors;
    const noOps = /^augment: no pixel ops to apply plans with: pass createAugmenter\(specs, \{ kernels \}\) the zoo's ops \(zoo\.kernels\)/;
    expectMixzooError(() => bare.apply({ inputs: x }, plans), 'E_OPTION', noOps);
    expectMixzooError(() => bare.augment({ inputs: x }), 'E_OPTION', noOps);
    expect(tf.memory().numTensors).toBe(before);
    expectMixzooError(() => createBareAugmenter(['flip'], { kernels: 3 as never }), 'E_OPTION',
      "augment: option 'kernels' must be the pixel ops object (KernelOps, e.g. zoo.kernels), got 3.");
    x.dispose();
  });

  it('bad batches fail with E_SHAPE / E_DTYPE, leaking nothing', () => {
    const aug = createAugmenter(['crop']);
    const flat = tf.zeros([2, 5]);
    const img = tf.zeros([2, 4, 4, 1]);
    const short = tf.zeros([3, 4, 4, 1]);
    const vec = tf.zeros([2, 3]);
    const bool = tf.zeros([2, 4, 4, 1], 'bool');
    expectMixzooError(() => aug.augment({ inputs: flat }), 'E_SHAPE', "augment: 'inputs' must be NHWC images [B, H, W, C], got [2, 5].");
    expectMixzooError(() => aug.augment({ inputs: bool }), 'E_DTYPE', "augment: 'inputs' must have dtype float32 or int32, got bool.");
    expectMixzooError(() => aug.augment({ inputs: img, targets: { t: short } }), 'E_SHAPE', "augment: 'targets.t' must have batch size 2 (as the inputs), got [3, 4, 4, 1].");
    expectMixzooError(() => aug.augment({ inputs: img, targets: { t: vec } }), 'E_SHAPE', "augment: 'targets.t' must be NHWC [B, H, W, C] to follow the geometry of 'crop', got [2, 3].");
    expectMixzooError(() => aug.augment(null as never), 'E_SHAPE', 'augment: expected a batch { inputs, targets? }, got null.');
    expectMixzooError(() => aug.sample({ batchSize: 2, height: 0, width: 4, channels: 1 }), 'E_SHAPE', "augment: 'height' must be an integer >= 1, got 0.");
    tf.dispose([flat, img, short, vec, bool]);
  });

  it('bad plans fail with E_PLAN naming the field', () => {
    const aug = createAugmenter(['crop', 'flip']);
    const img = tf.zeros([2, 4, 4, 1]);
    const [crop, flip] = aug.sample({ batchSize: 2, height: 4, width: 4, channels: 1 });
    expectMixzooError(() => aug.apply({ inputs: img }, [crop]), 'E_PLAN', /^augment: 'plans' must be an array of 2 plans \(one per step: crop, flip\), got /);
    expectMixzooError(() => aug.apply({ inputs: img }, [flip, crop]), 'E_PLAN', "crop: plan 'augmentation' must be 'crop' (the step applying it), got 'flip'.");
    expectMixzooError(() => aug.apply({ inputs: img }, [{ ...crop, height: 5 }, flip]), 'E_PLAN', 'crop: plan was drawn for 5×4 images, inputs are 4×4.');
    expectMixzooError(() => aug.apply({ inputs: img }, [{ ...crop, params: [null] }, flip]), 'E_PLAN', "crop: plan 'params' must be an array of length 2 (the batch size), got [null].");
    expectMixzooError(() => aug.apply({ inputs: img }, [crop, { ...flip, params: [{ horizontal: 1, vertical: false }, null] }]), 'E_PLAN',
      /^flip: plan 'params\[0\]\.horizontal' is invalid \(.*\), got 1\.$/);
    expectMixzooError(() => aug.apply({ inputs: img }, [crop, 'flip' as never]), 'E_PLAN', "flip: plan must be an object { augmentation, height, width, params }, got 'flip'.");
    img.dispose();
  });

  it('plans carry their format version: a version-less (format 1) plan still applies, a newer one fails naming it', () => {
    const aug = createAugmenter(['crop', 'flip'], { seed: 3 });
    const img = tf.tensor4d(Array.from({ length: 32 }, (_, k) => k), [2, 4, 4, 1]);
    const plans = aug.sample({ batchSize: 2, height: 4, width: 4, channels: 1 });
    expect(plans.map((p) => p.version)).toEqual([AUGMENT_PLAN_VERSION, AUGMENT_PLAN_VERSION]);
    const current = aug.apply({ inputs: img }, plans);
    const old = aug.apply({ inputs: img }, plans.map(({ version: _, ...rest }) => rest));
    expect(old.inputs.arraySync()).toEqual(current.inputs.arraySync());
    expectMixzooError(() => aug.apply({ inputs: img }, [{ ...plans[0], version: AUGMENT_PLAN_VERSION + 1 }, plans[1]]), 'E_PLAN',
      `crop: plan 'version' is ${AUGMENT_PLAN_VERSION + 1}: this plan was written by a newer mixzoo (this one reads plan versions up to ${AUGMENT_PLAN_VERSION}); upgrade mixzoo to apply it.`);
    expectMixzooError(() => aug.apply({ inputs: img }, [plans[0], { ...plans[1], version: 'x' as never }]), 'E_PLAN', `flip: plan 'version' must be an integer from 1 to ${AUGMENT_PLAN_VERSION}, got 'x'.`);
    tf.dispose([img, current.inputs, old.inputs]);
  });
});

describe('parseAugmentList (for command lines)', () => {
  it('reads comma-separated names and JSON arrays, validating them', () => {
    expect(parseAugmentList('crop, flip')).toEqual(['crop', 'flip']);
    expect(parseAugmentList('[{"name":"crop","options":{"padding":2}},"flip"]')).toEqual([{ name: 'crop', options: { padding: 2 } }, 'flip']);
    expect(parseAugmentList('  ')).toEqual([]);
    expectMixzooError(() => parseAugmentList('crop,flpi'), 'E_OPTION', /^augment: unknown augmentation 'flpi'\. Did you mean 'flip'\?/);
    expectMixzooError(() => parseAugmentList('[{"name":"crop","options":{"padding":-2}}]'), 'E_OPTION', "crop: option 'padding' must be >= 0, got -2.");
    expectMixzooError(() => parseAugmentList('[crop]'), 'E_OPTION', /^augment: expected a JSON array of augmentations, got invalid JSON \(/);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Box } from '@mixzoo/core';
import { AUGMENT_PLAN_VERSION, createPipeline, type PipelinePlan } from '@mixzoo/augment';
import { createAugmenter, expectMixzooError, guardInputs, image } from './helpers.js';
import { pipelineZoo } from './zoo.js';

const inBox = (b: Box | null, r: number, c: number) => b !== null && r >= b.y0 && r < b.y1 && c >= b.x0 && c < b.x1;

describe('pipeline: augment each sample, then mix', () => {
  it('crop + flip, then CutMix: the pixels are the cutmix of the augmented batch, labels follow λ; replay is exact', async () => {
    const zoo = await pipelineZoo(7);
    const pipe = zoo.pipeline({ augment: ['crop', 'flip'], mix: 'cutmix' });
    const shape = [6, 8, 8, 3];
    const { x } = image(shape, 1);
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
    const guard = guardInputs(x, y);
    const before = tf.memory().numTensors;
    const out = pipe.apply({ inputs: x, labels: y, numClasses: 6 });
    expect(out.plan.augment.map((p) => p.augmentation)).toEqual(['crop', 'flip']);
    const mix = out.plan.mix!;
    expect(mix.strategy).toBe('cutmix');
    // Reference: the augmentations alone (same plans), then CutMix's box paste written out here.
    const augmented = createAugmenter(['crop', 'flip'], { seed: 7 }).apply({ inputs: x }, out.plan.augment);
    const a = augmented.inputs.dataSync();
    const o = out.inputs.dataSync();
    const at = (i: number, r: number, c: number, ch: number) => ((i * 8 + r) * 8 + c) * 3 + ch;
    for (let i = 0; i < 6; i++) {
      for (let r = 0; r < 8; r++) {
        for (let c = 0; c < 8; c++) {
          for (let ch = 0; ch < 3; ch++) {
            const source = inBox(mix.boxes?.[i] ?? null, r, c) ? mix.partner[i] : i;
            expect(o[at(i, r, c, ch)]).toBe(a[at(source, r, c, ch)]);
          }
        }
      }
    }
    expect(mix.boxes!.some((b) => b !== null)).toBe(true);
    const labels = out.labels!.arraySync() as number[][];
    labels.forEach((row, i) => {
      const want = new Array<number>(6).fill(0);
      want[i] += mix.lambda[i];
      want[mix.partner[i]] += 1 - mix.lambda[i];
      row.forEach((v, k) => expect(v).toBeCloseTo(want[k], 6));
    });
    const again = pipe.replay({ inputs: x, labels: y, numClasses: 6 }, JSON.parse(JSON.stringify(out.plan)) as PipelinePlan);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(o));
    expect(again.labels!.arraySync()).toEqual(labels);
    expect(again.plan).toEqual(out.plan);
    const next = pipe.apply({ inputs: x, labels: y, numClasses: 6 });
    expect(next.plan).not.toEqual(out.plan);
    tf.dispose([augmented.inputs, out.inputs, out.labels!, again.inputs, again.labels!, next.inputs, next.labels!]);
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, y]);
  });

  it('aligned int32 class maps get the same crop, flip and paste as the images', async () => {
    const zoo = await pipelineZoo(3);
    const pipe = zoo.pipeline({ augment: [{ name: 'crop', options: { padding: 2 } }, { name: 'flip', options: { horizontal: 1 } }], mix: { name: 'cutmix', options: { mode: 'elem' } } });
    // Each pixel's class map value is a unique id, so its position after every step can be traced.
    const ids = tf.tensor4d(Int32Array.from({ length: 4 * 6 * 6 }, (_, k) => k + 1), [4, 6, 6, 1], 'int32');
    const x = tf.cast(ids, 'float32');
    const out = pipe.apply({ inputs: x, targets: { ids } });
    expect(out.targets!.ids.dtype).toBe('int32');
    expect(Array.from(out.targets!.ids.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([ids, x, out.inputs, out.targets!.ids]);
  });

  it('augment only: plan.mix is null and labels come back as float32 one-hot rows', async () => {
    const zoo = await pipelineZoo();
    const pipe = zoo.pipeline({ augment: ['flip'] });
    expect(pipe.mixer).toBeUndefined();
    const { x } = image([3, 4, 4, 1], 2);
    const y = tf.tensor1d([2, 0, 1], 'int32');
    const out = pipe.apply({ inputs: x, labels: y, numClasses: 3 });
    expect(out.plan.mix).toBeNull();
    expect(out.labels!.dtype).toBe('float32');
    expect(out.labels!.arraySync()).toEqual([[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
    const again = pipe.replay({ inputs: x }, out.plan);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    tf.dispose([x, y, out.inputs, out.labels!, again.inputs]);
  });

  it('k-way mixup after the augmentations: out_i = Σ_k w_ik · augmented[p_ik]', async () => {
    const zoo = await pipelineZoo(4);
    const pipe = zoo.pipeline({ augment: ['rot90'], mix: { name: 'mixup', options: { k: 3, mode: 'elem' } } });
    const { x } = image([5, 4, 4, 2], 3);
    const out = pipe.apply({ inputs: x });
    const augmented = createAugmenter(['rot90'], { seed: 4 }).apply({ inputs: x }, out.plan.augment);
    const a = augmented.inputs.dataSync();
    const o = out.inputs.dataSync();
    const { partners, weights } = out.plan.mix!;
    expect(partners!.every((row) => row.length === 3 || row.length === 1)).toBe(true);
    for (let i = 0; i < 5; i++) {
      for (let e = 0; e < 32; e++) {
        expect(o[i * 32 + e]).toBeCloseTo(partners![i].reduce((s, p, k) => s + weights![i][k] * a[p * 32 + e], 0), 5);
      }
    }
    tf.dispose([x, out.inputs, augmented.inputs]);
  });

  it('is seeded by the zoo (or options.seed): same seed, same plans', async () => {
    const shape = { inputs: tf.zeros([4, 8, 8, 3]) };
    const plan = async (seed: number, override?: number) => {
      const pipe = (await pipelineZoo(seed)).pipeline({ augment: ['crop', 'flip'], mix: 'mixup' }, override === undefined ? {} : { seed: override });
      const out = pipe.apply(shape);
      out.inputs.dispose();
      return out.plan;
    };
    expect(await plan(1)).toEqual(await plan(1));
    expect(await plan(1)).not.toEqual(await plan(2));
    expect(await plan(2, 1)).toEqual(await plan(1));
    shape.inputs.dispose();
  });
});

describe('pipeline errors', () => {
  it('bad specs fail at creation: E_OPTION, E_UNKNOWN_STRATEGY', async () => {
    const zoo = await pipelineZoo();
    expectMixzooError(() => zoo.pipeline({ augmnt: ['flip'] } as never), 'E_OPTION', /^pipeline: unknown option 'augmnt'\. Did you mean 'augment'\?/);
    expectMixzooError(() => zoo.pipeline({ augment: ['flip'], mix: 'cutmx' }), 'E_UNKNOWN_STRATEGY', /^Unknown strategy 'cutmx'\. Did you mean 'cutmix'\?/);
    expectMixzooError(() => zoo.pipeline({ mix: { name: 'cutmix', options: { alpha: -1 } } }), 'E_OPTION', "cutmix: option 'alpha' must be >= 0, got -1.");
    expectMixzooError(() => zoo.pipeline({ augment: [{ name: 'crop', options: { padding: 'x' } }] }), 'E_OPTION', "crop: option 'padding' must be a finite number, got 'x'.");
    expectMixzooError(() => zoo.pipeline({ augment: [7] } as never), 'E_OPTION', "pipeline: option 'augment[0]' must be a name, { name, options? } or an augmentation, got 7.");
    expectMixzooError(() => createPipeline(zoo, null as never), 'E_OPTION', 'pipeline: options must be an object, got null.');
  });

  it('bad batches and mismatched plans fail without leaking, inputs untouched', async () => {
    const zoo = await pipelineZoo();
    const pipe = zoo.pipeline({ augment: ['crop'], mix: 'cutmix' });
    const { x } = image([2, 4, 4, 1], 5);
    const bad = tf.tensor1d([0, 7], 'int32');
    const guard = guardInputs(x, bad);
    expectMixzooError(() => pipe.apply({ inputs: x, labels: bad, numClasses: 3 }), 'E_LABELS', "cutmix: 'labels[1]' must be a class index in [0, 3), got 7.");
    expectMixzooError(() => zoo.pipeline({ augment: ['crop'] }).apply({ inputs: x, labels: bad, numClasses: 3 }), 'E_LABELS', "pipeline: 'labels[1]' must be a class index in [0, 3), got 7.");
    expectMixzooError(() => pipe.apply({ inputs: x, partner: { inputs: x } }), 'E_SHAPE', /^pipeline: partner batches \(cross-dataset mixing\) are not supported/);
    const out = pipe.apply({ inputs: x });
    const mixup = zoo.pipeline({ augment: ['crop'], mix: 'mixup' });
    expectMixzooError(() => mixup.replay({ inputs: x }, out.plan), 'E_PLAN', "pipeline.replay: 'plan.mix' was sampled by 'cutmix', this pipeline mixes with 'mixup'.");
    expectMixzooError(() => zoo.pipeline({ augment: ['crop'] }).replay({ inputs: x }, out.plan), 'E_PLAN', /^pipeline\.replay: 'plan\.mix' must be mix: null \(this pipeline does not mix\), got /);
    expectMixzooError(() => pipe.replay({ inputs: x }, { augment: [], mix: out.plan.mix }), 'E_PLAN', /^augment: 'plans' must be an array of 1 plans \(one per step: crop\)/);
    expectMixzooError(() => pipe.replay({ inputs: x }, { mix: null } as never), 'E_PLAN', /^pipeline\.replay: 'plan' must be \{ augment: AugmentPlan\[\], mix: MixPlan \| null \}/);
    expectMixzooError(() => pipe.replay({ inputs: x }, { augment: out.plan.augment, mix: { ...out.plan.mix!, lambda: [2, 1] } }), 'E_PLAN', /^plan: 'lambda\[0\]' must be a number in \[0, 1\], got 2\.$/);
    expect(out.plan.version).toBe(AUGMENT_PLAN_VERSION);
    expectMixzooError(() => pipe.replay({ inputs: x }, { ...out.plan, version: AUGMENT_PLAN_VERSION + 1 }), 'E_PLAN',
      `pipeline.replay: plan 'version' is ${AUGMENT_PLAN_VERSION + 1}: this plan was written by a newer mixzoo (this one reads plan versions up to ${AUGMENT_PLAN_VERSION}); upgrade mixzoo to apply it.`);
    // A plan from before pipeline plans were versioned (format 1) replays as it is.
    const { version: _, ...old } = out.plan;
    const again = pipe.replay({ inputs: x }, old);
    expect(again.inputs.arraySync()).toEqual(out.inputs.arraySync());
    again.inputs.dispose();
    out.inputs.dispose();
    guard.unchanged();
    tf.dispose([x, bad]);
  });
});

describe('pipeline: model-aware mixers', () => {
  it('asks the modelContext provider, once per batch, on the augmented inputs, only when the mixer needs the model; never on replay', async () => {
    const zoo = await pipelineZoo(3);
    const seen: { inputs: number[]; needs: readonly string[] }[] = [];
    // A stand-in for modelContext(model, batch, needs): each sample's activation map is its own 2×2 mean-pooled image.
    const modelContext = (batch: { inputs: tf.Tensor }, needs: readonly string[]) => {
      seen.push({ inputs: Array.from(batch.inputs.dataSync()), needs });
      const maps = tf.tidy(() => tf.mean(tf.avgPool(batch.inputs as tf.Tensor4D, 4, 4, 'valid'), -1).arraySync() as number[][][]);
      return { activation: { height: 2, width: 2, data: maps.map((m) => m.flat()) } };
    };
    const { x } = image([4, 8, 8, 3], 2);
    const y = tf.tensor1d([0, 1, 2, 3], 'int32');
    const aware = zoo.pipeline({ augment: ['flip'], mix: { name: 'attentivemix', options: { topK: 1 } } }, { modelContext });
    const out = aware.apply({ inputs: x, labels: y, numClasses: 4 });
    expect(seen).toHaveLength(1);
    expect(seen[0].needs).toEqual(['activation']);
    const augmented = createAugmenter(['flip'], { seed: 3 }).apply({ inputs: x }, out.plan.augment);
    expect(seen[0].inputs).toEqual(Array.from(augmented.inputs.dataSync()));
    expect(out.plan.mix!.lambda.every((l) => l === 0.25 || l === 1)).toBe(true);
    expect(out.plan.mix!.lambda).toContain(0.25);
    const again = aware.replay({ inputs: x, labels: y, numClasses: 4 }, JSON.parse(JSON.stringify(out.plan)) as PipelinePlan);
    expect(seen).toHaveLength(1);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.inputs.dataSync()));
    const plain = zoo.pipeline({ augment: ['flip'], mix: 'cutmix' }, { modelContext }).apply({ inputs: x, labels: y, numClasses: 4 });
    expect(seen).toHaveLength(1);
    expectMixzooError(() => zoo.pipeline({ mix: 'attentivemix' }).apply({ inputs: x }), 'E_SHAPE', /'attentivemix' plans from the model/);
    expectMixzooError(() => zoo.pipeline({ mix: 'cutmix' }, { modelContext: 'yes' as never }), 'E_OPTION', /option 'modelContext' must be a function/);
    tf.dispose([x, y, out.inputs, out.labels!, again.inputs, again.labels!, augmented.inputs, plain.inputs, plain.labels!]);
  });
});

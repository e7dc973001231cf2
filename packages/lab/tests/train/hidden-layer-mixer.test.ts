import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo, defineStrategy, isHiddenLayerMixer, MixLayer, z, type HiddenLayerMixer, type ManifoldBatch, type ManifoldStep, type Mixer, type MixLayerSource } from 'mixzoo';
import { disposeModel, loadDataset, trainRun } from '@mixzoo/lab';

/** What the lab asked of the custom mixer, in order. */
const calls: string[] = [];

/**
 * A user's hidden-layer mixer, minimal: it declares the capability, asks for a MixLayer at depth 1,
 * and runs each step with one-hot labels (its mixing is not the point: the protocol is).
 */
class CountingHiddenMixer implements HiddenLayerMixer {
  readonly mixesHiddenLayers = true;
  readonly requestedDepths = [1];
  constructor(private readonly inner: Mixer) {}
  get name() { return this.inner.name; }
  get options() { return this.inner.options; }
  get strategy() { return this.inner.strategy; }
  attach(model: MixLayerSource): this {
    const depths = (model as { layers: object[] }).layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => l.depth);
    calls.push(`attach [${depths.join()}]`);
    return this;
  }
  step<T>(batch: ManifoldBatch, fn: (step: ManifoldStep) => T): T {
    calls.push('step');
    const labels = tf.tidy(() => tf.cast(tf.oneHot(batch.labels as tf.Tensor1D, batch.numClasses!), 'float32'));
    const plan = this.inner.sample({ batchSize: batch.labels.shape[0] });
    const result = fn({ plan, labels });
    return (Promise.resolve(result).finally(() => labels.dispose()) as unknown) as T;
  }
  sample: Mixer['sample'] = (...args) => { calls.push('sample'); return this.inner.sample(...args); };
  apply: Mixer['apply'] = (...args) => { calls.push('apply'); return this.inner.apply(...args); };
  mix: Mixer['mix'] = (...args) => { calls.push('mix'); return this.inner.mix(...args); };
  applyPixels: Mixer['applyPixels'] = (...args) => { calls.push('applyPixels'); return this.inner.applyPixels(...args); };
}

const hiddenCount = defineStrategy({
  name: 'hidden-count',
  family: 'test',
  paper: '-',
  summary: 'a user hidden-layer strategy',
  options: z.strictObject({}),
  sample: (ctx) => ({ strategy: 'hidden-count', partner: Array.from({ length: ctx.batchSize }, (_, i) => i), lambda: new Array<number>(ctx.batchSize).fill(1) }),
  wrapMixer: (mixer) => new CountingHiddenMixer(mixer),
});

describe('trainRun with a user strategy that declares the hidden-layer capability', () => {
  it('gets MixLayers at the depths it requests, is attached once, and every batch runs through its step (never mixed on the inputs)', async () => {
    const zoo = await createZoo({ backend: 'cpu', plugins: [{ name: 'hidden', register: (z) => z.register(hiddenCount) }] });
    expect([zoo.create('hidden-count'), zoo.create('manifold-mixup'), zoo.create('mixup')].map(isHiddenLayerMixer)).toEqual([true, true, false]);
    const moons = await loadDataset('moons', { seed: 0, trainSize: 64, testSize: 32 });
    const before = tf.memory().numTensors;
    const r = await trainRun({ zoo, strategy: 'hidden-count', dataset: moons, model: 'mlp', epochs: 2, batchSize: 32, seed: 0, keepModel: true });
    expect(r.trainedModel!.layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => l.depth)).toEqual([1]);
    expect(calls.filter((c) => c !== 'sample')).toEqual(['attach [1]', ...new Array<string>(2 * 2).fill('step')]);
    expect(r.epochs.every((e) => Number.isFinite(e.trainLoss))).toBe(true);
    disposeModel(r.trainedModel!);
    expect(tf.memory().numTensors).toBe(before);
  });
});

// MixLayer inside tfjs-layers models: identity outside training, the step's plan at the drawn
// depth only, the same plan for every call of a step, gradients through the mix, real training.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterEach, describe, expect, it } from 'vitest';
import { MixLayer } from '@mixzoo/mixup';
import { buildModel, handPlan, inputs, manifoldOn, maxAbsDiff, referenceForward } from './manifold-fixture.js';

/** The tf.Variable behind a layer weight, for tf.variableGrads. */
function variableOf(weight: tfl.LayerVariable): tf.Variable {
  const value = weight.read();
  if (!(value instanceof tf.Variable)) throw new Error(`weight '${weight.name}' is not backed by a tf.Variable`);
  return value;
}

const apply = (model: tfl.LayersModel, x: tf.Tensor, training?: boolean) =>
  model.apply(x, training === undefined ? undefined : { training }) as tf.Tensor;

let leftovers: tf.Tensor[] = [];
afterEach(() => {
  tf.dispose(leftovers);
  leftovers = [];
});

describe.each(['cpu', 'wasm'] as const)('MixLayer on %s', (backend) => {
  it('mixes only at the armed depth, with the plan, during training calls', async () => {
    const manifold = await manifoldOn(backend);
    const model = buildModel();
    manifold.attach(model);
    const b = 5;
    const x = inputs(b);
    const y = tf.tensor1d([0, 1, 1, 0, 1], 'int32');
    const unmixed = referenceForward(model, x);
    const before = tf.memory().numTensors;
    for (const depth of [0, 1, 2]) {
      const plan = handPlan(b, depth);
      manifold.step({ labels: y, numClasses: 2 }, () => {
        const out = apply(model, x, true);
        const expected = referenceForward(model, x, plan, depth);
        expect(maxAbsDiff(out, expected), `depth ${depth}`).toBeLessThan(1e-5);
        // mixing at one depth is not mixing at another
        const elsewhere = referenceForward(model, x, plan, (depth + 1) % 3);
        expect(maxAbsDiff(out, elsewhere)).toBeGreaterThan(1e-3);
        tf.dispose([out, expected, elsewhere]);
      }, plan);
    }
    expect(tf.memory().numTensors).toBe(before);
    // After the step every MixLayer is the identity again, also in training calls.
    const after = apply(model, x, true);
    expect(maxAbsDiff(after, unmixed)).toBeLessThan(1e-6);
    leftovers.push(x, y, unmixed, after);
    model.dispose();
  });

  it('is the identity in predict, evaluate and untrained calls, even while armed', async () => {
    const manifold = await manifoldOn(backend);
    const model = buildModel();
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    manifold.attach(model);
    const x = inputs(4);
    const y = tf.tensor1d([0, 1, 0, 1], 'int32');
    const yHot = tf.oneHot(y, 2);
    const unmixed = referenceForward(model, x);
    const plainLoss = (model.evaluate(x, yHot) as tf.Scalar).dataSync()[0];
    manifold.step({ labels: y, numClasses: 2 }, () => {
      for (const out of [model.predict(x) as tf.Tensor, apply(model, x), apply(model, x, false)]) {
        expect(maxAbsDiff(out, unmixed)).toBeLessThan(1e-6);
        out.dispose();
      }
      const evaluated = model.evaluate(x, yHot) as tf.Scalar;
      expect(evaluated.dataSync()[0]).toBeCloseTo(plainLoss, 6);
      evaluated.dispose();
      const trained = apply(model, x, true); // the control: a training call does mix
      expect(maxAbsDiff(trained, unmixed)).toBeGreaterThan(1e-3);
      trained.dispose();
    }, handPlan(4, 1));
    leftovers.push(x, y, yHot, unmixed);
    model.dispose();
  });

  it('applies the SAME plan in every training call of a step, and a new one in the next step', async () => {
    const manifold = await manifoldOn(backend, { mode: 'elem', layers: [1] });
    const model = buildModel();
    manifold.attach(model);
    const x = inputs(6);
    const y = tf.tensor1d([0, 1, 0, 1, 0, 1], 'int32');
    const outputs: number[][] = [];
    for (let s = 0; s < 2; s++) {
      manifold.step({ labels: y, numClasses: 2 }, ({ plan }) => {
        const first = apply(model, x, true);
        const second = apply(model, x, true);
        const expected = referenceForward(model, x, plan, 1);
        expect(Array.from(second.dataSync())).toEqual(Array.from(first.dataSync()));
        expect(maxAbsDiff(first, expected)).toBeLessThan(1e-5);
        outputs.push(Array.from(first.dataSync()));
        tf.dispose([first, second, expected]);
      });
    }
    expect(outputs[1]).not.toEqual(outputs[0]);
    leftovers.push(x, y);
    model.dispose();
  });

  it('lets gradients flow through the mix: same gradients as the plain-ops forward pass', async () => {
    const manifold = await manifoldOn(backend);
    const model = buildModel();
    manifold.attach(model);
    const x = inputs(5);
    const y = tf.tensor1d([0, 1, 1, 0, 1], 'int32');
    const weights = tf.tensor2d(Float32Array.from({ length: 10 }, (_, i) => (i % 3) - 0.7), [5, 2]);
    const kernels = model.trainableWeights.map(variableOf);
    for (const depth of [0, 1, 2]) {
      const plan = handPlan(5, depth);
      const loss = (f: () => tf.Tensor) => () => tf.sum<tf.Scalar>(tf.mul(f(), weights));
      const viaLayer = manifold.step({ labels: y, numClasses: 2 }, () => tf.variableGrads(loss(() => apply(model, x, true)), kernels), plan);
      const viaOps = tf.variableGrads(loss(() => referenceForward(model, x, plan, depth)), kernels);
      expect(viaLayer.value.dataSync()[0]).toBeCloseTo(viaOps.value.dataSync()[0], 5);
      for (const v of kernels) {
        expect(maxAbsDiff(viaLayer.grads[v.name], viaOps.grads[v.name]), `${depth}: ${v.name}`).toBeLessThan(1e-5);
      }
      // the gradient of the input to the mixed depth's first layer does depend on the mix
      const unmixed = tf.variableGrads(loss(() => referenceForward(model, x)), kernels);
      expect(maxAbsDiff(viaLayer.grads[kernels[0].name], unmixed.grads[kernels[0].name])).toBeGreaterThan(1e-4);
      tf.dispose([viaLayer.value, viaOps.value, unmixed.value, ...Object.values(viaLayer.grads), ...Object.values(viaOps.grads), ...Object.values(unmixed.grads)]);
    }
    leftovers.push(x, y, weights);
    model.dispose();
  });

  it('trainOnBatch inside a step trains on the mixed activations and the mixed labels', async () => {
    const manifold = await manifoldOn(backend);
    const model = buildModel();
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    manifold.attach(model);
    const x = inputs(5);
    const y = tf.tensor1d([0, 1, 1, 0, 1], 'int32');
    const plan = handPlan(5, 1);
    // expected loss: cross-entropy of the mixed labels and the model mixed at depth 1 (before the update)
    const expected = tf.tidy(() => {
      const probs = referenceForward(model, x, plan, 1);
      const soft = tf.tensor2d(plan.partner.flatMap((p, i) => {
        const own = [0, 0];
        own[y.dataSync()[i]] += plan.lambda[i];
        own[y.dataSync()[p]] += 1 - plan.lambda[i];
        return own;
      }), [5, 2]);
      return tf.mean(tf.neg(tf.sum(tf.mul(soft, tf.log(probs)), 1))).dataSync()[0];
    });
    const before = tf.memory().numTensors;
    const loss = (await manifold.step({ labels: y, numClasses: 2 }, ({ labels }) => model.trainOnBatch(x, labels), plan)) as number;
    expect(loss).toBeCloseTo(expected, 5);
    expect(tf.memory().numTensors).toBe(before);
    // the same step without manifold mixup is another loss
    const plainLoss = tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(tf.oneHot(y, 2), tf.log(referenceForward(model, x))), 1))).dataSync()[0]);
    expect(Math.abs(plainLoss - expected)).toBeGreaterThan(1e-3);
    // the async step disarmed the layers when the promise settled
    const after = apply(model, x, true);
    const reference = referenceForward(model, x);
    expect(maxAbsDiff(after, reference)).toBeLessThan(1e-6);
    tf.dispose([after, reference]);
    leftovers.push(x, y);
    model.dispose();
  });

  it('works inside optimizer.minimize: one SGD update with the gradients of the mixed forward pass', async () => {
    const manifold = await manifoldOn(backend);
    const model = buildModel();
    manifold.attach(model);
    const x = inputs(5);
    const y = tf.tensor1d([0, 1, 1, 0, 1], 'int32');
    const plan = handPlan(5, 2);
    const crossEntropy = (labels: tf.Tensor, probs: tf.Tensor) => tf.mean<tf.Scalar>(tf.neg(tf.sum(tf.mul(labels, tf.log(probs)), 1)));
    const variables = model.trainableWeights.map(variableOf);
    // expected: the plain-ops forward pass, mixed at depth 2, against the mixed labels
    const expected = manifold.step({ labels: y, numClasses: 2 }, ({ labels }) =>
      tf.variableGrads(() => crossEntropy(labels, referenceForward(model, x, plan, 2)), variables), plan);
    const updated = variables.map((v) => tf.sub(v, tf.mul(0.1, expected.grads[v.name])));
    const sgd = tf.train.sgd(0.1);
    const before = tf.memory().numTensors;
    const cost = sgd.minimize(() => manifold.step({ labels: y, numClasses: 2 }, ({ labels }) => crossEntropy(labels, apply(model, x, true)), plan), true, variables)!;
    expect(tf.memory().numTensors).toBe(before + 1); // the returned cost
    sgd.dispose();
    expect(cost.dataSync()[0]).toBeCloseTo(expected.value.dataSync()[0], 5);
    variables.forEach((v, k) => expect(maxAbsDiff(v, updated[k]), v.name).toBeLessThan(1e-5));
    tf.dispose([cost, expected.value, ...Object.values(expected.grads), ...updated]);
    leftovers.push(x, y);
    model.dispose();
  });

  it('a model with several MixLayers at one depth (two branches) arms all of them', async () => {
    const manifold = await manifoldOn(backend);
    const input = tfl.input({ shape: [3] });
    const left = new MixLayer({ depth: 0 }).apply(input) as tfl.SymbolicTensor;
    const right = new MixLayer({ depth: 0 }).apply(input) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: input, outputs: [left, right] });
    manifold.attach(model);
    expect(manifold.layers).toHaveLength(2);
    const x = inputs(4);
    const y = tf.tensor1d([0, 1, 2, 0], 'int32');
    manifold.step({ labels: y, numClasses: 3 }, ({ plan }) => {
      const [a, c] = model.apply(x, { training: true }) as tf.Tensor[];
      const expected = tf.tidy(() => {
        const l = tf.tensor2d(plan.lambda, [4, 1]);
        return tf.add(tf.mul(l, x), tf.mul(tf.sub(1, l), tf.gather(x, tf.tensor1d(plan.partner, 'int32'))));
      });
      expect(maxAbsDiff(a, expected)).toBeLessThan(1e-6);
      expect(maxAbsDiff(c, expected)).toBeLessThan(1e-6);
      tf.dispose([a, c, expected]);
    }, handPlan(4, 0));
    leftovers.push(x, y);
    model.dispose();
  });
});

describe('MixLayer', () => {
  it('checks its depth and takes exactly one input', () => {
    expect(() => new MixLayer({ depth: -1 })).toThrow("MixLayer: 'depth' must be an integer >= 0 (0 = the input), got -1.");
    expect(() => new MixLayer({ depth: 1.5 })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => new MixLayer({} as never)).toThrow("got undefined.");
    const layer = new MixLayer({ depth: 2, name: 'mix_here' });
    expect(layer.getConfig()).toMatchObject({ depth: 2, name: 'mix_here' });
    const a = tf.ones([2, 2]);
    expect(() => layer.call([a, a], {})).toThrow("MixLayer 'mix_here': expected one input tensor, got 2.");
    a.dispose();
  });

  it('a MixLayer on the input of a Sequential model, images included', async () => {
    const manifold = await manifoldOn('cpu');
    const model = tfl.sequential({ layers: [new MixLayer({ depth: 0, inputShape: [4, 4, 1] }), tfl.layers.flatten(), tfl.layers.dense({ units: 2, kernelInitializer: 'ones' })] });
    manifold.attach(model);
    const x = tf.tensor4d(Float32Array.from({ length: 32 }, (_, i) => i), [2, 4, 4, 1]);
    const y = tf.tensor1d([0, 1], 'int32');
    const plan = { strategy: 'manifold-mixup', partner: [1, 0], lambda: [0.25, 0.6], extra: { layer: 0 } };
    manifold.step({ labels: y, numClasses: 2 }, () => {
      const out = model.apply(x, { training: true }) as tf.Tensor;
      // pixel sums: sample 0 = 120, sample 1 = 376
      const first = 0.25 * 120 + 0.75 * 376;
      const second = 0.6 * 376 + 0.4 * 120;
      expect(Array.from(out.dataSync())).toEqual([first, first, second, second].map((v) => expect.closeTo(v, 3)));
      out.dispose();
    }, plan);
    tf.dispose([x, y]);
    model.dispose();
  });
});

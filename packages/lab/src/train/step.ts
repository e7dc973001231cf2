import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError, type MixPlan, type Mixer } from '@mixzoo/core';
import { isHiddenLayerMixer } from '@mixzoo/mixup';
import { binaryCrossEntropy, perSampleBinaryCrossEntropy } from '../losses/binary-cross-entropy.js';
import { perSampleCrossEntropy, softTargetCrossEntropy } from '../losses/cross-entropy.js';
import { decoupledMixupLoss } from '../losses/decoupled.js';
import { interpolatedLoss, type InterpolatedTerm } from '../losses/interpolated.js';
import { regmixupLoss } from '../losses/regmixup.js';
import { smoothTargets } from '../losses/targets.js';
import type { RowLoss } from './loss-spec.js';

/** What one step trains on: the batch's (augmented) inputs and int32 class indices [B]. */
export interface StepBatch {
  inputs: tf.Tensor;
  labels: tf.Tensor1D;
}

/** A model's logits in training or inference mode. */
export type LogitsFn = (inputs: tf.Tensor, training: boolean) => tf.Tensor;

/**
 * The model's pre-softmax outputs (the logits the losses take), computed with its own layers and
 * weights: for a model ending in a softmax Activation layer, the model up to that layer; for one
 * ending in a Dense layer with a softmax activation (the lab's models), the model up to that layer,
 * then the layer's kernel and bias without the softmax. E_OPTION for any other last layer.
 */
export function logitsOf(model: tfl.LayersModel): LogitsFn {
  const last = model.layers[model.layers.length - 1];
  const { activation, useBias } = last.getConfig();
  const features = activation === 'softmax' ? tfl.model({ inputs: model.inputs, outputs: last.input }) : undefined;
  if (features && last.getClassName() === 'Activation') return (x, training) => features.apply(x, { training }) as tf.Tensor;
  if (features && last.getClassName() === 'Dense') {
    const [kernel, bias] = trainableVariables(last);
    return (x, training) => {
      const h = tf.matMul(features.apply(x, { training }) as tf.Tensor2D, kernel);
      return useBias === false ? h : tf.add(h, bias);
    };
  }
  throw new MixzooError('E_OPTION', `trainRun: the model must end in a softmax (a Dense layer with activation 'softmax', or a softmax Activation layer), got a '${last.getClassName()}' layer with activation ${describeValue(activation)}.`);
}

/** The tf.Variables behind a model's trainable weights, in their order: the `varList` of `optimizer.minimize` (one optimizer slot per variable, in a fixed order). */
export function trainableVariables(model: tfl.LayersModel | tfl.layers.Layer): tf.Variable[] {
  // A LayerVariable keeps its tf.Variable private, registered with the engine under the same (unique) name.
  const registered = tf.engine().registeredVariables;
  return model.trainableWeights.map((w) => registered[w.name]);
}

/** One-hot rows [B, C] of the classes `classes`, smoothed by ε. */
function smoothedOneHot(classes: ArrayLike<number>, numClasses: number, epsilon: number): tf.Tensor2D {
  const rows = new Float32Array(classes.length * numClasses).fill(epsilon / numClasses);
  for (let i = 0; i < classes.length; i++) rows[i * numClasses + classes[i]] += 1 - epsilon;
  return tf.tensor2d(rows, [classes.length, numClasses]);
}

/**
 * The label sources of a plan, as interpolated-loss terms: two-way plans the own label (weight λ,
 * or labelWeights.own) and the partner's (1 − λ, or labelWeights.partner); k-way plans each
 * source with its weight (0 where a sample has fewer). Without a plan, the own label alone.
 */
function labelTerms(plan: MixPlan | undefined, labels: Int32Array, numClasses: number, epsilon: number): InterpolatedTerm[] {
  const b = labels.length;
  if (!plan) return [{ targets: smoothedOneHot(labels, numClasses, epsilon), weight: 1 }];
  const { partners, weights } = plan;
  const sources: { classes: Int32Array; weights: Float32Array }[] = [];
  const source = (s: number) => (sources[s] ??= { classes: new Int32Array(b), weights: new Float32Array(b) });
  for (let i = 0; i < b; i++) {
    if (partners && weights) {
      partners[i].forEach((p, s) => {
        source(s).classes[i] = labels[p];
        source(s).weights[i] = weights[i][s];
      });
    } else {
      source(0).classes[i] = labels[i];
      source(0).weights[i] = plan.labelWeights ? plan.labelWeights.own[i] : plan.lambda[i];
      source(1).classes[i] = labels[plan.partner[i]];
      source(1).weights[i] = plan.labelWeights ? plan.labelWeights.partner[i] : 1 - plan.lambda[i];
    }
  }
  return sources.map((s) => ({ targets: smoothedOneHot(s.classes, numClasses, epsilon), weight: tf.tensor1d(s.weights) }));
}


/** The row's loss of a batch as a function of the logits [B, C] (regmixup: [2B, C]); the tensors it closes over are in `keep` (the caller disposes them). */
function lossOf(loss: RowLoss, mixed: MixedBatch, clean: tf.Tensor1D, numClasses: number, epsilon: number, keep: tf.Tensor[]): (logits: tf.Tensor) => tf.Scalar {
  const hold = <T extends tf.Tensor>(t: T): T => (keep.push(t), t);
  switch (loss.name) {
    case 'ce': {
      const y = hold(smoothTargets(mixed.labels, epsilon));
      return (z) => softTargetCrossEntropy(z, y);
    }
    case 'bce': {
      const y = hold(smoothTargets(mixed.labels, epsilon));
      return (z) => binaryCrossEntropy(z, y, { threshold: loss.threshold, sum: loss.sum });
    }
    case 'interpolated': {
      const terms = labelTerms(mixed.plan, clean.dataSync() as Int32Array, numClasses, epsilon);
      terms.forEach((t) => keep.push(t.targets, ...(t.weight instanceof tf.Tensor ? [t.weight] : [])));
      const perSample = loss.base === 'ce' ? perSampleCrossEntropy : (z: tf.Tensor, y: tf.Tensor) => perSampleBinaryCrossEntropy(z, y, { threshold: loss.threshold });
      return (z) => interpolatedLoss(perSample, z, terms);
    }
    case 'decoupled':
      return (z) => decoupledMixupLoss(z, mixed.labels, { eta: loss.eta, labelSmoothing: epsilon });
    case 'regmixup': {
      const yClean = hold(smoothedOneHot(clean.dataSync(), numClasses, epsilon));
      const yMixed = hold(smoothTargets(mixed.labels, epsilon));
      return (z) => regmixupLoss(z, yClean, yMixed, loss.eta);
    }
  }
}

/** A batch mixed on the inputs (or, without a mixer, passed through with one-hot labels); the caller of the step disposes what differs from the batch. */
export interface MixedBatch {
  inputs: tf.Tensor;
  labels: tf.Tensor;
  plan?: MixPlan;
}

export interface TrainStepSettings {
  /** The model (ending in a softmax: see logitsOf); its optimizer takes the step. */
  model: tfl.LayersModel;
  /** Mixes a batch on the inputs (mixer.mix, or one-hot labels without a mixer): the run's mixing, also what its replays draw. */
  mix(mixer: Mixer | undefined, batch: StepBatch): MixedBatch;
  optimizer: tf.Optimizer;
  loss: RowLoss;
  labelSmoothing: number;
  numClasses: number;
}

/** One training step on a batch; resolves to the batch's mean loss. */
export type TrainStep = (mixer: Mixer | undefined, batch: StepBatch) => Promise<number>;

/**
 * The lab's training step: mixes the batch (on the inputs, or inside the model with a hidden-layer
 * mixer such as manifold mixup, at the step's drawn depth), computes the row's loss on the
 * model's logits in training mode (batch norm updates its statistics), and takes one optimizer
 * step over the model's trainable weights (optimizer.minimize).
 */
export function createTrainStep(settings: TrainStepSettings): TrainStep {
  const { model, optimizer, loss, labelSmoothing, numClasses } = settings;
  const logits = logitsOf(model);
  const variables = trainableVariables(model);
  /** One optimizer step on the row's loss of `forward()`'s logits (default: the mixed inputs' logits). */
  const minimize = async (mixed: MixedBatch, clean: tf.Tensor1D, forward = () => logits(mixed.inputs, true)): Promise<number> => {
    const keep: tf.Tensor[] = [];
    try {
      const lossFn = lossOf(loss, mixed, clean, numClasses, labelSmoothing, keep);
      const cost = optimizer.minimize(() => lossFn(forward()), true, variables) as tf.Scalar;
      const value = (await cost.data())[0];
      cost.dispose();
      return value;
    } finally {
      tf.dispose(keep);
    }
  };
  return async (mixer, batch) => {
    if (isHiddenLayerMixer(mixer)) {
      return mixer.step({ labels: batch.labels, numClasses }, ({ labels, plan }) => minimize({ inputs: batch.inputs, labels, plan }, batch.labels));
    }
    const mixed = settings.mix(mixer, batch);
    const owned = [mixed.inputs, mixed.labels].filter((t) => t !== batch.inputs);
    try {
      if (loss.name !== 'regmixup') return await minimize(mixed, batch.labels);
      if (!loss.concatForward) return await minimize(mixed, batch.labels, () => tf.concat([logits(batch.inputs, true), logits(mixed.inputs, true)], 0));
      const both = tf.concat([batch.inputs, mixed.inputs], 0);
      owned.push(both);
      return await minimize({ ...mixed, inputs: both }, batch.labels);
    } finally {
      tf.dispose(owned);
    }
  };
}

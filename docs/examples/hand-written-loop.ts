import * as tfl from '@tensorflow/tfjs-layers';
import { lab, tf, type Mixer } from 'mixzoo';

// 1. A classifier that outputs logits: the losses apply the softmax (or the sigmoids) themselves.
export function buildLogitsModel(features: number, classes: number): tfl.LayersModel {
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [features], units: 32, activation: 'relu' }),
      tfl.layers.dense({ units: classes }),
    ],
  });
}

export type LossName = 'ce' | 'interpolated' | 'bce' | 'regmixup' | 'decoupled';

// 2. SGD with Nesterov momentum, its learning rate from a cosine schedule with one epoch of warm-up.
export function sgdWithCosine(stepsPerEpoch: number, epochs: number): lab.LabOptimizer {
  const settings = lab.resolveOptimizer({ name: 'sgd', momentum: 0.9, nesterov: true, weightDecay: 5e-4 }, 'example');
  const schedule = lab.resolveLrSchedule({ name: 'cosine', warmupEpochs: 1 }, 'example');
  const length = { stepsPerEpoch, totalSteps: stepsPerEpoch * epochs };
  return new lab.LabOptimizer(settings, (step) => lab.learningRateAt(schedule, 0.05, step, length));
}

// 3. One training step with a mixer (e.g. zoo.create('mixup', { alpha: 0.4 }), made once) and the
//    chosen loss. The mixer's plan says, per sample i, its partner and λ_i (the weight of its own
//    content): y_a = y_i, y_b = y_partner(i).
export function trainStep(mixer: Mixer, model: tfl.LayersModel, optimizer: tf.Optimizer, x: tf.Tensor2D, y: tf.Tensor1D, classes: number, loss: LossName): number {
  const { inputs, labels, plan } = mixer.mix({ inputs: x, labels: y, numClasses: classes });
  const mixed = labels as tf.Tensor2D; // λ·y_a + (1 − λ)·y_b
  const [yA, yB, lambda, rest] = tf.tidy(() => {
    const own = tf.cast(tf.oneHot(y, classes), 'float32');
    const weight = tf.tensor1d(plan.lambda);
    return [own, tf.gather(own, plan.partner), weight, tf.sub(1, weight)];
  });
  const logitsOf = (batch: tf.Tensor) => model.apply(batch, { training: true }) as tf.Tensor2D;
  const cost = optimizer.minimize(() => {
    switch (loss) {
      case 'ce': // label mixing: CE on the mixed targets
        return lab.softTargetCrossEntropy(logitsOf(inputs), mixed);
      case 'interpolated': // λ·CE(z, y_a) + (1 − λ)·CE(z, y_b): the same value for CE
        return lab.interpolatedLoss(lab.perSampleCrossEntropy, logitsOf(inputs), [{ targets: yA, weight: lambda }, { targets: yB, weight: rest }]);
      case 'bce': // timm's BCE: smoothed mixed targets, thresholded at 0.2
        return lab.binaryCrossEntropy(logitsOf(inputs), lab.smoothTargets(mixed, 0.1), { threshold: 0.2 });
      case 'regmixup': // one forward on [clean; mixed]: ½·(CE_clean + η·CE_mixed)
        return lab.regmixupLoss(logitsOf(tf.concat([x, inputs])), yA, mixed, 1);
      case 'decoupled':
        return lab.decoupledMixupLoss(logitsOf(inputs), mixed, { eta: 0.1 });
    }
  }, true, lab.trainableVariables(model)) as tf.Scalar; // a fixed list: one optimizer slot per weight
  const value = cost.dataSync()[0];
  tf.dispose([cost, inputs, mixed, yA, yB, lambda, rest]);
  return value;
}

import * as tf from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError } from '@mixzoo/core';
import type { ChannelNormalization } from '../types.js';

type LayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;

export interface StandardizeArgs extends LayerArgs, ChannelNormalization {}

/**
 * The model's first layer when a dataset is loaded with normalisation: (x − mean_c) / std_c per
 * channel (the last axis), with the training split's statistics; a std of 0 (a constant channel)
 * divides by 1. In the model rather than the data, so that augmentation, mixing and the noisy
 * evaluation all see pixels in [0, 1]. No weights; saved with the model as 'mixzoo>Standardize'.
 */
export class Standardize extends layers.Layer {
  static className = 'Standardize';
  readonly mean: number[];
  readonly std: number[];

  constructor(args: StandardizeArgs) {
    const { mean, std } = args;
    const finite = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
    if (!finite(mean) || !finite(std) || std.length !== mean.length || std.some((s) => s < 0)) {
      throw new MixzooError('E_OPTION', `Standardize: 'mean' and 'std' must be equally long lists of finite numbers (std >= 0), got ${describeValue({ mean, std })}.`);
    }
    super(args);
    this.mean = [...mean];
    this.std = [...std];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.div(tf.sub(x, tf.tensor1d(this.mean)), tf.tensor1d(this.std.map((s) => s || 1))));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mean: this.mean, std: this.std };
  }
}

tf.serialization.registerClass(Standardize, 'mixzoo');

import * as tf from '@tensorflow/tfjs-core';
import { initializers, layers, type LayerVariable, type Shape } from '@tensorflow/tfjs-layers';

type LayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;

const single = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);
const shapeOf = (shape: Shape | Shape[]): Shape => (Array.isArray(shape[0]) ? shape[0] : (shape as Shape));

/**
 * Cuts NHWC images into non-overlapping p×p patches, row-major: [B, H, W, C] → [B, (H/p)·(W/p), p·p·C]
 * (each patch's pixels row by row, channels last). A dense layer after it is the ViT's patch
 * embedding (equal to a p×p convolution with stride p, without the convolution's backprop kernels).
 */
export class Patchify extends layers.Layer {
  static className = 'Patchify';
  readonly patchSize: number;

  constructor(args: LayerArgs & { patchSize: number }) {
    super(args);
    this.patchSize = args.patchSize;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = single(inputs);
    const [b, h, w, c] = x.shape;
    const p = this.patchSize;
    // Rank 5 at most (every backend's transpose handles it): rows of patches, then patches in a row.
    const rows = tf.reshape(x, [b, h / p, p, w / p, p * c]);
    return tf.reshape(tf.transpose(rows, [0, 1, 3, 2, 4]), [b, (h / p) * (w / p), p * p * c]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b, h, w, c] = shapeOf(inputShape);
    const p = this.patchSize;
    return [b, ((h ?? 0) / p) * ((w ?? 0) / p), p * p * (c ?? 0)];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), patchSize: this.patchSize };
  }
}

/**
 * Prepends a learned class token to the patch embeddings and adds learned position embeddings:
 * [B, N, D] → [B, N + 1, D]. Both start at zero (deterministic; the patch embedding breaks the symmetry).
 */
export class ClassTokenPosition extends layers.Layer {
  static className = 'ClassTokenPosition';
  private classToken!: LayerVariable;
  private position!: LayerVariable;

  override build(inputShape: Shape | Shape[]): void {
    const [, n, d] = shapeOf(inputShape) as number[];
    this.classToken = this.addWeight('class_token', [1, 1, d], 'float32', initializers.zeros());
    this.position = this.addWeight('position', [1, n + 1, d], 'float32', initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = single(inputs);
    const cls = tf.mul(tf.ones([x.shape[0], 1, 1]), this.classToken.read()); // broadcast: Tile is slow on wasm
    return tf.add(tf.concat([cls, x], 1), this.position.read());
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b, n, d] = shapeOf(inputShape);
    return [b, (n ?? 0) + 1, d];
  }
}

/**
 * Multi-head scaled dot-product self-attention on projected queries, keys and values
 * ([B, T, 3D] → [B, T, D]) that also returns its attention probabilities softmax(QKᵀ/√d)
 * [B, heads, T, T] as a second output: the map TransMix and `vitAttention` read (no dropout, so
 * an inference pass sees the training pass's attention).
 */
export class ScaledDotAttention extends layers.Layer {
  static className = 'ScaledDotAttention';
  readonly heads: number;

  constructor(args: LayerArgs & { heads: number }) {
    super(args);
    this.heads = args.heads;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    const qkv = single(inputs);
    const [, , d3 = 0] = qkv.shape;
    const d = d3 / 3;
    const dh = d / this.heads;
    // Per head by slicing the feature axis: [B, T, dh] blocks need no transposes (slow on wasm).
    const part = (which: number, head: number) => tf.slice(qkv, [0, 0, which * d + head * dh], [-1, -1, dh]);
    const outs: tf.Tensor[] = [];
    const maps: tf.Tensor[] = [];
    for (let head = 0; head < this.heads; head++) {
      const attention = tf.softmax(tf.mul(tf.matMul(part(0, head), part(1, head), false, true), 1 / Math.sqrt(dh)));
      outs.push(tf.matMul(attention, part(2, head)));
      maps.push(attention);
    }
    return [tf.concat(outs, 2), tf.stack(maps, 1)];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const [b, t, d3] = shapeOf(inputShape);
    return [[b, t, (d3 ?? 0) / 3], [b, this.heads, t, t]];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads };
  }
}

/**
 * Layer normalisation over the last axis with learned scale (ones) and offset (zeros),
 * broadcasting them instead of tiling (tfjs-layers' layerNormalization tiles them to the input's
 * shape, which dominated the ViT's time on wasm).
 */
export class LayerNorm extends layers.Layer {
  static className = 'LayerNorm';
  private gamma!: LayerVariable;
  private beta!: LayerVariable;

  override build(inputShape: Shape | Shape[]): void {
    const shape = shapeOf(inputShape);
    const d = shape[shape.length - 1] ?? 0;
    this.gamma = this.addWeight('gamma', [d], 'float32', initializers.ones());
    this.beta = this.addWeight('beta', [d], 'float32', initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = single(inputs);
    const { mean, variance } = tf.moments(x, -1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-6)));
    return tf.add(tf.mul(normalised, this.gamma.read()), this.beta.read());
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return shapeOf(inputShape);
  }
}

/** The class token's row: [B, T, D] → [B, D]. */
export class ClassTokenOf extends layers.Layer {
  static className = 'ClassTokenOf';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.squeeze(tf.slice(single(inputs), [0, 0, 0], [-1, 1, -1]), [1]);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b, , d] = shapeOf(inputShape);
    return [b, d];
  }
}

for (const layer of [Patchify, ClassTokenPosition, ScaledDotAttention, LayerNorm, ClassTokenOf]) tf.serialization.registerClass(layer, 'mixzoo');

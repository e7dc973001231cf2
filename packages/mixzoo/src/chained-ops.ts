import * as tf from '@tensorflow/tfjs-core';
// Types only: brings tfjs-core's declarations of the chained methods (`Tensor.mul`...) into scope.
import type {} from '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';

// tfjs-core registers its chained ops (`x.mul(2)`) only from ESM files with extensionless imports,
// which Node cannot load; the union @tensorflow/tfjs bundles them. These are the same methods,
// bound to the same op functions, so `tf` from mixzoo behaves like @tensorflow/tfjs.

type Op = (...args: unknown[]) => tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>;
type Method = (this: tf.Tensor, ...args: unknown[]) => unknown;

/** Methods that call the op of the same name with `this` first (tfjs-core 4.22 public/chained_ops). */
const SAME_NAME = [
  'abs', 'acos', 'acosh', 'add', 'all', 'any', 'argMax', 'argMin', 'asin', 'asinh', 'atan', 'atan2', 'atanh', 'avgPool',
  'batchToSpaceND', 'batchNorm', 'broadcastTo', 'cast', 'ceil', 'clipByValue', 'conv1d', 'conv2d', 'conv2dTranspose', 'cos',
  'cosh', 'cumprod', 'cumsum', 'depthToSpace', 'depthwiseConv2d', 'dilation2d', 'div', 'divNoNan', 'dot', 'elu', 'equal',
  'erf', 'euclideanNorm', 'exp', 'expandDims', 'expm1', 'floor', 'floorDiv', 'gather', 'greater', 'greaterEqual', 'isFinite',
  'isInf', 'isNaN', 'leakyRelu', 'less', 'lessEqual', 'localResponseNormalization', 'log', 'log1p', 'logSigmoid', 'logSoftmax',
  'logSumExp', 'logicalAnd', 'logicalNot', 'logicalOr', 'logicalXor', 'matMul', 'max', 'maxPool', 'maximum', 'mean', 'min',
  'minimum', 'mirrorPad', 'mod', 'mul', 'neg', 'norm', 'notEqual', 'oneHot', 'onesLike', 'pad', 'pool', 'pow', 'prelu', 'prod',
  'reciprocal', 'relu', 'relu6', 'reshape', 'reverse', 'round', 'rsqrt', 'selu', 'separableConv2d', 'sigmoid', 'sign', 'sin',
  'sinh', 'slice', 'softmax', 'softplus', 'spaceToBatchND', 'split', 'sqrt', 'square', 'squaredDifference', 'squeeze', 'step',
  'stridedSlice', 'sub', 'sum', 'tan', 'tanh', 'tile', 'topk', 'transpose', 'unique', 'unsortedSegmentSum', 'unstack', 'zerosLike',
] as const;

const ops = tf as unknown as Record<string, Op>;
const call = (op: Op): Method =>
  function (...args) {
    this.throwIfDisposed();
    return op(this, ...args);
  };
const reshaped = (shape: (x: tf.Tensor, args: number[]) => number[]): Method =>
  function (...args) {
    this.throwIfDisposed();
    return tf.reshape(this, shape(this, args as number[]));
  };
const castTo = (dtype: tf.DataType): Method =>
  function () {
    this.throwIfDisposed();
    return tf.cast(this, dtype);
  };

const METHODS: Record<string, Method> = {
  ...Object.fromEntries(SAME_NAME.map((name) => [name, call(ops[name])])),
  fft: call(tf.spectral.fft as Op),
  ifft: call(tf.spectral.ifft as Op),
  rfft: call(tf.spectral.rfft as Op),
  irfft: call(tf.spectral.irfft as Op),
  resizeBilinear: call(tf.image.resizeBilinear as Op),
  resizeNearestNeighbor: call(tf.image.resizeNearestNeighbor as Op),
  asType: call(tf.cast as Op),
  toBool: castTo('bool'),
  toFloat: castTo('float32'),
  toInt: castTo('int32'),
  flatten: reshaped((x) => [x.size]),
  as1D: reshaped((x) => [x.size]),
  as2D: reshaped((_, a) => a.slice(0, 2)),
  as3D: reshaped((_, a) => a.slice(0, 3)),
  as4D: reshaped((_, a) => a.slice(0, 4)),
  as5D: reshaped((_, a) => a.slice(0, 5)),
  asScalar: reshaped(() => []),
  reshapeAs(x) {
    this.throwIfDisposed();
    return tf.reshape(this, (x as tf.Tensor).shape);
  },
  concat(x, axis) {
    this.throwIfDisposed();
    return tf.concat([this, ...(x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]))], axis as number);
  },
  stack(x, axis) {
    this.throwIfDisposed();
    return tf.stack([this, ...(x instanceof tf.Tensor ? [x] : (x as tf.Tensor[]))], axis as number);
  },
  where(condition, x) {
    this.throwIfDisposed();
    return tf.where(condition as tf.Tensor, this, x as tf.Tensor);
  },
};

/** Adds the chained ops to the Tensor class of the engine mixzoo uses (idempotent; never replaces a method already there). */
export function registerChainedOps(): void {
  const prototype = tf.Tensor.prototype as unknown as Record<string, Method>;
  for (const [name, method] of Object.entries(METHODS)) if (typeof prototype[name] !== 'function') prototype[name] = method;
}

// Stand-ins for tfjs's own gradient registrations, for the gradient tests only.
// tfjs-core's Node bundle registers no gradients (tfjs-layers brings them, and it is not a
// dependency of @mixzoo/kernels), so tf.grad fails on any op without this. Each stand-in is the
// textbook gradient of one standard kernel the fallback paths use, registered only when tfjs has
// none (so with tfjs-layers loaded the real ones are used). They are test code: the fallback
// itself only composes standard ops.
import * as tf from '@tensorflow/tfjs-core';
import { backend_util, util, type GradConfig, type NamedAttrMap, type Tensor } from '@tensorflow/tfjs-core';

/** Sums `t` over the axes it was broadcast along, back to `shape`. */
function unbroadcast(t: Tensor, shape: number[]): Tensor {
  const axes = backend_util.getReductionAxes(shape, t.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(t, axes) : t, shape);
}

const configs: GradConfig[] = [
  {
    kernelName: 'Sum', inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs: NamedAttrMap) => ({
      x: () => {
        const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape);
        return tf.mul(tf.reshape(dy as Tensor, backend_util.expandShapeToKeepDim((dy as Tensor).shape, axes)), tf.ones(x.shape));
      },
    }),
  },
  {
    kernelName: 'Add', inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(dy as Tensor, a.shape), b: () => unbroadcast(dy as Tensor, b.shape) }),
  },
  {
    kernelName: 'Sub', inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]) => ({ a: () => unbroadcast(dy as Tensor, a.shape), b: () => unbroadcast(tf.neg(dy as Tensor), b.shape) }),
  },
  {
    kernelName: 'Multiply', inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b]) => ({
      a: () => unbroadcast(tf.mul(dy as Tensor, tf.cast(b, 'float32')), a.shape),
      b: () => unbroadcast(tf.mul(dy as Tensor, tf.cast(a, 'float32')), b.shape),
    }),
  },
  { kernelName: 'Reshape', inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy as Tensor, x.shape) }) },
  { kernelName: 'Identity', gradFunc: (dy) => ({ x: () => tf.cast(dy as Tensor, 'float32') }) },
  { kernelName: 'Cast', gradFunc: (dy) => ({ x: () => tf.clone(dy as Tensor) }) },
  {
    kernelName: 'Slice', inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs: NamedAttrMap) => ({
      x: () => {
        const begin = attrs.begin as number[];
        const size = (dy as Tensor).shape;
        return tf.pad(dy as Tensor, x.shape.map((d, i) => [begin[i], d - begin[i] - size[i]] as [number, number]));
      },
    }),
  },
  {
    kernelName: 'PadV2', inputsToSave: ['x'],
    gradFunc: (dy, [x], attrs: NamedAttrMap) => ({
      x: () => tf.slice(dy as Tensor, (attrs.paddings as [number, number][]).map((p) => p[0]), x.shape),
    }),
  },
  {
    kernelName: 'Concat', saveAllInputs: true,
    gradFunc: (dy, saved, attrs: NamedAttrMap) => {
      const axis = util.parseAxisParam(attrs.axis as number, saved[0].shape)[0];
      const parts = tf.split(dy as Tensor, saved.map((t) => t.shape[axis]), axis);
      return parts.map((p) => () => p) as unknown as ReturnType<GradConfig['gradFunc']>;
    },
  },
  {
    kernelName: 'Select', inputsToSave: ['condition'],
    gradFunc: (dy, [condition]) => ({
      condition: () => tf.zerosLike(condition),
      t: () => tf.mul(dy as Tensor, tf.cast(condition, 'float32')),
      e: () => tf.mul(dy as Tensor, tf.cast(tf.logicalNot(condition), 'float32')),
    }),
  },
  {
    kernelName: 'BatchMatMul', inputsToSave: ['a', 'b'],
    gradFunc: (dy, [a, b], attrs: NamedAttrMap) => {
      if (attrs.transposeA || attrs.transposeB || a.rank !== 2) throw new Error('stand-in: plain 2-D matMul only');
      return { a: () => tf.matMul(dy as Tensor, b, false, true), b: () => tf.matMul(a, dy as Tensor, true, false) };
    },
  },
  {
    kernelName: 'Transpose',
    gradFunc: (dy, _, attrs: NamedAttrMap) => {
      const perm = attrs.perm as number[];
      const undo = perm.map((_, i) => perm.indexOf(i));
      return { x: () => tf.transpose(dy as Tensor, undo) };
    },
  },
];

/** Registers the stand-ins tfjs has no gradient for yet; returns their kernel names. */
export function registerStandInGradients(): string[] {
  const added: string[] = [];
  for (const config of configs) {
    // Typed as always found, but undefined for a kernel without a registered gradient.
    if ((tf.getGradient(config.kernelName) as tf.GradConfig | undefined) !== undefined) continue;
    tf.registerGradient(config);
    added.push(config.kernelName);
  }
  return added;
}

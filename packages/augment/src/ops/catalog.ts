import { tensor, type Tensor } from '@tensorflow/tfjs-core';
import type { IndexMap, KernelOps } from '@mixzoo/core';
import { rotationMatrix, warpAffine, type AffineMatrix } from '../affine.js';
import { scaleShift } from '../geometry.js';
import { brightness, contrast, saturation, sharpness } from './enhance.js';
import { equalize } from './equalize.js';
import { autocontrast, posterize, solarize } from './tone.js';

/** The image ops of the auto-augment family (RandAugment, TrivialAugment, AugMix), by plan name. */
export const OP_NAMES = [
  'identity', 'shear-x', 'shear-y', 'translate-x', 'translate-y', 'rotate',
  'brightness', 'color', 'contrast', 'sharpness', 'posterize', 'solarize', 'autocontrast', 'equalize',
] as const;
export type OpName = (typeof OP_NAMES)[number];

/** One op of a sample's chain: `value` in the op's own units (see the doc pages), 0 for ops without one. */
export interface OpStep {
  op: OpName;
  value: number;
}

/** What an op needs besides the pixels and the values. */
export interface OpContext {
  where: string;
  tensorName: string;
  kernels: KernelOps;
  /** Height and width the values were drawn for (translations rescale to the tensor's size). */
  height: number;
  width: number;
  interpolation: 'bilinear' | 'nearest';
  /** Value of pixels from outside the image, in the tensor's units. */
  fill: number;
}

interface ImageOp {
  /** Moves pixels (aligned targets follow) rather than changing values. */
  geometric: boolean;
  /** `values[j]` belongs to sample j of `x` ([n, H, W, C]). Returns a new tensor; call inside tidy. */
  apply(x: Tensor, values: readonly number[], ctx: OpContext): Tensor;
}

const perSample = (values: readonly number[]) => tensor(values, [values.length, 1, 1, 1], 'float32');

/** Resampled ops (shear, rotate): tf.image.transform per sample, constant fill. */
const warp = (matrix: (value: number, h: number, w: number) => AffineMatrix): ImageOp => ({
  geometric: true,
  apply(x, values, ctx) {
    const [, h, w] = x.shape;
    return warpAffine(ctx.where, x, values.map((v) => matrix(v, h, w)), { interpolation: ctx.interpolation, fillMode: 'constant', fill: ctx.fill }, ctx.tensorName);
  },
});

/** Whole-pixel translations: the content moves by +value pixels (right / down), one fused index-remap pass. */
const shift = (axis: 'x' | 'y'): ImageOp => ({
  geometric: true,
  apply(x, values, ctx) {
    const [, h, w] = x.shape;
    const maps = values.map((v): IndexMap => axis === 'x'
      ? { y: [1, 0, 0], x: [0, 1, -scaleShift(v, ctx.width, w)] }
      : { y: [1, 0, -scaleShift(v, ctx.height, h)], x: [0, 1, 0] });
    return ctx.kernels.remap(x, maps, { border: 'constant', fill: ctx.fill });
  },
});

const tone = (f: (x: Tensor, values: readonly number[]) => Tensor): ImageOp => ({ geometric: false, apply: (x, values) => f(x, values) });
const enhance = (f: (x: Tensor, factor: Tensor) => Tensor) => tone((x, values) => f(x, perSample(values)));

// Shears have their origin at the top-left image corner (torchvision center=[0, 0], PIL's
// affine data): output pixel centre (c + ½, r + ½) reads input x = c + ½ + v·(r + ½) for shear-x.
const OPS: Record<OpName, ImageOp> = {
  identity: tone((x) => x),
  'shear-x': warp((v) => [1, v, v / 2, 0, 1, 0]),
  'shear-y': warp((v) => [1, 0, 0, v, 1, v / 2]),
  'translate-x': shift('x'),
  'translate-y': shift('y'),
  rotate: warp((v, h, w) => rotationMatrix(v, h, w)),
  brightness: enhance(brightness),
  color: enhance(saturation),
  contrast: enhance(contrast),
  sharpness: enhance(sharpness),
  posterize: tone(posterize),
  solarize: tone((x, values) => solarize(x, perSample(values))),
  autocontrast: tone(autocontrast),
  equalize: tone(equalize),
};

export const isGeometric = (op: OpName): boolean => OPS[op].geometric;

/** Applies one op to samples `x` ([n, H, W, C]) with one value each. Call inside tidy. */
export const applyOp = (op: OpName, x: Tensor, values: readonly number[], ctx: OpContext): Tensor => OPS[op].apply(x, values, ctx);

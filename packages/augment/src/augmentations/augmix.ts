import { clone, concat, tidy } from '@tensorflow/tfjs-core';
import { MixzooError, type Rng } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { checkValueRange, denormalise, normalise, onlyActive } from '../photometric.js';
import type { OpName, OpStep } from '../ops/catalog.js';
import { opContext, runChains } from '../ops/chain.js';
import { checkChannels, chainOptions } from '../ops/options.js';
import { stepSchema, type Bounds } from '../ops/steps.js';

/** google-research/augmix augmentations.py: `augmentations`, and the four enhance ops `augmentations_all` adds. */
const BASE_OPS: readonly OpName[] = ['autocontrast', 'equalize', 'posterize', 'rotate', 'solarize', 'shear-x', 'shear-y', 'translate-x', 'translate-y'];
const ALL_OPS: readonly OpName[] = [...BASE_OPS, 'color', 'contrast', 'brightness', 'sharpness'];

/**
 * One op's value as augmentations.py draws it: level ~ U(0.1, severity), int_parameter(l, max) =
 * int(l · max / 10), float_parameter(l, max) = l · max / 10, geometric ops negated when
 * U(0, 1) > 0.5. The reference's IMAGE_SIZE (32) is the real height or width here.
 */
function drawValue(op: OpName, rng: Rng, severity: number, height: number, width: number): number {
  const level = () => rng.uniform(0.1, severity);
  const int = (max: number) => Math.trunc((level() * max) / 10);
  const float = (max: number) => (level() * max) / 10;
  const signed = (v: number) => (rng.uniform() > 0.5 ? -v : v) + 0;
  switch (op) {
    case 'posterize': return 4 - int(4);
    case 'rotate': return signed(int(30));
    case 'solarize': return (256 - int(256)) / 255; // PIL's byte threshold 256 − level, in [0, 1] units
    case 'shear-x': case 'shear-y': return signed(float(0.3));
    case 'translate-x': return signed(int(width / 3));
    case 'translate-y': return signed(int(height / 3));
    case 'color': case 'contrast': case 'brightness': case 'sharpness': return float(1.8) + 0.1;
    default: return 0; // autocontrast, equalize
  }
}

/** The values drawValue can give at `severity` (levels stay below it). */
function bounds(allOps: boolean, severity: number, height: number, width: number): Partial<Record<OpName, Bounds>> {
  const sym = (max: number, int = false): Bounds => ({ min: -max, max, int });
  const factor: Bounds = { min: 0.1, max: (severity * 1.8) / 10 + 0.1 };
  const b: Partial<Record<OpName, Bounds>> = {
    autocontrast: { min: 0, max: 0 },
    equalize: { min: 0, max: 0 },
    posterize: { min: 4 - Math.trunc((severity * 4) / 10), max: 4, int: true },
    rotate: sym(Math.trunc((severity * 30) / 10), true),
    solarize: { min: (256 - Math.trunc((severity * 256) / 10)) / 255, max: 256 / 255 },
    'shear-x': sym((severity * 0.3) / 10),
    'shear-y': sym((severity * 0.3) / 10),
    'translate-x': sym(Math.trunc((severity * (width / 3)) / 10), true),
    'translate-y': sym(Math.trunc((severity * (height / 3)) / 10), true),
  };
  return allOps ? { ...b, color: factor, contrast: factor, brightness: factor, sharpness: factor } : b;
}

interface AugMixParams {
  weights: number[];
  m: number;
  chains: OpStep[][];
}

/**
 * AugMix: `width` chains of 1 to 3 ops (or `depth`) per sample, mixed with Dirichlet(alpha)
 * weights, then blended with the clean image by m ~ Beta(alpha, alpha):
 * x' = (1 − m) · x + m · Σ_k w_k · chain_k(x). The blend is one fused k-way lerp
 * (`mixLerpK`). Inputs only: aligned targets cannot follow a blend of differently warped copies.
 */
export const augmix = defineAugmentation({
  name: 'augmix',
  family: 'augmix',
  reference: 'Hendrycks et al., AugMix, ICLR 2020; google-research/augmix cifar.py aug() and augmentations.py (mixture_width 3, mixture_depth −1, aug_severity 3, alpha 1).',
  summary: 'Mixes width chains of random ops with Dirichlet weights, blended with the clean image by a Beta weight.',
  options: z.strictObject({
    width: z.number().int().min(1).default(3).describe('Augmentation chains per sample (mixture_width).'),
    depth: z.number().int().min(-1).max(3).refine((d) => d !== 0, 'must be -1 (random 1 to 3) or 1 to 3').default(-1)
      .describe('Ops per chain: 1 to 3, or −1 for a uniform draw from {1, 2, 3} per chain (mixture_depth).'),
    severity: z.number().int().min(1).max(10).default(3).describe('Largest op level (aug_severity); levels are uniform in [0.1, severity).'),
    alpha: z.number().gt(0).default(1).describe('Dirichlet(alpha, …) chain weights and Beta(alpha, alpha) blend weight m.'),
    allOps: z.boolean().default(false).describe('Add color, contrast, brightness and sharpness to the 9 ops (--all-ops; they overlap corruption benchmarks).'),
    ...chainOptions('bilinear'),
    prob: augmentProb(),
  }),
  geometric: true,
  setup: (options) => checkValueRange('augmix', options.valueRange),
  check: (shape) => checkChannels('augmix', shape),
  params: (options, { height, width }) => {
    const step = stepSchema(bounds(options.allOps, options.severity, height, width));
    const [lo, hi] = options.depth > 0 ? [options.depth, options.depth] : [1, 3];
    return z.strictObject({
      weights: z.array(z.number().min(0).max(1)).length(options.width).refine((w) => Math.abs(w.reduce((s, v) => s + v, 0) - 1) <= 1e-6, 'weights must sum to 1'),
      m: z.number().min(0).max(1),
      chains: z.array(z.array(step).min(lo).max(hi)).length(options.width),
    });
  },
  draw({ rng, options, height, width }): AugMixParams {
    const ops = options.allOps ? ALL_OPS : BASE_OPS;
    const weights = rng.dirichlet(Array<number>(options.width).fill(options.alpha));
    const m = rng.beta(options.alpha, options.alpha);
    const chains = weights.map(() => {
      const depth = options.depth > 0 ? options.depth : 1 + rng.int(3);
      return Array.from({ length: depth }, () => {
        const op = ops[rng.int(ops.length)];
        return { op, value: drawValue(op, rng, options.severity, height, width) };
      });
    });
    return { weights, m, chains };
  },
  apply(x, params, ctx) {
    if (ctx.tensorName !== 'inputs') {
      throw new MixzooError('E_OPTION', `augmix: aligned targets cannot follow a blend of differently warped copies of each image; augment without the target '${ctx.tensorName}'.`);
    }
    const { valueRange } = ctx.options;
    return tidy(() => {
      const n = normalise(x, valueRange);
      if (params.every((p) => p === null)) return clone(denormalise(n, valueRange));
      const op = opContext('augmix', x, ctx);
      const chains = Array.from({ length: ctx.options.width }, (_, k) => runChains(n, params.map((p) => p && p.chains[k]), op, true));
      const batch = x.shape[0];
      // Term 0 is the clean image, term k its chain k: rows index the batch [n, chain_1, ..., chain_width].
      const partners = params.map((p, i) => (p ? [i, ...chains.map((_, k) => (k + 1) * batch + i)] : [i]));
      const weights = params.map((p) => (p ? [1 - p.m, ...p.weights.map((w) => p.m * w)] : [1]));
      const mixed = ctx.kernels.mixLerpK(n, partners, weights, concat([n, ...chains]));
      const out = denormalise(mixed, valueRange);
      return params.includes(null) ? onlyActive(x, out, params) : out;
    });
  },
});

import type { Rng } from '@mixzoo/core';
import type { OpName, OpStep } from './catalog.js';
import { roundHalfEven } from './round.js';
import type { Bounds } from './steps.js';

/**
 * torchvision v2's augmentation space of RandAugment and TrivialAugmentWide
 * (transforms/v2/_auto_augment.py): 14 ops, each magnitude a linspace over `bins` bins.
 */
export const TORCHVISION_OPS: readonly OpName[] = [
  'identity', 'shear-x', 'shear-y', 'translate-x', 'translate-y', 'rotate',
  'brightness', 'color', 'contrast', 'sharpness', 'posterize', 'solarize', 'autocontrast', 'equalize',
];

/** Ops whose magnitude is negated with probability 1/2. */
const SIGNED = new Set<OpName>(['shear-x', 'shear-y', 'translate-x', 'translate-y', 'rotate', 'brightness', 'color', 'contrast', 'sharpness']);
const ENHANCE = new Set<OpName>(['brightness', 'color', 'contrast', 'sharpness']);
const UNMEASURED = new Set<OpName>(['identity', 'autocontrast', 'equalize']);

/** The largest magnitude of each op (the last bin) and the number of bins. */
export interface Space {
  bins: number;
  shear: number;
  rotate: number;
  /** Enhance factors are 1 ± up to this. */
  enhance: number;
  /** Posterize bits are 8 − round(bin / ((bins − 1) / posterizeSteps)). */
  posterizeSteps: number;
  /** Largest translation in pixels of an image side of `side` pixels. */
  translate(side: number): number;
}

/** Magnitude of `op` at `bin`, before the sign (linspace(0, max, bins)[bin]; solarize linspace(1, 0)). */
function magnitude(op: OpName, bin: number, space: Space, height: number, width: number): number {
  const t = bin / (space.bins - 1);
  if (op === 'shear-x' || op === 'shear-y') return t * space.shear;
  if (op === 'translate-x') return t * space.translate(width);
  if (op === 'translate-y') return t * space.translate(height);
  if (op === 'rotate') return t * space.rotate;
  if (ENHANCE.has(op)) return t * space.enhance;
  if (op === 'posterize') return 8 - roundHalfEven(bin / ((space.bins - 1) / space.posterizeSteps));
  if (op === 'solarize') return 1 - t;
  return 0;
}

/**
 * One op drawn as torchvision does: the op uniform over the 14 (with replacement); its bin
 * (`bin`, or uniform over the bins when 'random', drawn only for ops with a magnitude); the sign
 * negative with probability 1/2 for signed ops. Enhance values are factors 1 ± m, translations
 * whole pixels (int(), toward zero).
 */
export function drawTorchvisionOp(rng: Rng, space: Space, bin: number | 'random', height: number, width: number): OpStep {
  const op = TORCHVISION_OPS[rng.int(TORCHVISION_OPS.length)];
  if (UNMEASURED.has(op)) return { op, value: 0 };
  let value = magnitude(op, bin === 'random' ? rng.int(space.bins) : bin, space, height, width);
  if (SIGNED.has(op) && rng.uniform() <= 0.5) value = -value;
  if (ENHANCE.has(op)) value = 1 + value;
  if (op === 'translate-x' || op === 'translate-y') value = Math.trunc(value);
  return { op, value: value + 0 }; // + 0: a negated 0 is written as 0, as JSON would
}

/** What each op's value can be over all bins, for checking replayed plans. */
export function spaceBounds(space: Space, height: number, width: number): Record<OpName, Bounds> {
  const sym = (max: number, int = false): Bounds => ({ min: -max, max, int });
  const factor: Bounds = { min: 1 - space.enhance, max: 1 + space.enhance };
  const none: Bounds = { min: 0, max: 0 };
  return {
    identity: none,
    'shear-x': sym(space.shear),
    'shear-y': sym(space.shear),
    'translate-x': sym(Math.trunc(space.translate(width)), true),
    'translate-y': sym(Math.trunc(space.translate(height)), true),
    rotate: sym(space.rotate),
    brightness: factor,
    color: factor,
    contrast: factor,
    sharpness: factor,
    posterize: { min: 8 - space.posterizeSteps, max: 8, int: true },
    solarize: { min: 0, max: 1 },
    autocontrast: none,
    equalize: none,
  };
}

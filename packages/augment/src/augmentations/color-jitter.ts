import { clipByValue, clone, mean, mul, tidy } from '@tensorflow/tfjs-core';
import { MixzooError } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { shiftHue } from '../hsv.js';
import { blend, gray } from '../ops/enhance.js';
import { checkValueRange, denormalise, normalise, onlyActive, perSample, valueRangeOption } from '../photometric.js';

const factor = (what: string) =>
  z.number().min(0).default(0.4).describe(`${what} factor drawn uniformly in [max(0, 1 - v), 1 + v]; 0 turns it off.`);

const draw = (rng: { uniform(lo: number, hi: number): number }, v: number) => rng.uniform(Math.max(0, 1 - v), 1 + v);

/**
 * Brightness, contrast, saturation and hue jitter, with torchvision's formulas, in this fixed
 * order (torchvision shuffles the order per image). Saturation and hue act on RGB only (C = 3);
 * on one channel they leave the image as it is, like torchvision. Values are normalised to
 * `valueRange`, clipped to it, and returned as float32. Composed tfjs ops.
 */
export const colorJitter = defineAugmentation({
  name: 'color-jitter',
  family: 'color',
  reference: 'torchvision ColorJitter(brightness, contrast, saturation, hue); defaults as timm color_jitter=0.4.',
  summary: 'Random brightness, contrast and saturation factors and a hue shift per sample.',
  options: z.strictObject({
    brightness: factor('Brightness'),
    contrast: factor('Contrast'),
    saturation: factor('Saturation (RGB only)'),
    hue: z.number().min(0).max(0.5).default(0).describe('Hue shift drawn uniformly in [-v, v] turns of the colour wheel (RGB only); 0 turns it off.'),
    valueRange: valueRangeOption(),
    prob: augmentProb(),
  }),
  geometric: false,
  setup: (options) => checkValueRange('color-jitter', options.valueRange),
  check({ channels }) {
    if (channels !== 1 && channels !== 3) throw new MixzooError('E_SHAPE', `color-jitter: images must have 1 (gray) or 3 (RGB) channels, got ${channels}.`);
  },
  params: (options) => {
    const range = (v: number) => z.number().min(Math.max(0, 1 - v)).max(1 + v);
    return z.strictObject({
      brightness: range(options.brightness), contrast: range(options.contrast), saturation: range(options.saturation),
      hue: z.number().min(-options.hue).max(options.hue),
    });
  },
  draw: ({ rng, options }) => ({
    brightness: draw(rng, options.brightness),
    contrast: draw(rng, options.contrast),
    saturation: draw(rng, options.saturation),
    hue: rng.uniform(-options.hue, options.hue),
  }),
  apply(x, params, { options }) {
    return tidy(() => {
      let n = normalise(x, options.valueRange);
      if (params.every((p) => p === null)) return clone(denormalise(n, options.valueRange));
      const rgb = x.shape[3] === 3;
      if (options.brightness > 0) n = clipByValue(mul(n, perSample(params, (p) => p.brightness, 1)), 0, 1);
      if (options.contrast > 0) n = blend(n, mean(rgb ? gray(n) : n, [1, 2, 3], true), perSample(params, (p) => p.contrast, 1));
      if (rgb && options.saturation > 0) n = blend(n, gray(n), perSample(params, (p) => p.saturation, 1));
      if (rgb && options.hue > 0) n = shiftHue(n, perSample(params, (p) => p.hue, 0));
      return onlyActive(x, denormalise(n, options.valueRange), params);
    });
  },
});

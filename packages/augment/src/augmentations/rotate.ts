import { z } from 'zod';
import { rotationMatrix, warpAffine, warpOptions } from '../affine.js';
import { augmentProb, defineAugmentation } from '../augmentation.js';

/**
 * Rotation by a small angle, uniform in [−degrees, degrees], counter-clockwise positive, about
 * the image centre ((W − 1)/2, (H − 1)/2). Composed tfjs ops (tf.image.transform, one per sample).
 */
export const rotate = defineAugmentation({
  name: 'rotate',
  family: 'affine',
  reference: 'torchvision RandomRotation(degrees) / Keras RandomRotation; resampling and fill modes of tf.image.transform.',
  summary: 'Rotates each sample by an angle drawn uniformly in [-degrees, degrees] about its centre.',
  options: z.strictObject({
    degrees: z.number().min(0).max(180).default(15).describe('Largest rotation in degrees (either direction).'),
    ...warpOptions(),
    prob: augmentProb(),
  }),
  geometric: true,
  params: (options) => z.strictObject({ angle: z.number().min(-options.degrees).max(options.degrees) }),
  draw: ({ rng, options }) => ({ angle: rng.uniform(-options.degrees, options.degrees) }),
  apply(x, params, ctx) {
    const [, h, w] = x.shape;
    return warpAffine('rotate', x, params.map((p) => p && rotationMatrix(p.angle, h, w)), ctx.options, ctx.tensorName);
  },
});

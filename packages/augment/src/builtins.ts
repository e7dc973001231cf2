import type { Augmentation } from './augmentation.js';
import { colorJitter } from './augmentations/color-jitter.js';
import { crop } from './augmentations/crop.js';
import { cutout } from './augmentations/cutout.js';
import { flip } from './augmentations/flip.js';
import { gaussianNoise } from './augmentations/gaussian-noise.js';
import { rot90 } from './augmentations/rot90.js';
import { rotate } from './augmentations/rotate.js';
import { scale } from './augmentations/scale.js';
import { translate } from './augmentations/translate.js';
import { augmix } from './augmentations/augmix.js';
import { randaugment } from './augmentations/randaugment.js';
import { randomErasing } from './augmentations/random-erasing.js';
import { trivialaugment } from './augmentations/trivialaugment.js';

export { colorJitter, crop, cutout, flip, gaussianNoise, rot90, rotate, scale, translate };
export { augmix, randaugment, randomErasing, trivialaugment };

/** Every built-in augmentation. */
export const builtinAugmentations: readonly Augmentation[] = Object.freeze([
  crop, flip, translate, rot90, rotate, scale, colorJitter, gaussianNoise, cutout,
  randaugment, trivialaugment, augmix, randomErasing,
] as unknown as Augmentation[]);

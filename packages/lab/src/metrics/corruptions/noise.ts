import type { Rng } from '@mixzoo/core';
import { clip01, type Corruption } from './corruption.js';

/** A Poisson(mean) draw by multiplying uniforms (Knuth): exact, O(mean); means here are at most 60. */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.uniform();
  while (p > limit) {
    k++;
    p *= rng.uniform();
  }
  return k;
}

/**
 * Shot (Poisson) noise: x' = Poisson(c·x) / c per value, clipped to [0, 1]; fewer photons c is
 * noisier. ImageNet-C `shot_noise` constants (also MNIST-C's).
 */
export const shotNoise: Corruption = {
  name: 'shot-noise',
  constants: [60, 25, 12, 5, 3],
  unit: 'photons per unit intensity (c)',
  source: 'hendrycks/robustness ImageNet-C corruptions.py shot_noise; google-research/mnist-c uses the same constants',
  apply({ x }, { constant, rng }) {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = clip01(poisson(rng, constant * x[i]) / constant);
    return out;
  },
};

/**
 * Impulse (salt-and-pepper) noise: each value is replaced with probability `amount`, by 1 or 0
 * with equal odds (skimage random_noise mode 's&p', salt_vs_pepper 0.5), independently per value
 * and channel. ImageNet-C `impulse_noise` constants (also MNIST-C's).
 */
export const impulseNoise: Corruption = {
  name: 'impulse-noise',
  constants: [0.03, 0.06, 0.09, 0.17, 0.27],
  unit: 'share of values replaced (amount)',
  source: 'hendrycks/robustness ImageNet-C corruptions.py impulse_noise; google-research/mnist-c uses the same constants',
  apply({ x }, { constant, rng }) {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      // One draw per value: below amount/2 salt, below amount pepper (flip, then salt or pepper with equal odds).
      const u = rng.uniform();
      out[i] = u < constant / 2 ? 1 : u < constant ? 0 : x[i];
    }
    return out;
  },
};

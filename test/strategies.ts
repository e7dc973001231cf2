import { createZoo, tf, type MixPlan, type Zoo } from 'mixzoo';

/** Options that make every strategy mix (the defaults of a few are off or rare). */
export const EXAMPLE_OPTIONS: Record<string, unknown> = {
  choice: { of: [{ name: 'mixup', weight: 0.5 }, { name: 'cutmix', weight: 0.5 }], mode: 'elem' },
  // Its smoothness term reads pixels in [0, 1] (it refuses others); the suites' images are not all in that range.
  puzzlemix: { gamma: 0 },
};

export async function zooOn(backend: 'cpu' | 'wasm', seed: number | string = 0): Promise<Zoo> {
  return createZoo({ seed, backend });
}

/** Options for a strategy in cross-package suites; choice falls back to mixup alone when cutmix is absent. */
export function optionsFor(zoo: Zoo, name: string): unknown {
  if (name === 'choice' && !zoo.has('cutmix')) return { of: [{ name: 'mixup', weight: 1 }], mode: 'elem' };
  return EXAMPLE_OPTIONS[name];
}

/** B images of H×W×C where sample i is the constant value i + 1. */
export function constantImages(b: number, h: number, w: number, c = 1, dtype: 'float32' | 'int32' = 'float32'): tf.Tensor4D {
  const values = new Float32Array(b * h * w * c).map((_, k) => Math.floor(k / (h * w * c)) + 1);
  return tf.tensor4d(dtype === 'int32' ? Int32Array.from(values) : values, [b, h, w, c], dtype);
}

/** Seeded smooth-ish images (no Math.random). */
export function patternImages(b: number, h: number, w: number, c = 3): tf.Tensor4D {
  const values = new Float32Array(b * h * w * c).map((_, k) => (Math.sin(k * 0.37 + (k % 7)) + 1) / 2);
  return tf.tensor4d(values, [b, h, w, c]);
}

export function planOf(out: { plan: MixPlan }): MixPlan {
  return out.plan;
}

import { createRng, describeValue, MixzooError, type Rng, type Seed } from '@mixzoo/core';
import type { Dataset, Split } from '../types.js';
import { subsetSize } from './split.js';

export interface SyntheticOptions {
  seed: Seed;
  trainSize?: number;
  testSize?: number;
  /** Std of the Gaussian noise, in the set's own units (before scaling to [0, 1]); moons 0.15, spirals 0.05 by default. */
  noise?: number;
}

/** One point (in the set's own units) of class `label`. */
type PointSampler = (label: number, rng: Rng) => [number, number];

interface SyntheticSpec {
  name: string;
  classNames: string[];
  noise: number;
  /** Affine map of the set's own box onto [0, 1]²: [x0, y0, scale]. Fixed, so it never depends on the draw. */
  box: [number, number, number];
  point: PointSampler;
}

/** Two interleaving half circles (as scikit-learn's make_moons), own box [-1.5, 2.5] × [-1.75, 2.25]. */
const MOONS: SyntheticSpec = {
  name: 'moons',
  classNames: ['upper', 'lower'],
  noise: 0.15,
  box: [-1.5, -1.75, 4],
  point: (label, rng) => {
    const t = rng.uniform(0, Math.PI);
    return label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  },
};

const ARMS = 3;
/** Three interleaved spiral arms of 1.5 turns each, own box [-1.25, 1.25]². */
const SPIRALS: SyntheticSpec = {
  name: 'spirals',
  classNames: ['arm 0', 'arm 1', 'arm 2'],
  noise: 0.05,
  box: [-1.25, -1.25, 2.5],
  point: (label, rng) => {
    const r = rng.uniform(0.05, 1);
    const theta = (label * 2 * Math.PI) / ARMS + 3 * Math.PI * r;
    return [r * Math.cos(theta), r * Math.sin(theta)];
  },
};

export const SYNTHETIC_SETS: Record<string, SyntheticSpec> = { moons: MOONS, spirals: SPIRALS };

function drawSplit(spec: SyntheticSpec, count: number, noise: number, rng: Rng): Split {
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  const [x0, y0, scale] = spec.box;
  const k = spec.classNames.length;
  for (let i = 0; i < count; i++) {
    const label = i % k; // balanced classes; trainRun shuffles the order
    const [px, py] = spec.point(label, rng);
    x[2 * i] = (px + noise * rng.normal() - x0) / scale;
    x[2 * i + 1] = (py + noise * rng.normal() - y0) / scale;
    y[i] = label;
  }
  return { x, y, count };
}

/** A seeded synthetic 2-D set, features scaled into [0, 1]² (default 1,000 train and 500 test points). */
export function syntheticDataset(name: keyof typeof SYNTHETIC_SETS, options: SyntheticOptions): Dataset {
  const spec = SYNTHETIC_SETS[name];
  const noise = options.noise ?? spec.noise;
  if (!(noise >= 0 && noise <= 1)) throw new MixzooError('E_DATASET', `loadDataset(${name}): 'noise' must be in [0, 1], got ${describeValue(noise)}.`);
  const max = 1_000_000;
  const rng = createRng(options.seed).stream(name);
  return {
    name: spec.name,
    classNames: spec.classNames,
    inputShape: [2],
    train: drawSplit(spec, subsetSize('trainSize', options.trainSize, max, 1000), noise, rng.stream('train')),
    test: drawSplit(spec, subsetSize('testSize', options.testSize, max, 500), noise, rng.stream('test')),
  };
}

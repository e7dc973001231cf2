import type { StudyConfig } from '../types.js';

export type StudyPresetName = 'quick' | 'fashion-mnist' | 'label-noise' | ReplicationPresetName;

/** The presets of the replications in docs/results/ (each fixed before its results existed; the pages say why each setting was chosen). */
export type ReplicationPresetName = 'zhang2018-label-noise' | 'thulasidasan2019-calibration' | 'harris2020-fmix';

/**
 * Ready-made studies (`mixzoo compare --preset <name>`; `npm start` runs 'label-noise').
 * Timings measured on 2 CPU cores (wasm backend); see docs/comparing.md and docs/results/.
 */
export const STUDY_PRESETS: Record<StudyPresetName, StudyConfig> = {
  /** Bundled MNIST subset (4,000 / 2,000 digits), small MLP, none / mixup / cutmix, 2 seeds, 8 epochs: about a minute. */
  quick: {
    strategies: [{ name: 'none' }, { name: 'mixup' }, { name: 'cutmix' }],
    seeds: [1, 2],
    dataset: 'mnist',
    model: 'mlp',
    epochs: 8,
    batchSize: 64,
    trainSize: 4000,
    testSize: 2000,
  },
  /** Full Fashion-MNIST (60,000 / 10,000), small CNN, crop + flip before mixing, 5 strategies × 3 seeds: hours, see the docs. */
  'fashion-mnist': {
    strategies: [{ name: 'none' }, { name: 'mixup' }, { name: 'cutmix' }, { name: 'resizemix' }, { name: 'fmix' }],
    seeds: [1, 2, 3],
    dataset: 'fashion-mnist',
    model: 'cnn',
    epochs: 10,
    batchSize: 128,
    augment: ['crop', 'flip'],
  },
  /**
   * `npm start`: a small version of mixup's label-noise experiment (docs/results/zhang2018-label-noise.md).
   * 2,000 / 2,000 bundled MNIST digits, 40% of the training labels changed to another class,
   * small MLP, 30 epochs, none / mixup (α = 8) / cutmix, 3 seeds: under 2 minutes on 2 idle cores.
   */
  'label-noise': {
    strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 8 }, label: 'mixup(alpha=8)' }, { name: 'cutmix' }],
    seeds: [1, 2, 3],
    dataset: 'mnist',
    model: 'mlp',
    epochs: 30,
    batchSize: 64,
    trainSize: 2000,
    testSize: 2000,
    labelNoise: { kind: 'symmetric', rate: 0.4 },
  },
  /**
   * Zhang et al. 2018 (mixup), corrupted labels: 45% of the training labels changed to another
   * class (= the paper's 50% "random label" setting, which keeps the true label 1 time in 10),
   * bundled MNIST 2,000 / 1,000, small MLP, 60 epochs, none / mixup α = 1 / mixup α = 32 (the
   * paper's α at 50%), 5 seeds.
   */
  'zhang2018-label-noise': {
    strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 1 }, label: 'mixup(alpha=1)' }, { name: 'mixup', options: { alpha: 32 }, label: 'mixup(alpha=32)' }],
    seeds: [1, 2, 3, 4, 5],
    dataset: 'mnist',
    model: 'mlp',
    epochs: 60,
    batchSize: 64,
    trainSize: 2000,
    testSize: 1000,
    labelNoise: { kind: 'symmetric', rate: 0.45 },
  },
  /**
   * Thulasidasan et al. 2019, calibration when trained to convergence: Fashion-MNIST 10,000
   * training and 5,000 test images, small MLP, 25 epochs, none / mixup α = 0.4, 5 seeds.
   */
  'thulasidasan2019-calibration': {
    strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 }, label: 'mixup(alpha=0.4)' }],
    seeds: [1, 2, 3, 4, 5],
    dataset: 'fashion-mnist',
    model: 'mlp',
    epochs: 25,
    batchSize: 64,
    trainSize: 10000,
    testSize: 5000,
  },
  /**
   * Harris et al. 2020 (FMix), Fashion-MNIST: the whole dataset (60,000 / 10,000), small CNN,
   * crop + flip before mixing, none / mixup / cutmix / fmix at their defaults (α = 1, FMix δ = 3),
   * 8 epochs, 3 seeds.
   */
  'harris2020-fmix': {
    strategies: [{ name: 'none' }, { name: 'mixup' }, { name: 'cutmix' }, { name: 'fmix' }],
    seeds: [1, 2, 3],
    dataset: 'fashion-mnist',
    model: 'cnn',
    epochs: 8,
    batchSize: 128,
    augment: ['crop', 'flip'],
  },
};

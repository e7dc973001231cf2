import type { StudyConfig } from '../types.js';

export type StudyPresetName = 'quick' | 'fashion-mnist';

/**
 * Ready-made studies (`mixzoo compare --preset <name>`; `npm start` runs 'quick').
 * Timings measured on 2 CPU cores (wasm backend); see docs/comparing.md.
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
};

import { createZoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
import { checkSameSetup, checkStoredRun, checkStudyConfig } from '../../src/study/config.js';
import type { StudyConfig } from '../../src/types.js';
import { fakeRun } from '../report/fake-runs.js';
import { mixzooMessageOf } from '../../../../test/helpers/tensors.js';

const base: StudyConfig = { strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 } }], seeds: [1, 2], dataset: 'moons', model: 'mlp', epochs: 2, batchSize: 32 };
let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
});

describe('checkStudyConfig', () => {
  it('accepts a valid study', () => {
    expect(() => checkStudyConfig(base, zoo)).not.toThrow();
  });

  it('accepts a strategy several times under different labels (a sweep)', () => {
    const sweep = [{ name: 'mixup', options: { alpha: 0.2 }, label: 'mixup(alpha=0.2)' }, { name: 'mixup', options: { alpha: 1 }, label: 'mixup(alpha=1)' }];
    expect(() => checkStudyConfig({ ...base, strategies: sweep }, zoo)).not.toThrow();
  });

  it.each([
    [{ strategies: [] }, /'strategies' must list at least one/],
    [{ strategies: [{ name: 'mixup' }, { name: 'mixup' }] }, /'mixup' is listed twice/],
    [{ strategies: [{ name: 'mixup' }, { name: 'cutmix', label: 'mixup' }] }, /'mixup' is listed twice \(give each entry its own label\)/],
    [{ strategies: [{ name: 'mixup', label: '' }] }, /the 'label' of strategy 'mixup' must be a non-empty string, got ''/],
    [{ seeds: [] }, /'seeds' must be a non-empty list/],
    [{ seeds: [1, 1.5] }, /'seeds' must be a non-empty list of integers/],
    [{ seeds: [3, 3] }, /must not repeat/],
    [{ model: 'vgg' }, /'model' must be one of mlp, cnn, resnet, vit, got 'vgg'/],
    [{ epochs: 0 }, /'epochs' must be an integer >= 1, got 0/],
    [{ batchSize: 1 }, /'batchSize' must be an integer >= 2/],
    [{ trainSize: 0.5 }, /'trainSize'/],
    [{ learningRate: -1 }, /'learningRate'/],
  ])('rejects %o', (change, message) => {
    expect(() => checkStudyConfig({ ...base, ...change } as StudyConfig, zoo)).toThrow(message);
  });

  it('checks strategy names and options with the zoo before anything runs', () => {
    expect(() => checkStudyConfig({ ...base, strategies: [{ name: 'mixpu' }] }, zoo)).toThrow(expect.objectContaining({ code: 'E_UNKNOWN_STRATEGY' }));
    expect(() => checkStudyConfig({ ...base, strategies: [{ name: 'mixup', options: { alpha: -1 } }] }, zoo)).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
});

describe('resume checks', () => {
  it('checkSameSetup names every field that changed', () => {
    expect(() => checkSameSetup(base, { ...base, seeds: [1, 2, 3], strategies: [{ name: 'none' }] }, 'out')).not.toThrow();
    expect(() => checkSameSetup(base, { ...base, epochs: 3, trainSize: 100 }, 'runs/x')).toThrow(/runs\/x holds a study with another setup \(epochs 2 → 3, trainSize undefined → 100\)/);
  });

  it('checkStoredRun names a stored run whose options the zoo refuses (another version of the strategy) instead of failing on them', () => {
    const run = { ...fakeRun('mixup', 1), strategyOptions: { alpha: -1 } };
    expect(mixzooMessageOf(() => checkStoredRun(zoo, run, fakeRun('mixup', 1), 'out/results.json'), 'E_USAGE')).toContain(`out/results.json: run 'mixup@seed1' was trained with strategyOptions {"alpha":-1}, this study has strategyOptions {"alpha":0.4,`);
  });

  it('checkStoredRun accepts a record of the same setup, comparing options as the zoo resolves them (defaults filled)', () => {
    const run = fakeRun('mixup', 1);
    expect(() => checkStoredRun(zoo, run, { ...run, strategyOptions: { ...zoo.describe('mixup').defaults, alpha: 0.4 } }, 'results.json')).not.toThrow();
    expect(() => checkStoredRun(zoo, { ...run, augment: [{ name: 'flip', options: {} }] }, { ...run, augment: ['flip'] }, 'results.json')).not.toThrow();
  });

  const run = fakeRun('mixup', 1);
  it.each([
    [{ dataset: 'spirals' }, 'dataset "moons", this study has dataset "spirals"'],
    [{ model: 'cnn' as const }, 'model "mlp", this study has model "cnn"'],
    [{ seed: 2 }, 'seed 1, this study has seed 2'],
    [{ strategyOptions: { alpha: 1 } }, 'strategyOptions {"alpha":0.4,'],
    [{ augment: ['flip'] }, 'augment [], this study has augment [{"name":"flip"'],
    [{ training: { ...run.training, epochs: 5 } }, 'training.epochs 3, this study has training.epochs 5'],
    [{ training: { ...run.training, batchSize: 64 } }, 'training.batchSize 32, this study has training.batchSize 64'],
    [{ training: { ...run.training, learningRate: 0.01 } }, 'training.learningRate 0.001, this study has training.learningRate 0.01'],
    [{ training: { ...run.training, schedule: 'cosine' } }, 'training.schedule absent, this study has training.schedule "cosine"'],
    [{ data: { ...run.data, trainCount: 100 } }, 'data.trainCount 128, this study has data.trainCount 100'],
    [{ data: { ...run.data, inputShape: [28, 28, 1] } }, 'data.inputShape [2], this study has data.inputShape [28,28,1]'],
  ])('checkStoredRun names the field, the record value and the study value: %o', (change, message) => {
    const expected = { ...run, ...change } as Parameters<typeof checkStoredRun>[2];
    expect(mixzooMessageOf(() => checkStoredRun(zoo, run, expected, 'out/results.json'), 'E_USAGE')).toContain(`out/results.json: run 'mixup@seed1' was trained with ${message}`);
  });
});

describe('augmentation in the study config', () => {
  it('checkStudyConfig accepts names and { name, options }, and refuses what study.json cannot hold or the augmenter does not know', () => {
    expect(() => checkStudyConfig({ ...base, augment: ['crop', { name: 'flip', options: { horizontal: 1 } }] }, zoo)).not.toThrow();
    expect(() => checkStudyConfig({ ...base, augment: [] }, zoo)).not.toThrow();
    expect(() => checkStudyConfig({ ...base, augment: ['flp'] }, zoo)).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringContaining("Did you mean 'flip'?") }));
    expect(() => checkStudyConfig({ ...base, augment: [{ name: 'crop', options: { padding: -1 } }] }, zoo)).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    for (const augment of ['crop', [{ name: 'crop', prob: 1 }], [{ use: 'crop' }], [null]]) {
      expect(() => checkStudyConfig({ ...base, augment } as unknown as StudyConfig, zoo), JSON.stringify(augment)).toThrow(/'augment' must be a list of augmentation names or \{ name, options \}/);
    }
  });

  it('checkSameSetup compares augmentations as they resolve: same steps in other words pass, others are refused', () => {
    const augmented: StudyConfig = { ...base, augment: ['crop', 'flip'] };
    expect(() => checkSameSetup(augmented, { ...base, augment: [{ name: 'crop', options: { padding: 4 } }, { name: 'flip', options: {} }] }, 'out')).not.toThrow();
    expect(() => checkSameSetup(base, { ...base, augment: [] }, 'out')).not.toThrow();
    expect(() => checkSameSetup(augmented, { ...base, augment: ['flip', 'crop'] }, 'runs/x')).toThrow(
      'runs/x holds a study with another setup (augment crop (defaults); flip (defaults) → flip (defaults); crop (defaults));',
    );
    expect(() => checkSameSetup(augmented, { ...base, epochs: 3, augment: [{ name: 'crop', options: { padding: 2 } }, 'flip'] }, 'out')).toThrow(
      /another setup \(epochs 2 → 3, augment crop \(defaults\); flip \(defaults\) → crop \(padding=2\); flip \(defaults\)\)/,
    );
    expect(() => checkSameSetup(augmented, base, 'out')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('augment crop (defaults); flip (defaults) → none') }));
  });
});

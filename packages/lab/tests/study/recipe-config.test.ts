import { createZoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
import { checkSameSetup, checkStoredRun, checkStudyConfig, expectedRun } from '../../src/study/config.js';
import { trainingRecipeRows } from '../../src/report/recipe.js';
import { migrateTrainingRecord, trainingRecord } from '../../src/train/record.js';
import type { Dataset, StudyConfig } from '../../src/types.js';
import { fakeRun } from '../report/fake-runs.js';
import { mixzooMessageOf } from '../../../../test/helpers/tensors.js';

const base: StudyConfig = { strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 } }], seeds: [1], dataset: 'moons', model: 'mlp', epochs: 2, batchSize: 32 };
let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
});

describe('the recipe in a study config', () => {
  it('accepts optimizers, schedules, smoothing and row losses', () => {
    const config: StudyConfig = {
      ...base,
      strategies: [{ name: 'none', loss: 'bce' }, { name: 'mixup', loss: { name: 'regmixup', eta: 0.5 } }, { name: 'manifold-mixup', loss: 'decoupled' }],
      optimizer: { name: 'sgd', nesterov: true, weightDecay: 1e-4 },
      lrSchedule: { name: 'cosine', warmupEpochs: 1 },
      labelSmoothing: 0.1,
    };
    expect(() => checkStudyConfig(config, zoo)).not.toThrow();
  });

  it.each([
    [{ optimizer: 'rmsprop' }, "runStudy: strategy 'none': 'optimizer' must be one of adam, adamw, sgd"],
    [{ lrSchedule: { name: 'step' } }, "lrSchedule 'step' needs 'stepEpochs'"],
    [{ labelSmoothing: -0.1 }, "'labelSmoothing' must be a number in [0, 1), got -0.1"],
    [{ strategies: [{ name: 'mixup', loss: 'focal' }] }, "runStudy: strategy 'mixup': 'loss' must be one of ce, bce, interpolated, regmixup, decoupled"],
    [{ strategies: [{ name: 'mixup', loss: { name: 'ce', eta: 1 } }] }, "loss 'ce' takes no options, not 'eta'"],
    [{ strategies: [{ name: 'mixup', loss: { name: 'interpolated', threshold: 0.2 } }] }, "loss option 'threshold' goes with base 'bce'"],
    [{ strategies: [{ name: 'manifold-mixup', loss: 'regmixup' }] }, "loss 'regmixup' needs a strategy that mixes the inputs (its clean and mixed batches go through one forward), got 'manifold-mixup'"],
  ])('refuses %o (E_OPTION naming the row and field)', (change, message) => {
    expect(mixzooMessageOf(() => checkStudyConfig({ ...base, ...change } as StudyConfig, zoo), 'E_OPTION')).toContain(message);
  });

  it('a stored study of another recipe is another setup (defaults compare equal to absent)', () => {
    expect(() => checkSameSetup(base, { ...base, optimizer: 'adam', lrSchedule: 'constant', labelSmoothing: 0 }, 'out')).not.toThrow();
    expect(mixzooMessageOf(() => checkSameSetup(base, { ...base, optimizer: 'adamw' }, 'out'), 'E_USAGE')).toContain('recipe {"labelSmoothing":0,"lrSchedule":{"name":"constant"},"optimizer":{"name":"adam","weightDecay":0}} → {"labelSmoothing":0,"lrSchedule":{"name":"constant"},"optimizer":{"name":"adamw","weightDecay":0.01}}');
  });

  it("a stored run of another loss or recipe is refused, naming the field; the row's loss is part of its expected run", () => {
    const dataset = { name: 'moons', classNames: ['a', 'b'], inputShape: [2], train: { count: 128 }, test: { count: 64 } } as unknown as Dataset;
    const row = { name: 'mixup', options: { alpha: 0.4 }, loss: 'decoupled' as const };
    const expected = expectedRun(base, row, 1, dataset);
    expect(expected.training.loss).toEqual({ name: 'decoupled', eta: 0.1 });
    const run = { ...fakeRun('mixup', 1), training: trainingRecord({ ...base, loss: 'ce' }), data: expected.data };
    expect(mixzooMessageOf(() => checkStoredRun(zoo, run, expected, 'r.json'), 'E_USAGE')).toContain('training.loss {"name":"ce"}, this study has training.loss {"eta":0.1,"name":"decoupled"}');
    expect(() => checkStoredRun(zoo, { ...run, training: expected.training }, expected, 'r.json')).not.toThrow();
  });

  it('format-2 training records migrate to the recipe they trained with', () => {
    const old = { epochs: 3, batchSize: 32, optimizer: 'adam' as const, learningRate: 0.01 };
    expect(migrateTrainingRecord(old)).toEqual({ ...old, weightDecay: 0, lrSchedule: { name: 'constant' }, labelSmoothing: 0, loss: { name: 'ce' } });
    expect(migrateTrainingRecord(old)).toEqual(trainingRecord({ epochs: 3, batchSize: 32, learningRate: 0.01 }));
  });

  it('the report rows show the recipe with defaults filled and each row’s loss', () => {
    const rows = trainingRecipeRows({ ...base, strategies: [{ name: 'none' }, { name: 'mixup', loss: { name: 'bce', threshold: 0.2 }, label: 'mixup-bce' }], optimizer: 'sgd', lrSchedule: 'one-cycle' });
    expect(Object.fromEntries(rows)).toEqual({
      optimizer: 'sgd(momentum=0.9,nesterov=false,weightDecay=0)',
      'learning rate': '0.001',
      schedule: 'one-cycle(pctStart=0.3,divFactor=25,finalDivFactor=10000), per step',
      'label smoothing': '0',
      loss: 'none: ce; mixup-bce: bce(threshold=0.2,sum=false)',
    });
  });
});

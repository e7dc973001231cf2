import { createZoo, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, trainRun, type Dataset, type RunCheckpoint, type TrainRunOptions } from '@mixzoo/lab';
import { withoutTimings } from '../study/workers/compare-records.js';
import { wholeAndResumed as resumeRun } from './resume.js';

let zoo: Zoo;
let mnist: Dataset;
let moons: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
  mnist = await loadDataset('mnist', { seed: 3, trainSize: 96, testSize: 32 });
  moons = await loadDataset('moons', { seed: 3, trainSize: 96, testSize: 32 });
});

const wholeAndResumed = (options: Omit<TrainRunOptions, 'zoo'>, stopAfter: number) => resumeRun(zoo, options, stopAfter);

describe('trainRun checkpoints (onCheckpoint, resumeFrom)', () => {
  it('a run resumed from its epoch-1 checkpoint ends exactly as the uninterrupted run (cutmix, crop + flip, Adam state)', async () => {
    // 2 batches per epoch: the checkpoint is at Adam's step 2, where its running product β2·β2 and
    // the power β2^2 that Adam's setWeights recomputes differ in the last bit (the state keeps the product).
    const { whole, resumed } = await wholeAndResumed({ strategy: 'cutmix', dataset: mnist, model: 'mlp', epochs: 3, batchSize: 48, seed: 5, augment: ['crop', 'flip'] }, 1);
    expect(withoutTimings(resumed)).toEqual(withoutTimings(whole));
  });

  it('also with a hidden-layer mixer (manifold-mixup), whose draws happen in its steps', async () => {
    const { whole, resumed } = await wholeAndResumed({ strategy: 'manifold-mixup', dataset: moons, model: 'mlp', epochs: 3, batchSize: 16, seed: 5 }, 2);
    expect(withoutTimings(resumed)).toEqual(withoutTimings(whole));
  });

  it("refuses a checkpoint of another model (E_OPTION)", async () => {
    let checkpoint: RunCheckpoint | undefined;
    await trainRun({ zoo, strategy: 'none', dataset: moons, model: 'mlp', epochs: 1, batchSize: 32, seed: 1, onCheckpoint: (c) => void (checkpoint = c) });
    await expect(trainRun({ zoo, strategy: 'none', dataset: mnist, model: 'mlp', epochs: 2, batchSize: 32, seed: 1, resumeFrom: checkpoint })).rejects.toMatchObject({ code: 'E_OPTION', message: /checkpoint does not fit/ });
  });
});

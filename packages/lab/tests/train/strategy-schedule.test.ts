import { beforeAll, describe, expect, it } from 'vitest';
import { createZoo, defineStrategy, scheduleAt, tf, z, type MixSchedule, type Plugin, type Zoo } from 'mixzoo';
import { loadDataset, trainRun, type Dataset, type RunCheckpoint, type TrainRunOptions } from '@mixzoo/lab';
import { checkStoredRun, checkStudyConfig } from '../../src/study/config.js';
import { DatasetCache, executeRunJob, mixzooVersion } from '../../src/study/workers/execute.js';
import { parseRunJob, type RunJob } from '../../src/study/workers/job.js';
import type { StudyConfig } from '../../src/types.js';
import { fakeRun } from '../report/fake-runs.js';
import { withoutTimings } from '../study/workers/compare-records.js';
import { mixzooMessageOf } from '../../../../test/helpers/tensors.js';

/** The options every sample() call of the 'optspy' strategy saw, in order (reset per test). */
const calls: { alpha: number; prob: number }[] = [];

/** Mixes nothing (identity plans) and records the options of the mixer it was sampled by. */
const optionSpy: Plugin = {
  name: 'optspy',
  register: (zoo) =>
    zoo.register(
      defineStrategy({
        name: 'optspy',
        family: 'test',
        paper: '-',
        summary: 'records its options',
        options: z.strictObject({ alpha: z.number().min(0).default(1), prob: z.number().min(0).max(1).default(1) }),
        sample: (ctx) => {
          calls.push({ alpha: ctx.options.alpha, prob: ctx.options.prob });
          return { strategy: 'optspy', partner: Array.from({ length: ctx.batchSize }, (_, i) => i), lambda: new Array<number>(ctx.batchSize).fill(1) };
        },
      }),
    ),
};

let zoo: Zoo;
let moons: Dataset;
const run = { model: 'mlp', epochs: 4, batchSize: 32, seed: 2 } as const;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu', plugins: [optionSpy] });
  moons = await loadDataset('moons', { seed: 0, trainSize: 64, testSize: 32 });
});

describe('trainRun with a schedule', () => {
  it('each epoch mixes with its scheduled values, off epochs not at all, and the record says what each epoch did', async () => {
    calls.length = 0;
    const schedule: MixSchedule = { alpha: { shape: 'linear', from: 0.2, to: 1, epochs: [1, 3] }, prob: { shape: 'step', from: 0.5, to: 1, at: 2 }, on: { from: 1 }, off: { from: 3 } };
    const before = tf.memory().numTensors;
    const r = await trainRun({ zoo, strategy: 'optspy', dataset: moons, ...run, schedule });
    expect(tf.memory().numTensors).toBe(before);
    // Epoch 0 is before on.from and epoch 3 at off.from: only epochs 1 and 2 sample, 2 batches each.
    expect(calls).toEqual([{ alpha: 0.2, prob: 0.5 }, { alpha: 0.2, prob: 0.5 }, { alpha: 0.2 + 0.8 * 0.5, prob: 1 }, { alpha: 0.2 + 0.8 * 0.5, prob: 1 }]);
    expect(r.epochs.map((e) => e.mixing)).toEqual([0, 1, 2, 3].map((e) => scheduleAt(schedule, e)));
    expect(r.epochs.map((e) => e.mixing?.on)).toEqual([false, true, true, false]);
    expect(r.schedule).toEqual(schedule);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('an epoch where the schedule is off trains exactly as the strategy none', async () => {
    const scheduled = await trainRun({ zoo, strategy: 'mixup', dataset: moons, ...run, epochs: 2, schedule: { on: { from: 1 } } });
    const none = await trainRun({ zoo, strategy: 'none', dataset: moons, ...run, epochs: 2 });
    const { mixing, seconds: _a, ...offEpoch } = scheduled.epochs[0];
    const { seconds: _b, ...noneEpoch } = none.epochs[0];
    expect(mixing).toEqual({ on: false, options: {} });
    expect(offEpoch).toEqual(noneEpoch);
    expect(scheduled.epochs[1].trainLoss).not.toBe(none.epochs[1].trainLoss); // epoch 1 mixes
  });

  it('a resumed scheduled run ends exactly as the uninterrupted one (each epoch draws from its own seed)', async () => {
    const options: Omit<TrainRunOptions, 'zoo'> = {
      strategy: 'mixup', dataset: moons, ...run, epochs: 3, schedule: { alpha: { shape: 'cosine', from: 1, to: 0.2, epochs: [0, 3] }, off: { from: 2 } },
    };
    const whole = await trainRun({ zoo, ...options });
    let checkpoint: RunCheckpoint | undefined;
    await trainRun({
      zoo, ...options,
      onCheckpoint: (c) => {
        if (c.epochs.length !== 1) return;
        checkpoint = JSON.parse(JSON.stringify(c)) as RunCheckpoint;
        throw new Error('stopped');
      },
    }).catch((error: unknown) => expect((error as Error).message).toBe('stopped'));
    const resumed = await trainRun({ zoo, ...options, resumeFrom: checkpoint });
    expect(withoutTimings(resumed)).toEqual(withoutTimings(whole));
  });

  it.each([
    ['none', {}, { off: { from: 2 } }, `'none' does not mix, so it has nothing to schedule`],
    ['optspy', { alpha: 0.5 }, { alpha: { shape: 'constant', value: 1 } }, `'optspy' option 'alpha' is both set (0.5) and scheduled`],
    ['cutmix', {}, { alpha: { shape: 'constant', value: 1 }, prob: { shape: 'linear', from: 1, to: 2, epochs: [0, 1] } }, `'prob.to' must be a number in [0, 1], got 2`],
    ['manifold-mixup', {}, { off: { from: 2 } }, `'manifold-mixup' mixes inside the model, which schedules do not support yet`],
    ['ricap', {}, { alpha: { shape: 'constant', value: 1 } }, `'ricap' has no option 'alpha' to schedule (its options: `],
  ])('refuses a schedule for %s %j: %j', async (strategy, strategyOptions, schedule, message) => {
    const before = tf.memory().numTensors;
    await expect(trainRun({ zoo, strategy, strategyOptions, dataset: moons, ...run, schedule: schedule as MixSchedule })).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('schedules in a study', () => {
  const study: StudyConfig = { strategies: [{ name: 'none' }, { name: 'mixup', schedule: { off: { from: 1 } } }], seeds: [1], dataset: 'moons', model: 'mlp', epochs: 2, batchSize: 32 };

  it('checkStudyConfig checks every row\'s schedule, and every epoch\'s scheduled options against the strategy, before anything runs', () => {
    expect(() => checkStudyConfig(study, zoo)).not.toThrow();
    const bad = (schedule: unknown, name = 'mixup') => ({ ...study, strategies: [{ name, schedule: schedule as MixSchedule }] });
    expect(mixzooMessageOf(() => checkStudyConfig(bad({ off: { from: 0 } }), zoo), 'E_OPTION')).toContain(`runStudy: schedule of 'mixup': the schedule never mixes`);
    expect(mixzooMessageOf(() => checkStudyConfig(bad({ off: { from: 1 } }, 'none'), zoo), 'E_OPTION')).toContain(`'none' does not mix`);
    // A value every schedule allows (alpha 0 at epoch 1) that this strategy refuses: found at the check, not after epoch 0's training.
    zoo.register(defineStrategy({
      name: 'positive-alpha', family: 'test', paper: '-', summary: 'alpha > 0 only',
      options: z.strictObject({ alpha: z.number().gt(0).default(1) }),
      sample: (ctx) => ({ strategy: 'positive-alpha', partner: Array.from({ length: ctx.batchSize }, (_, i) => i), lambda: new Array<number>(ctx.batchSize).fill(1) }),
    }));
    expect(mixzooMessageOf(() => checkStudyConfig(bad({ alpha: { shape: 'linear', from: 1, to: 0, epochs: [0, 1] } }, 'positive-alpha'), zoo), 'E_OPTION')).toMatch(/alpha.*> 0/);
  });

  it('checkStoredRun refuses a stored run trained on another schedule, or without one', () => {
    const stored = { ...fakeRun('mixup', 1), schedule: { off: { from: 1 } } };
    expect(() => checkStoredRun(zoo, stored, { ...stored }, 'results.json')).not.toThrow();
    expect(mixzooMessageOf(() => checkStoredRun(zoo, stored, { ...stored, schedule: { off: { from: 2 } } }, 'out/results.json'), 'E_USAGE'))
      .toContain(`run 'mixup@seed1' was trained with schedule {"off":{"from":1}}, this study has schedule {"off":{"from":2}}`);
    const { schedule: _, ...unscheduled } = stored;
    expect(mixzooMessageOf(() => checkStoredRun(zoo, stored, unscheduled, 'out/results.json'), 'E_USAGE')).toContain('this study has schedule absent');
  });
});

describe('schedules in run jobs (local workers and queues)', () => {
  const job: RunJob = {
    mixzoo: mixzooVersion(), id: 'mixup@seed1', strategy: 'mixup', strategyOptions: {}, schedule: { on: { from: 1 } }, seed: 1,
    setup: { dataset: 'moons', model: 'mlp', epochs: 2, batchSize: 16, trainSize: 32, testSize: 16 }, boundary: false, zoo: { backend: 'cpu', plugins: [] },
  };

  it('a job carries its row\'s schedule through JSON to the run, which records it', async () => {
    const parsed = parseRunJob(JSON.parse(JSON.stringify(job)));
    expect(parsed).toEqual(job);
    const { run: record } = await executeRunJob(parsed, zoo, new DatasetCache());
    expect(record.schedule).toEqual({ on: { from: 1 } });
    expect(record.epochs.map((e) => e.mixing?.on)).toEqual([false, true]);
  });

  it('refuses a schedule that is not an object (E_QUEUE)', () => {
    expect(() => parseRunJob({ ...job, schedule: 'off' })).toThrow(expect.objectContaining({ code: 'E_QUEUE', message: expect.stringContaining(`'schedule' must be an object, got 'off'`) }));
  });
});

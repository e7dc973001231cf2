import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { scheduleAt, type MixSchedule } from '@mixzoo/core';
import type { PipelinePlan } from '@mixzoo/augment';
import { expectMixzooError, guardInputs, image } from './helpers.js';
import { pipelineZoo } from './zoo.js';

const SCHEDULE: MixSchedule = { alpha: { shape: 'linear', from: 1, to: 0.2, epochs: [1, 3] }, on: { from: 1 }, off: { from: 4 } };
const labels = () => tf.tensor1d([0, 1, 2, 3, 0, 1], 'int32');

describe('pipeline with a schedule (epoch-aware)', () => {
  it('follows setEpoch: no mixing before on.from and from off.from, the scheduled alpha in between, recorded in every plan', async () => {
    const zoo = await pipelineZoo(3);
    const pipe = zoo.pipeline({ augment: ['flip'], mix: { name: 'mixup', options: { mode: 'elem' } }, schedule: SCHEDULE });
    const { x } = image([6, 4, 4, 3], 1);
    const y = labels();
    const guard = guardInputs(x, y);
    const before = tf.memory().numTensors;
    expect(pipe.epoch).toBe(0);
    for (const epoch of [0, 1, 2, 3, 4]) {
      pipe.setEpoch(epoch);
      expect(pipe.epoch).toBe(epoch);
      const mixing = scheduleAt(SCHEDULE, epoch);
      expect(pipe.mixer === undefined).toBe(!mixing.on);
      if (pipe.mixer) expect(pipe.mixer.options).toMatchObject({ mode: 'elem', alpha: mixing.options.alpha });
      const out = pipe.apply({ inputs: x, labels: y, numClasses: 4 });
      expect(out.plan.epoch).toBe(epoch);
      expect(out.plan.mixing).toEqual(mixing);
      if (mixing.on) {
        expect(out.plan.mix?.strategy).toBe('mixup');
        expect(out.plan.mix?.lambda.some((l) => l < 1)).toBe(true);
      } else {
        expect(out.plan.mix).toBeNull();
        expect(out.labels?.arraySync()).toEqual([0, 1, 2, 3, 0, 1].map((k) => [0, 1, 2, 3].map((c) => (c === k ? 1 : 0)))); // unmixed: one-hot labels
      }
      tf.dispose([out.inputs, out.labels!]);
    }
    expect(tf.memory().numTensors).toBe(before);
    guard.unchanged();
    tf.dispose([x, y]);
  });

  it('an epoch draws the same whatever came before it; a plan replays at any epoch; a plan of another schedule is refused', async () => {
    const zoo = await pipelineZoo(5);
    const pipe = zoo.pipeline({ mix: 'mixup', schedule: SCHEDULE });
    const { x } = image([6, 4, 4, 3], 2);
    const y = labels();
    pipe.setEpoch(2);
    const first = pipe.apply({ inputs: x, labels: y, numClasses: 4 });
    pipe.setEpoch(3);
    pipe.apply({ inputs: x, labels: y, numClasses: 4 }).inputs.dispose();
    pipe.setEpoch(2);
    const again = pipe.apply({ inputs: x, labels: y, numClasses: 4 });
    expect(again.plan).toEqual(first.plan);
    // Replayed from its JSON while the pipeline is at another epoch: the same outputs.
    pipe.setEpoch(0);
    const plan = JSON.parse(JSON.stringify(first.plan)) as PipelinePlan;
    const replayed = pipe.replay({ inputs: x, labels: y, numClasses: 4 }, plan);
    expect(replayed.inputs.dataSync()).toEqual(first.inputs.dataSync());
    expect(replayed.labels!.dataSync()).toEqual(first.labels!.dataSync());
    expect(pipe.mixer).toBeUndefined(); // replay does not change the current epoch
    expectMixzooError(() => pipe.replay({ inputs: x, labels: y, numClasses: 4 }, { ...plan, mixing: { on: true, options: { alpha: 0.9 } } }), 'E_PLAN',
      /'plan\.mixing' is \{"on":true,"options":\{"alpha":0\.9\}\}, but this pipeline's schedule says \{"on":true,"options":\{"alpha":0\.6\d*\}\} at epoch 2: the plan was drawn with another schedule/);
    const { epoch: _, ...withoutEpoch } = plan;
    expectMixzooError(() => pipe.replay({ inputs: x, labels: y, numClasses: 4 }, withoutEpoch), 'E_PLAN', /'plan\.epoch' must be the epoch the plan was drawn in .*got undefined/);
    tf.dispose([first.inputs, first.labels!, again.inputs, again.labels!, replayed.inputs, replayed.labels!, x, y]);
  });

  it('without a schedule, setEpoch keeps the one mixer and plans carry no epoch', async () => {
    const zoo = await pipelineZoo(5);
    const pipe = zoo.pipeline({ mix: 'mixup' });
    const mixer = pipe.mixer;
    pipe.setEpoch(7);
    expect(pipe.mixer).toBe(mixer);
    const { x } = image([2, 4, 4, 1], 3);
    const out = pipe.apply({ inputs: x });
    expect(out.plan).not.toHaveProperty('epoch');
    expect(out.plan).not.toHaveProperty('mixing');
    tf.dispose([out.inputs, x]);
  });

  it('refuses a schedule without a mix, a bad schedule or an option both set and scheduled, and a bad epoch', async () => {
    const zoo = await pipelineZoo(5);
    expectMixzooError(() => zoo.pipeline({ augment: ['flip'], schedule: SCHEDULE }), 'E_OPTION', /pipeline: option 'schedule' schedules the mix, but the pipeline has no 'mix'/);
    expectMixzooError(() => zoo.pipeline({ mix: 'mixup', schedule: { off: { from: 0 } } }), 'E_OPTION', /pipeline: schedule of 'mixup': the schedule never mixes/);
    expectMixzooError(() => zoo.pipeline({ mix: { name: 'mixup', options: { alpha: 0.4 } }, schedule: SCHEDULE }), 'E_OPTION', /'mixup' option 'alpha' is both set \(0\.4\) and scheduled/);
    expectMixzooError(() => zoo.pipeline({ mix: 'ricap', schedule: { alpha: { shape: 'constant', value: 1 } } }), 'E_OPTION', /'ricap' has no option 'alpha' to schedule/);
    const pipe = zoo.pipeline({ mix: 'mixup', schedule: SCHEDULE });
    expectMixzooError(() => pipe.setEpoch(1.5), 'E_OPTION', /pipeline\.setEpoch: 'epoch' must be an integer >= 0, got 1\.5/);
  });
});

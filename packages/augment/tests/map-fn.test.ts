import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { PipelinePlan, TfDataElement } from '@mixzoo/augment';
import { expectMixzooError, image } from './helpers.js';
import { pipelineZoo } from './zoo.js';
import { viaJson } from '../../../test/helpers/json.js';

/**
 * What tfjs-data's `dataset.map(fn)` does with each element (MapIterator in tfjs-data 4.22): runs fn
 * inside tf.tidy, then disposes the element's tensors that are not part of the result.
 */
function tfDataMap(fn: (e: TfDataElement) => TfDataElement, element: TfDataElement): TfDataElement {
  const out = tf.tidy(() => fn(element));
  for (const t of [element.xs, element.ys]) if (t !== out.xs && t !== out.ys) t.dispose();
  return out;
}

describe('pipeline.mapFn (tf.data adapter)', () => {
  it('maps batched { xs, ys } to augmented, mixed xs and float32 soft ys; logs every plan; leaks nothing over many batches', async () => {
    const zoo = await pipelineZoo(2);
    const pipe = zoo.pipeline({ augment: ['crop', 'flip'], mix: 'cutmix' });
    const plans: PipelinePlan[] = [];
    const fn = pipe.mapFn({ numClasses: 10, onPlan: (plan) => plans.push(plan) });
    const before = tf.memory().numTensors;
    for (let batch = 0; batch < 5; batch++) {
      const { x } = image([8, 16, 16, 3], batch);
      const ys = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 9], 'int32');
      const out = tfDataMap(fn, { xs: x, ys });
      expect(x.isDisposed && ys.isDisposed).toBe(true);
      expect(out.xs.shape).toEqual([8, 16, 16, 3]);
      expect(out.ys.shape).toEqual([8, 10]);
      expect(out.ys.dtype).toBe('float32');
      (out.ys.arraySync() as number[][]).forEach((row) => expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6));
      tf.dispose([out.xs, out.ys]);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(plans).toHaveLength(5);
    expect(new Set(plans.map((p) => JSON.stringify(p))).size).toBe(5);
  });

  it('any logged batch replays exactly from its plan', async () => {
    const zoo = await pipelineZoo(3);
    const pipe = zoo.pipeline({ augment: ['crop', 'flip'], mix: { name: 'mixup', options: { mode: 'elem' } } });
    let logged: PipelinePlan | undefined;
    const fn = pipe.mapFn({ onPlan: (plan) => (logged = viaJson(plan)) });
    const { x } = image([4, 8, 8, 1], 9);
    const ys = tf.tensor2d([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]);
    const out = tf.tidy(() => fn({ xs: x, ys }));
    const again = pipe.replay({ inputs: x, labels: ys }, logged!);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(out.xs.dataSync()));
    expect(Array.from(again.labels!.dataSync())).toEqual(Array.from(out.ys.dataSync()));
    tf.dispose([x, ys, out.xs, out.ys, again.inputs, again.labels!]);
  });

  it('rejects elements that are not batched { xs, ys } and int32 ys without numClasses', async () => {
    const zoo = await pipelineZoo();
    const fn = zoo.pipeline({ augment: ['flip'], mix: 'mixup' }).mapFn();
    const x = tf.zeros([2, 4, 4, 1]);
    const ys = tf.tensor1d([0, 1], 'int32');
    expectMixzooError(() => fn(null as never), 'E_SHAPE', 'pipeline.mapFn: expected a batched element { xs, ys } (dataset.batch(n) before map), got null.');
    expectMixzooError(() => fn({ xs: x } as never), 'E_LABELS', "pipeline.mapFn: 'ys' must be a tf.Tensor, got undefined.");
    expectMixzooError(() => fn({ xs: [1, 2], ys } as never), 'E_SHAPE', "pipeline.mapFn: 'xs' must be a tf.Tensor, got [1, 2].");
    expectMixzooError(() => fn({ xs: x, ys }), 'E_LABELS', /^mixup: 'labels' are class indices \[2\]: pass 'numClasses' too/);
    expectMixzooError(() => zoo.pipeline({ mix: 'mixup' }).mapFn({ onPlan: 3 as never }), 'E_OPTION', "pipeline.mapFn: option 'onPlan' must be a function, got 3.");
    tf.dispose([x, ys]);
  });
});

import { readFileSync } from 'node:fs';
import { tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { demo } from '../docs/examples/pipeline.js';

describe('docs/pipeline.md', () => {
  it('shows the example file verbatim', () => {
    const guide = readFileSync(new URL('../docs/pipeline.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../docs/examples/pipeline.ts', import.meta.url), 'utf8');
    expect(guide).toContain('```ts\n' + example + '```');
  });

  it('runs: crop + flip then CutMix on a batch, soft labels, and an exact replay from the JSON plan, leaking nothing', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { batch, again, plan } = await demo();
    expect(plan.augment.map((p) => p.augmentation)).toEqual(['crop', 'flip']);
    expect(plan.mix!.strategy).toBe('cutmix');
    expect(batch.xs.shape).toEqual([8, 32, 32, 3]);
    expect(batch.ys.shape).toEqual([8, 10]);
    expect(Array.from(again.inputs.dataSync())).toEqual(Array.from(batch.xs.dataSync()));
    expect(Array.from(again.labels!.dataSync())).toEqual(Array.from(batch.ys.dataSync()));
    const rows = batch.ys.arraySync() as number[][];
    rows.forEach((row, i) => {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      expect(row[i]).toBeCloseTo(plan.mix!.partner[i] === i ? 1 : plan.mix!.lambda[i], 5);
    });
    tf.dispose([batch.xs, batch.ys, again.inputs, again.labels!]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

import { readFileSync } from 'node:fs';
import { tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { scheduledEpochs } from '../docs/examples/schedule.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('docs/schedules.md', () => {
  it('shows the example file verbatim, and README links the page', () => {
    expect(read('../docs/schedules.md')).toContain('```ts\n' + read('../docs/examples/schedule.ts') + '```');
    expect(read('../README.md')).toContain('(docs/schedules.md)');
  });

  it('runs: no mixing at epochs 0 and 3, CutMix with the ramped prob at 1 and 2, each plan recording it, leaking nothing', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const plans = await scheduledEpochs();
    expect(tf.memory().numTensors).toBe(before);
    expect(plans.map((p) => p.epoch)).toEqual([0, 1, 2, 3]);
    expect(plans.map((p) => p.mixing)).toEqual([
      { on: false, options: { prob: 0.5 } }, { on: true, options: { prob: 0.5 } }, { on: true, options: { prob: 1 } }, { on: false, options: { prob: 1 } },
    ]);
    expect(plans.map((p) => p.mix?.strategy ?? null)).toEqual([null, 'cutmix', 'cutmix', null]);
  });
});

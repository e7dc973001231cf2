import { readFileSync } from 'node:fs';
import { tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { demo, dominantMixup } from '../docs/examples/dominant-mixup.js';

describe('docs/writing-a-strategy.md', () => {
  it('shows the example file verbatim', () => {
    const guide = readFileSync(new URL('../docs/writing-a-strategy.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../docs/examples/dominant-mixup.ts', import.meta.url), 'utf8');
    expect(guide).toContain('```ts\n' + example + '```');
  });

  it('runs: the custom variant mixes by name and keeps λ >= floor', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const out = await demo();
    expect(dominantMixup.name).toBe('dominant-mixup');
    expect(out.plan.strategy).toBe('dominant-mixup');
    expect(out.plan.lambda.every((l) => l >= 0.6)).toBe(true);
    expect(out.plan.lambda.some((l) => l < 1)).toBe(true);
    expect(out.labels!.shape).toEqual([8, 10]);
    const rows = out.labels!.arraySync() as number[][];
    rows.forEach((row, i) => expect(Math.max(...row)).toBeCloseTo(out.plan.partner[i] === i ? 1 : out.plan.lambda[i], 5));
    tf.dispose([out.inputs, out.labels!]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

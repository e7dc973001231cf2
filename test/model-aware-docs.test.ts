import { readFileSync } from 'node:fs';
import { createZoo, tf } from 'mixzoo';
import { describe, expect, it, vi } from 'vitest';
import { salientMixup, train } from '../docs/examples/model-aware.js';

describe('docs/model-aware.md', () => {
  it('shows the example file verbatim', () => {
    const guide = readFileSync(new URL('../docs/model-aware.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../docs/examples/model-aware.ts', import.meta.url), 'utf8');
    expect(guide).toContain('```ts\n' + example + '```');
  });

  it('the hand-written loop trains with snapmix (CAM weights in the plans), deterministically, without leaks; static strategies cost no extra gradient', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const spy = vi.spyOn(tf.engine(), 'gradients');
    const snap = await train('snapmix');
    // A pooling → dense head: the exact CAM needs no gradient, only the 4 training steps do.
    expect(spy.mock.calls.length).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    expect(snap.losses.every(Number.isFinite)).toBe(true);
    expect(snap.plans.every((p) => p.labelWeights !== undefined)).toBe(true);
    expect(await train('snapmix')).toEqual(snap);
    spy.mockClear();
    await train('salient-mixup');
    expect(spy.mock.calls.length).toBe(8); // one saliency gradient per step
    spy.mockClear();
    await train('cutmix');
    expect(spy.mock.calls.length).toBe(4);
    spy.mockRestore();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("salient-mixup: λ is the sample's share of the pair's total saliency", async () => {
    const zoo = await createZoo({ seed: 1, backend: 'cpu' });
    zoo.register(salientMixup);
    const saliency = { height: 1, width: 2, data: [[1, 1], [3, 3], [0.5, 0.5], [2, 0]] };
    const plan = zoo.create('salient-mixup', { mode: 'elem', pairing: 'derangement' }).sample({ batchSize: 4 }, { model: { saliency } });
    const total = saliency.data.map((row) => row[0] + row[1]);
    plan.partner.forEach((p, i) => expect(plan.lambda[i]).toBeCloseTo(total[i] / (total[i] + total[p]), 12));
    expect(() => zoo.create('salient-mixup').sample({ batchSize: 4 })).toThrow(/'salient-mixup' plans from the model: pass 'saliency'/);
  });
});

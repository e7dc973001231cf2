import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStrategy, MixzooError, samplePairing, type Plugin } from '@mixzoo/core';
import { testZoo } from '../../../../test/helpers/zoo-fixture.js';
import { ramp } from '../helpers.js';

/** A box strategy through the default applier: the partner's left half is pasted. */
const halfBox = defineStrategy({
  name: 'half-box',
  family: 'test',
  paper: 'none',
  summary: 'Pastes the left half of the partner.',
  options: z.strictObject({}),
  needs: { spatial: true },
  sample(ctx) {
    const { partner } = samplePairing(ctx.rng, ctx.batchSize, { mode: 'elem', pairing: 'derangement', prob: 1 });
    const box = { y0: 0, x0: 0, y1: ctx.height!, x1: Math.floor(ctx.width! / 2) };
    return {
      strategy: 'half-box',
      partner,
      lambda: partner.map((p, i) => (p === i ? 1 : 1 - box.x1 / ctx.width!)),
      boxes: partner.map((p, i) => (p === i ? null : box)),
    };
  },
});
const plugin: Plugin = { name: 'test-box', register: (zoo) => zoo.register(halfBox) };

describe('choice', () => {
  it('picks strategies with their weights and leaves the remainder unmixed (batch mode)', async () => {
    const m = (await testZoo({ seed: 1, plugins: [plugin] })).create('choice', {
      of: [
        { name: 'mixup', weight: 0.5 },
        { name: 'half-box', weight: 0.3 },
      ],
    });
    const counts = { 0: 0, 1: 0, none: 0 };
    const runs = 2000;
    for (let k = 0; k < runs; k++) {
      const plan = m.sample({ batchSize: 4, height: 2, width: 4 });
      const picks = plan.extra!.choice as (number | null)[];
      expect(new Set(picks).size).toBe(1);
      const pick = picks[0];
      if (pick === null) {
        counts.none++;
        expect(plan.lambda).toEqual([1, 1, 1, 1]);
        expect(plan.partner).toEqual([0, 1, 2, 3]);
      } else counts[pick as 0 | 1]++;
    }
    for (const [key, p] of [[0, 0.5], [1, 0.3], ['none', 0.2]] as const) {
      expect(Math.abs(counts[key] / runs - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / runs));
    }
  });

  it('mixes per sample in elem mode, each sample by its own pick, and replays from JSON', async () => {
    const m = (await testZoo({ seed: 5, plugins: [plugin] })).create('choice', {
      mode: 'elem',
      of: [
        { name: 'mixup', weight: 0.5, options: { mode: 'elem' } },
        { name: 'half-box', weight: 0.5 },
      ],
    });
    const x = ramp([8, 2, 4, 1]);
    const y = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32');
    const out = m.mix({ inputs: x, labels: y, numClasses: 4 });
    const picks = out.plan.extra!.choice as number[];
    expect(new Set(picks)).toEqual(new Set([0, 1]));
    const xv = x.dataSync();
    const ov = out.inputs.dataSync();
    for (let i = 0; i < 8; i++) {
      const p = out.plan.partner[i];
      const l = out.plan.lambda[i];
      for (let k = 0; k < 8; k++) {
        const own = xv[i * 8 + k];
        const other = xv[p * 8 + k];
        const inLeftHalf = k % 4 < 2;
        const expected = picks[i] === 0 ? l * own + (1 - l) * other : inLeftHalf ? other : own;
        expect(ov[i * 8 + k]).toBeCloseTo(expected, 5);
      }
      // labels follow the merged plan: λ of the half box is 0.5
      if (picks[i] === 1) expect(l).toBe(0.5);
    }
    const replay = m.apply({ inputs: x, labels: y, numClasses: 4 }, JSON.parse(JSON.stringify(out.plan)));
    expect(Array.from(replay.inputs.dataSync())).toEqual(Array.from(ov));
    expect(Array.from(replay.labels!.dataSync())).toEqual(Array.from(out.labels!.dataSync()));
    tf.dispose([x, y, out.inputs, out.labels!, replay.inputs, replay.labels!]);
  });

  it('validates its options at creation', async () => {
    const zoo = await testZoo({ plugins: [plugin] });
    const code = (options: unknown) => {
      try {
        zoo.create('choice', options);
      } catch (e) {
        return (e as MixzooError).code;
      }
      return 'none';
    };
    expect(code({ of: [{ name: 'mixup', weight: 0.7 }, { name: 'half-box', weight: 0.7 }] })).toBe('E_OPTION');
    expect(code({ of: [{ name: 'mixpu', weight: 0.5 }] })).toBe('E_UNKNOWN_STRATEGY');
    expect(code({ of: [{ name: 'mixup', weight: 0.5, options: { alpha: -1 } }] })).toBe('E_OPTION');
    expect(code({ of: [] })).toBe('E_OPTION');
    expect(code({})).toBe('E_OPTION');
    expect(code({ of: [{ name: 'choice', weight: 0.5 }] })).toBe('E_OPTION');
  });
});

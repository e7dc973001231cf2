import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStrategy, identityPlan, type Plugin } from '@mixzoo/core';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
import { mixzooErrorOf } from '../../../test/helpers/tensors.js';

const custom = defineStrategy({
  name: 'half-mix',
  family: 'custom',
  paper: 'none',
  summary: 'Mixes every sample half and half with the next one.',
  options: z.object({ weight: z.number().min(0).max(1).default(0.5).describe('own weight') }),
  sample: (ctx) => ({ ...identityPlan('half-mix', ctx.batchSize), partner: Array.from({ length: ctx.batchSize }, (_, i) => (i + 1) % ctx.batchSize), lambda: new Array<number>(ctx.batchSize).fill(ctx.options.weight) }),
});

const codeOf = (fn: () => unknown): string => mixzooErrorOf(fn).code;

describe('Zoo', () => {
  it('lists sorted names and describes defaults and a JSON Schema', async () => {
    const zoo = await testZoo();
    expect(zoo.list()).toEqual(['choice', 'manifold-mixup', 'mixup', 'none', 'paired-mixup']);
    const d = zoo.describe('mixup');
    expect(d).toMatchObject({ name: 'mixup', family: 'mixup', defaults: { alpha: 1, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0 } });
    expect(d.paper).toContain('ICLR 2018');
    expect(d.schema).toMatchObject({ type: 'object', additionalProperties: false, properties: { alpha: { type: 'number', minimum: 0, default: 1 } } });
    expect(zoo.describe('choice').defaults).not.toHaveProperty('of');
  });

  it('suggests a name for an unknown strategy', async () => {
    const zoo = await testZoo();
    expect(() => zoo.create('mixpu')).toThrow("Unknown strategy 'mixpu'. Did you mean 'mixup'? Registered: choice, manifold-mixup, mixup, none, paired-mixup.");
    expect(codeOf(() => zoo.describe('nope'))).toBe('E_UNKNOWN_STRATEGY');
  });

  it('registers custom strategies, rejects duplicates, and keeps zoos apart', async () => {
    const a = await testZoo();
    const b = await testZoo();
    a.register(custom);
    expect(a.list()).toContain('half-mix');
    expect(b.list()).not.toContain('half-mix');
    expect(codeOf(() => a.register(custom))).toBe('E_DUPLICATE');
    expect(codeOf(() => a.register({ name: 'x' } as never))).toBe('E_PLUGIN');
    // a plain z.object still rejects unknown keys
    expect(() => a.create('half-mix', { wieght: 1 })).toThrow("Did you mean 'weight'?");
  });

  it('uses plugins once', async () => {
    const plugin: Plugin = { name: 'my-plugin', register: (zoo) => zoo.register(custom) };
    const zoo = await testZoo({ plugins: [plugin] });
    expect(zoo.has('half-mix')).toBe(true);
    expect(codeOf(() => zoo.use(plugin))).toBe('E_DUPLICATE');
    expect(codeOf(() => zoo.use({ name: 'bad' } as never))).toBe('E_PLUGIN');
  });

  it('validates options at creation', async () => {
    const zoo = await testZoo();
    expect(() => zoo.create('mixup', { alpha: -1 })).toThrow("mixup: option 'alpha' must be >= 0, got -1.");
    expect(codeOf(() => zoo.create('mixup', { alpha: Number.NaN }))).toBe('E_OPTION');
    expect(codeOf(() => zoo.create('mixup', { mode: 'sample' }))).toBe('E_OPTION');
  });

  it('seeds mixers from the zoo seed: same seed, same plans; seed 0 differs from seed 1', async () => {
    const plans = async (seed: number | string) => {
      const m = (await testZoo({ seed })).create('mixup', { mode: 'elem' });
      return [m.sample({ batchSize: 8 }), m.sample({ batchSize: 8 })];
    };
    const zero = await plans(0);
    expect(await plans(0)).toEqual(zero);
    expect(await plans('0')).toEqual(zero);
    expect(await plans(1)).not.toEqual(zero);
    expect(zero[0]).not.toEqual(zero[1]); // the stream advances between batches
    const zoo = await testZoo({ seed: 5 });
    expect(zoo.create('mixup', {}, { seed: 9 }).sample({ batchSize: 4 })).toEqual((await testZoo({ seed: 9 })).create('mixup').sample({ batchSize: 4 }));
  });

  it('rejects invalid seeds', async () => {
    await expect(testZoo({ seed: Number.NaN })).rejects.toThrow('seed must be a finite number or a string, got NaN.');
  });
});

describe('defineStrategy', () => {
  it('rejects malformed specs with E_PLUGIN', () => {
    const spec = { name: 'ok', family: 'f', paper: 'p', summary: 's', options: z.object({}), sample: () => identityPlan('ok', 0) };
    expect(() => defineStrategy(spec)).not.toThrow();
    expect(codeOf(() => defineStrategy({ ...spec, name: 'Bad Name' }))).toBe('E_PLUGIN');
    expect(codeOf(() => defineStrategy({ ...spec, options: {} as never }))).toBe('E_PLUGIN');
    expect(codeOf(() => defineStrategy({ ...spec, sample: 3 as never }))).toBe('E_PLUGIN');
  });
});

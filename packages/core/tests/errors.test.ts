import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkKeys, createCoreZoo, defineStrategy, identityPlan, MixzooError, strategyFailure, type MixPlan, type Plugin } from '@mixzoo/core';
import { testZoo } from '../../../test/helpers/zoo-fixture.js';
import { expectMixzooError, mixzooErrorOf, mixzooMessageOf } from '../../../test/helpers/tensors.js';

const broken = (name: string, parts: { sample?: () => unknown; apply?: (x: tf.Tensor) => unknown; setup?: () => unknown }) =>
  defineStrategy({
    name,
    family: 'custom',
    summary: 's',
    setup: parts.setup,
    sample: (parts.sample ?? ((ctx: { batchSize: number }) => identityPlan(name, ctx.batchSize))) as () => MixPlan,
    apply: parts.apply as ((x: tf.Tensor) => tf.Tensor) | undefined,
  });

const plugin = (name: string, ...strategies: ReturnType<typeof broken>[]): Plugin => ({ name, register: (zoo) => strategies.forEach((s) => zoo.register(s)) });

describe('errors phrased for the call the user made', () => {
  it('a sample() that returns nothing is E_PLUGIN naming the strategy and its plugin', async () => {
    const zoo = await testZoo({ plugins: [plugin('./my-plugin.js', broken('empty', { sample: () => undefined }))] });
    expectMixzooError(() => zoo.create('empty').sample({ batchSize: 2 }), 'E_PLUGIN', "empty.sample: strategy 'empty' (plugin './my-plugin.js') returned undefined from sample() instead of a plan object { strategy, partner, lambda, ... }.");
  });

  it('errors thrown inside sample/apply/setup are wrapped in E_PLUGIN with the cause kept; MixzooErrors pass through', async () => {
    const boom = new TypeError("Cannot read properties of undefined (reading 'x')");
    const zoo = await testZoo({
      plugins: [
        plugin(
          'bad-plugin',
          broken('bad-sample', { sample: () => { throw boom; } }),
          broken('bad-apply', { apply: () => { throw new RangeError('index out of range'); } }),
          broken('bad-setup', { setup: () => { throw new Error('no weights'); } }),
          broken('own-error', { sample: () => { throw new MixzooError('E_OPTION', 'own-error: mine.'); } }),
        ),
      ],
    });
    const sampleError = mixzooErrorOf(() => zoo.create('bad-sample').sample({ batchSize: 2 }));
    expect(sampleError.code).toBe('E_PLUGIN');
    expect(sampleError.message).toBe("bad-sample.sample: strategy 'bad-sample' (plugin 'bad-plugin') failed in sample: Cannot read properties of undefined (reading 'x')");
    expect(sampleError.cause).toBe(boom);
    const x = tf.ones([2, 3]);
    expectMixzooError(() => zoo.create('bad-apply').mix({ inputs: x }), 'E_PLUGIN', "bad-apply.apply: strategy 'bad-apply' (plugin 'bad-plugin') failed in apply: index out of range");
    expect(mixzooMessageOf(() => zoo.create('bad-setup'), 'E_PLUGIN')).toBe("create('bad-setup'): strategy 'bad-setup' (plugin 'bad-plugin') failed in setup: no weights");
    expect(mixzooMessageOf(() => zoo.create('own-error').sample({ batchSize: 1 }), 'E_OPTION')).toBe('own-error: mine.');
    x.dispose();
  });

  it('apply returning a non-tensor or a wrong shape is E_PLUGIN, leaving nothing allocated', async () => {
    const zoo = await testZoo({
      plugins: [plugin('p', broken('no-tensor', { apply: () => [1, 2] }), broken('wrong-shape', { apply: (x) => tf.slice(x, [0, 0], [1, 3]) }))],
    });
    const x = tf.ones([2, 3]);
    expectMixzooError(() => zoo.create('no-tensor').mix({ inputs: x }), 'E_PLUGIN', "no-tensor.apply: strategy 'no-tensor' (plugin 'p') apply() must return a tensor of the input's shape [2, 3] for 'inputs', got [1, 2].");
    expectMixzooError(() => zoo.create('wrong-shape').mix({ inputs: x }), 'E_PLUGIN', /got shape \[1, 3\]\.$/);
    x.dispose();
  });

  it('strategyFailure keeps MixzooErrors and wraps the rest', () => {
    const own = new MixzooError('E_PLAN', 'x');
    expect(strategyFailure('w', 's', undefined, 'sample', own)).toBe(own);
    expect(strategyFailure('w', 's', undefined, 'sample', 'text').message).toBe("w: strategy 's' failed in sample: 'text'");
  });
});

describe('plugins', () => {
  it('a plugin whose register() throws is E_PLUGIN naming it, and leaves nothing registered', async () => {
    const zoo = await testZoo();
    const cause = new Error('oops');
    const half: Plugin = { name: 'half', register: (z) => { z.register(broken('half-one', {})); throw cause; } };
    const error = mixzooErrorOf(() => zoo.use(half));
    expect(error.code).toBe('E_PLUGIN');
    expect(error.message).toBe("use: plugin 'half' failed to register: oops");
    expect(error.cause).toBe(cause);
    expect(zoo.has('half-one')).toBe(false);
    zoo.use({ name: 'half', register: (z) => z.register(broken('half-one', {})) });
    expect(zoo.has('half-one')).toBe(true);
  });

  it('a name clash names both plugins (built-ins are plugins too)', async () => {
    const zoo = await testZoo();
    const clash = mixzooErrorOf(() => zoo.use(plugin('./x.js', broken('mixup', {}))));
    expect(clash.code).toBe('E_DUPLICATE');
    expect(clash.message).toBe("Strategy 'mixup' is already registered in this zoo (by plugin '@mixzoo/mixup'); plugin './x.js' cannot register it again: pick another name.");
    zoo.register(broken('direct', {}));
    expect(mixzooMessageOf(() => zoo.use(plugin('late', broken('direct', {}))), 'E_DUPLICATE')).toBe("Strategy 'direct' is already registered in this zoo (by zoo.register); plugin 'late' cannot register it again: pick another name.");
  });
});

describe('checkKeys and createCoreZoo settings', () => {
  it('refuses non-objects and unknown keys with a hint', () => {
    expect(mixzooMessageOf(() => checkKeys('createZoo', { sede: 1 }, ['seed', 'backend']), 'E_OPTION')).toBe("createZoo: unknown setting 'sede'. Did you mean 'seed'? Known settings: seed, backend.");
    expect(mixzooMessageOf(() => checkKeys('createZoo', 42, ['seed']), 'E_OPTION')).toBe('createZoo: expected a settings object, got 42.');
    expect(() => checkKeys('createZoo', { seed: 1 }, ['seed'])).not.toThrow();
  });

  it('createCoreZoo refuses a typo and a non-object', () => {
    const kernels = {} as never;
    expect(mixzooMessageOf(() => createCoreZoo({ sede: 1, backend: 'cpu', kernels } as never), 'E_OPTION')).toContain("unknown setting 'sede'. Did you mean 'seed'?");
    expect(mixzooMessageOf(() => createCoreZoo(null as never), 'E_OPTION')).toContain('expected a settings object, got null');
  });

  it('zoo.create refuses unknown create settings', async () => {
    const zoo = await testZoo();
    expect(mixzooMessageOf(() => zoo.create('mixup', {}, { sed: 1 } as never), 'E_OPTION')).toContain("unknown setting 'sed'. Did you mean 'seed'?");
    expect(mixzooMessageOf(() => zoo.create('mixup', {}, { labelKind: 'multi' } as never), 'E_OPTION')).toContain("setting 'labelKind' must be 'distribution' or 'multi-label'");
  });
});

describe('required options', () => {
  it('say they are required and show the example, in the error and in describe', async () => {
    const zoo = await testZoo();
    const example = [{ name: 'mixup', weight: 0.5 }, { name: 'cutmix', weight: 0.5 }];
    expect(mixzooMessageOf(() => zoo.create('choice'), 'E_OPTION')).toBe(`choice: option 'of' is required, e.g. ${JSON.stringify({ of: example })}.`);
    expect(zoo.describe('choice').required).toEqual([{ name: 'of', example }]);
    const noExample = defineStrategy({ name: 'needs-k', family: 'c', summary: 's', options: z.object({ k: z.number() }), sample: (ctx) => identityPlan('needs-k', ctx.batchSize) });
    zoo.register(noExample);
    expect(mixzooMessageOf(() => zoo.create('needs-k', {}), 'E_OPTION')).toBe("needs-k: option 'k' is required.");
    expect(mixzooMessageOf(() => zoo.create('needs-k', { k: 'a' }), 'E_OPTION')).toContain("option 'k' must be a finite number, got 'a'.");
  });
});

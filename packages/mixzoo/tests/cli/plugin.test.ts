import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createZoo, defineStrategy, identityPlan, mixingOptions, type Plugin } from 'mixzoo';
import { z } from 'zod';
import { loadPluginModules, pluginsFromModule } from '../../src/plugin-loader.js';
import { FIXTURES, mixzoo, PACKAGE_DIR } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-plugin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const strategy = (name: string) =>
  defineStrategy({ name, family: 'test', paper: '-', summary: '-', options: z.strictObject(mixingOptions()), sample: (ctx) => identityPlan(name, ctx.batchSize) });

async function namesAfter(plugins: Plugin[]): Promise<string[]> {
  const zoo = await createZoo({ backend: 'cpu', plugins });
  const builtins = (await createZoo({ backend: 'cpu' })).list();
  return zoo.list().filter((n) => !builtins.includes(n));
}

describe('pluginsFromModule', () => {
  it('registers strategies and plugins from the default and named exports, arrays included, once each', async () => {
    const a = strategy('a-mix');
    const b = strategy('b-mix');
    const c = strategy('c-mix');
    const plugin: Plugin = { name: 'p', register: (zoo) => void zoo.register(c) };
    const plugins = pluginsFromModule('m', { default: a, a, list: [b, [plugin]], helper: () => 1, SIDES: ['left'] });
    expect(await namesAfter(plugins)).toEqual(['a-mix', 'b-mix', 'c-mix']);
  });

  it('refuses a default export, or an array element, of another kind', () => {
    expect(() => pluginsFromModule('./m.js', { default: { hello: 1 } })).toThrow(
      "--plugin './m.js': the default export must be a strategy made with defineStrategy(...), a plugin { name, register(zoo) }, or an array of those, got {\"hello\":1}.",
    );
    expect(() => pluginsFromModule('./m.js', { list: [strategy('x-mix'), 3] })).toThrow("export 'list'[1] must be a strategy");
  });

  it('refuses a module without any strategy or plugin, naming its exports', () => {
    expect(() => pluginsFromModule('./m.js', { helper: 1, other: 'x' })).toThrow(/exports no strategy or plugin .*found helper, other\)/);
    expect(() => pluginsFromModule('./m.js', {})).toThrow(/found no exports/);
  });
});

describe('loadPluginModules', () => {
  it('resolves relative paths against the given cwd', async () => {
    const plugins = await loadPluginModules(['./tests/fixtures/stripe-mix.js'], PACKAGE_DIR);
    expect(await namesAfter(plugins)).toEqual(['stripe-mix']);
  });

  it('reports a missing module as a plugin error', async () => {
    await expect(loadPluginModules(['./nope.js'], tmp)).rejects.toMatchObject({ code: 'E_PLUGIN' });
  });
});

describe('mixzoo --plugin (built CLI)', () => {
  it('describes the fixture strategy by name, from a path relative to cwd', async () => {
    const run = await mixzoo(['--plugin', './tests/fixtures/stripe-mix.js', 'describe', 'stripe-mix'], { cwd: PACKAGE_DIR });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('stripe-mix  (family: test-fixtures)');
    expect(run.stdout).toMatch(/│ side +│ "left" +│ 'left' \| 'right' +│ Side the partner stripe is pasted on\./);
    expect(run.stdout).toMatch(/│ mode +│ "elem" +│/);
  });

  it('lists it next to the built-ins; --plugin is repeatable and duplicates are refused', async () => {
    const run = await mixzoo(['--plugin', `${FIXTURES}stripe-mix.js`, 'list', '--json']);
    expect(run.code).toBe(0);
    const names = JSON.parse(run.stdout).map((d: { name: string }) => d.name);
    expect(names).toContain('stripe-mix');
    expect(names).toContain('mixup');
    // The same strategy through two specifiers of one module: registered once, then refused.
    const twice = await mixzoo(['--plugin', `${FIXTURES}stripe-mix.js`, '--plugin', './tests/fixtures/stripe-mix.js', 'list'], { cwd: PACKAGE_DIR });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("Strategy 'stripe-mix' is already registered in this zoo");
  });

  it('previews it: a PNG grid of the expected size', async () => {
    const out = join(tmp, 'stripe.png');
    const run = await mixzoo(['--plugin', `${FIXTURES}stripe-mix.js`, '--seed', '4', 'preview', 'stripe-mix', '--options', '{"side":"right","alpha":0.5}', '--n', '9', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out} (436×496, 9 stripe-mix mixes of mnist`);
    // 3×3 tiles of 28×28 digits upscaled ×5 (140 px), 20 px captions, 4 px gaps.
    const meta = await sharp(out).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 436, height: 496, channels: 3 });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('registers once a strategy that the module exports and also registers through its own plugin', async () => {
    const a = strategy('a-mix');
    const plugin: Plugin = { name: 'p', register: (zoo) => void zoo.register(a) };
    expect(await namesAfter(pluginsFromModule('m', { a, plugin }))).toEqual(['a-mix']);
    // Through zoo.use inside the plugin too.
    const outer: Plugin = { name: 'outer', register: (zoo) => void zoo.use(plugin) };
    expect(await namesAfter(pluginsFromModule('m', { default: outer, a }))).toEqual(['a-mix']);
    // Another strategy object under a taken name is still a duplicate.
    await expect(namesAfter(pluginsFromModule('m', { plugin, other: strategy('a-mix') }))).rejects.toMatchObject({ code: 'E_DUPLICATE' });
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

  it("names each module's plugin after the module's path, so that its errors name the module", async () => {
    const [plugin] = await loadPluginModules(['./tests/fixtures/throws-on-register.js'], PACKAGE_DIR);
    expect(plugin.name).toBe(join(FIXTURES, 'throws-on-register.js'));
    await expect(createZoo({ backend: 'cpu', plugins: [plugin] })).rejects.toThrow('boom in register');
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
    const names = (JSON.parse(run.stdout) as { name: string }[]).map((d) => d.name);
    expect(names).toContain('stripe-mix');
    expect(names).toContain('mixup');
    // One module through two specifiers: the same plugin (named after the module's path), refused.
    const twice = await mixzoo(['--plugin', `${FIXTURES}stripe-mix.js`, '--plugin', './tests/fixtures/stripe-mix.js', 'list'], { cwd: PACKAGE_DIR });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`Plugin '${FIXTURES}stripe-mix.js' is already used by this zoo`);
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

describe('the docs example (docs/examples/dominant-mixup.ts) through --plugin, as docs/writing-a-strategy.md says', () => {
  it('compiles with tsc and loads once although it exports the strategy and the plugin registering it', { timeout: 120_000 }, async () => {
    // A user project with mixzoo installed: node_modules/mixzoo, and the example compiled into out/plugins.
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    symlinkSync(PACKAGE_DIR, join(project, 'node_modules', 'mixzoo'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    const example = fileURLToPath(new URL('../../../../docs/examples/dominant-mixup.ts', import.meta.url));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '--ignoreConfig', example, '--outDir', join(project, 'out', 'plugins'), '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck']);
    const plugin = './out/plugins/dominant-mixup.js';
    const described = await mixzoo(['--plugin', plugin, 'describe', 'dominant-mixup'], { cwd: project });
    expect(described.stderr).toBe('');
    expect(described.code).toBe(0);
    expect(described.stdout.split('\n')[0]).toBe('dominant-mixup  (family: mixup)');
    const png = join(project, 'dm.png');
    const previewed = await mixzoo(['--plugin', plugin, 'preview', 'dominant-mixup', '--options', '{"floor":0.7}', '--n', '4', '--out', 'dm.png'], { cwd: project });
    expect(previewed.code).toBe(0);
    expect((await sharp(png).metadata()).format).toBe('png');
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { createZoo } from 'mixzoo';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const pluginPackages = ['mixup', 'masks', 'cross-dataset'];

function strategySources(): { pkg: string; name: string }[] {
  return pluginPackages.flatMap((pkg) => {
    const dir = new URL(`packages/${pkg}/src/strategies/`, root);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => ({ pkg, name: f.slice(0, -3) }));
  });
}

describe('one strategy = one source file + one test file + one doc page', () => {
  const sources = strategySources();

  it('finds the strategy sources', () => {
    expect(sources.length).toBeGreaterThanOrEqual(3);
  });

  it.each(sources)('$pkg/$name has its test file and doc page', ({ pkg, name }) => {
    expect(existsSync(new URL(`packages/${pkg}/tests/strategies/${name}.test.ts`, root)), `packages/${pkg}/tests/strategies/${name}.test.ts`).toBe(true);
    expect(existsSync(new URL(`docs/strategies/${name}.md`, root)), `docs/strategies/${name}.md`).toBe(true);
  });

  it('every registered built-in has its own source file', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    const names = new Set(sources.map((s) => s.name));
    expect(zoo.list().filter((n) => !names.has(n))).toEqual([]);
  });

  it('every package has a README and tests', () => {
    for (const pkg of readdirSync(new URL('packages/', root))) {
      expect(existsSync(new URL(`packages/${pkg}/README.md`, root)), `packages/${pkg}/README.md`).toBe(true);
      expect(existsSync(new URL(`packages/${pkg}/tests`, root)), `packages/${pkg}/tests`).toBe(true);
    }
  });
});

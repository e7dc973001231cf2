import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createZoo } from 'mixzoo';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const pluginPackages = ['mixup', 'masks', 'cross-dataset'];
const packageNames = readdirSync(new URL('packages/', root));
const relative = (file: URL) => file.pathname.slice(root.pathname.length);

/** Every file under `dir` (recursively) whose name ends with one of `endings`, skipping node_modules and dist. */
function sourceFiles(dir: URL, endings: readonly string[] = ['.ts']): URL[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(new URL(`${entry.name}/`, dir), endings);
    return endings.some((e) => entry.name.endsWith(e)) ? [new URL(entry.name, dir)] : [];
  });
}

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
    for (const pkg of packageNames) {
      expect(existsSync(new URL(`packages/${pkg}/README.md`, root)), `packages/${pkg}/README.md`).toBe(true);
      expect(existsSync(new URL(`packages/${pkg}/tests`, root)), `packages/${pkg}/tests`).toBe(true);
    }
  });
});

describe('one way to the pixels', () => {
  // Strategies and augmentations reach pixels only through the ops object their context gives
  // them (ctx.kernels), so a backend's kernel never needs a strategy touched; their plain types
  // (Patch, IndexMap, ...) come from @mixzoo/core.
  const packages = [...pluginPackages, 'augment'];
  // Every module specifier: `from '...'` (imports, re-exports, type imports), bare `import '...'` and `import('...')`.
  const specifiers = (text: string) => [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  const isKernels = (spec: string) => /^@mixzoo\/kernels(\/|$)|(^|\/)kernels\/(src|dist)(\/|$)/.test(spec);

  it('no plugin or augment source imports @mixzoo/kernels or its files', () => {
    const files = packages.flatMap((pkg) => sourceFiles(new URL(`packages/${pkg}/src/`, root)));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files
      .filter((file) => specifiers(readFileSync(file, 'utf8')).some(isKernels))
      .map((file) => file.pathname.slice(root.pathname.length));
    expect(offenders).toEqual([]);
  });

  it('no plugin or augment package depends on @mixzoo/kernels', () => {
    for (const pkg of packages) {
      const manifest = JSON.parse(readFileSync(new URL(`packages/${pkg}/package.json`, root), 'utf8')) as { dependencies?: Record<string, string> };
      expect(Object.keys(manifest.dependencies ?? {}), `packages/${pkg}/package.json`).not.toContain('@mixzoo/kernels');
    }
  });
});

describe('small layout rules', () => {
  const sources = packageNames.flatMap((pkg) => sourceFiles(new URL(`packages/${pkg}/src/`, root)));

  it('no file is only a re-export or two (outside index.ts entry points): import from where the code lives', () => {
    const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n').map((l) => l.replace(/\/\/.*$/, '').trim()).filter(Boolean);
    const offenders = sources
      .filter((file) => !file.pathname.endsWith('/index.ts'))
      .filter((file) => {
        const lines = code(readFileSync(file, 'utf8'));
        return lines.length <= 2 && lines.every((l) => /^export\b.*\bfrom\s+['"]/.test(l));
      })
      .map(relative);
    expect(sources.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });

  it('no source, test, doc or script cites design documents that are not in the repository', () => {
    const dirs = [...packageNames.flatMap((pkg) => [`packages/${pkg}/src/`, `packages/${pkg}/tests/`]), 'test/', 'bench/', 'scripts/', 'docs/'];
    const files = dirs.flatMap((d) => sourceFiles(new URL(d, root), ['.ts', '.js', '.mjs', '.md']));
    const cites = /\bSPECS\b|\bDESIGN\.md\b|\bSTACK\.md\b/;
    const offenders = files.filter((file) => cites.test(readFileSync(file, 'utf8'))).map(relative);
    expect(files.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });

  it("'reflect-metadata' is imported once, where tsyringe is first loaded (core's zoo), by a package that depends on it", () => {
    const importers = sources.filter((file) => /^import ['"]reflect-metadata['"]/m.test(readFileSync(file, 'utf8'))).map(relative);
    expect(importers).toEqual(['packages/core/src/zoo.ts']);
    const zoo = readFileSync(new URL('packages/core/src/zoo.ts', root), 'utf8');
    expect(zoo.indexOf("import 'reflect-metadata'")).toBeLessThan(zoo.indexOf("from 'tsyringe'"));
    const manifest = JSON.parse(readFileSync(new URL('packages/core/package.json', root), 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(manifest.dependencies ?? {})).toContain('reflect-metadata');
  });
});

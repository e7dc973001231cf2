// The guides and the README against the code: strategy table, snippets, links, imports, dependencies.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createZoo, lab, tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const json = (path: string) => JSON.parse(read(path)) as Record<string, Record<string, string> | undefined>;

/** The READMEs (typedoc renders them too) and every guide and page under docs/ (not the generated API reference). */
function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(new URL(dir, root), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === 'api' ? [] : walk(`${dir}${e.name}/`)) : e.name.endsWith('.md') ? [`${dir}${e.name}`] : [],
    );
  const packageReadmes = readdirSync(new URL('packages/', root)).map((dir) => `packages/${dir}/README.md`);
  return ['README.md', ...packageReadmes, ...walk('docs/')];
}

/** Relative link targets of a Markdown file (no URLs, no in-page anchors), resolved against the repo root. */
function relativeLinks(file: string): string[] {
  const base = new URL(file, root);
  return [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split('#')[0])
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target))
    .map((target) => new URL(target, base).pathname.slice(root.pathname.length));
}

/** Every `@scope/name` package mixzoo installs with itself, through the workspace packages. */
function mixzooDependencies(): Set<string> {
  const workspaces = new Map(readdirSync(new URL('packages/', root)).map((dir) => {
    const pkg = json(`packages/${dir}/package.json`);
    return [pkg.name as unknown as string, Object.keys(pkg.dependencies ?? {})];
  }));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of workspaces.get(name) ?? []) visit(dep);
  };
  visit('mixzoo');
  return seen;
}

describe('README.md', () => {
  const readme = read('README.md');

  it('lists every registered strategy in its table, linked to its page', async () => {
    const zoo = await createZoo({ backend: 'cpu' });
    expect(zoo.list()).toContain('none');
    for (const name of zoo.list()) expect(readme, name).toContain(`[\`${name}\`](docs/strategies/${name}.md)`);
  });

  it("shows the 'Your own strategy' example verbatim, and it runs against the real API", async () => {
    const example = read('docs/examples/readme-strategy.ts');
    expect(readme).toContain('## Your own strategy\n\n```ts\n' + example + '```');
    const { mixer, zoo } = await import('../docs/examples/readme-strategy.js');
    expect(zoo.list()).toContain('my-mixup');
    const x = tf.randomUniform([8, 5]);
    const y = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32');
    const out = mixer.mix({ inputs: x, labels: y, numClasses: 4 });
    expect(out.plan.lambda.every((l) => l >= 0.5)).toBe(true);
    expect(out.plan.lambda.some((l) => l < 1)).toBe(true);
    tf.dispose([x, y, out.inputs, out.labels!]);
  });
});

describe('links and the API reference', () => {
  it('every relative link of the README and the guides points to an existing file (typedoc cannot link folders)', () => {
    for (const file of markdownFiles()) {
      for (const target of relativeLinks(file)) {
        expect(existsSync(new URL(target, root)) && statSync(new URL(target, root)).isFile(), `${file} → ${target}`).toBe(true);
      }
    }
  });

  it('typedoc renders every Markdown page the README links to (projectDocuments), so the links work in docs/api', () => {
    const patterns = (JSON.parse(read('typedoc.json')) as { projectDocuments?: string[] }).projectDocuments ?? [];
    const matchers = patterns.map((p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`));
    const pages = relativeLinks('README.md').filter((target) => target.endsWith('.md'));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(matchers.some((m) => m.test(page)), page).toBe(true);
  });
});

describe('the guides import what users install', () => {
  it("reach the lab through mixzoo's 'lab' export, and every lab.<name> they use exists", () => {
    for (const file of markdownFiles()) {
      const text = read(file);
      expect(text, file).not.toMatch(/from '@mixzoo\/lab'/);
      for (const [, name] of text.matchAll(/\blab\.([A-Za-z]+)\(/g)) expect(lab, `${file}: lab.${name}`).toHaveProperty(name);
    }
  });

  it('say which tfjs packages are dependencies of mixzoo as its package.json files do', () => {
    const deps = mixzooDependencies();
    expect(deps.has('@tensorflow/tfjs-layers')).toBe(true);
    expect(deps.has('@tensorflow/tfjs-data')).toBe(true);
    const pipeline = read('docs/pipeline.md');
    expect(pipeline).not.toMatch(/tfjs-layers[^.]*not (a )?dependenc/);
    expect(pipeline).not.toMatch(/install @tensorflow\/tfjs-data/);
    expect(pipeline).toMatch(/tfjs-data and tfjs-layers[^.]*are dependencies of mixzoo/);
  });

  it('docs/cross-dataset.md says where the MNIST IDX files of example (b) come from', () => {
    const data = read('docs/cross-dataset.md').split('### The data')[1];
    for (const file of ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) expect(data).toContain(file);
    expect(data).toMatch(/https:\/\/\S+\/mnist\//);
    expect(data).toContain('/usr/share/datasets/fashion-mnist');
  });
});

import { readFileSync, statSync } from 'node:fs';
import { createZoo, tf } from 'mixzoo';
import { MixLayer } from '@mixzoo/mixup';
import { loadDataset, seedKernels } from '@mixzoo/lab';
import { describe, expect, it } from 'vitest';
import { buildClassifier, saveAndLoad, trainWithManifoldMixup } from '../docs/examples/manifold-mixup.js';
import { mixTaggedSentences } from '../docs/examples/manifold-sequences.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('docs/strategies/manifold-mixup.md', () => {
  const page = read('../docs/strategies/manifold-mixup.md');

  it('shows the example file verbatim', () => {
    expect(page).toContain('```ts\n' + read('../docs/examples/manifold-mixup.ts') + '```');
  });

  it('documents every option with its default, and the picture exists (< 200 KB)', async () => {
    const d = (await createZoo({ backend: 'cpu' })).describe('manifold-mixup');
    for (const option of Object.keys(d.schema.properties as object)) expect(page, option).toContain(`| \`${option}\` |`);
    for (const [option, value] of Object.entries(d.defaults)) expect(page, option).toContain(`| \`${option}\` | \`${JSON.stringify(value).replace(/"/g, "'")}\` |`);
    expect(page).toContain('](../images/manifold-boundaries.png)');
    const size = statSync(new URL('../docs/images/manifold-boundaries.png', import.meta.url)).size;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThan(200 * 1024);
  });
});

describe('docs/concepts.md, Features and sequences', () => {
  it('is the last section and shows the sequence example verbatim', () => {
    const concepts = read('../docs/concepts.md');
    const headings = concepts.match(/^## .*$/gm)!;
    expect(headings.at(-1)).toBe('## Features and sequences');
    expect(concepts).toContain('```ts\n' + read('../docs/examples/manifold-sequences.ts') + '```');
  });

  it('runs: one plan for sentences, labels and tags; the mask is the OR of both masks', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const out = await mixTaggedSentences();
    const { plan } = out;
    expect(out.inputs.shape).toEqual([3, 4, 8]);
    expect(out.targets!.tags.shape).toEqual([3, 4, 5]);
    const lengths = [2, 4, 3];
    const real = (i: number, s: number) => (s < lengths[i] ? 1 : 0);
    expect(out.mask.arraySync()).toEqual(lengths.map((_, i) => [0, 1, 2, 3].map((s) => real(i, s) | real(plan.partner[i], s))));
    // sentence i is the constant i + 1 over its real steps: step 0 is real in every sentence
    const inputs = out.inputs.arraySync() as number[][][];
    plan.lambda.forEach((l, i) => expect(inputs[i][0][0]).toBeCloseTo(l * (i + 1) + (1 - l) * (plan.partner[i] + 1), 5));
    expect(plan.lambda.some((l) => l < 1)).toBe(true);
    tf.dispose([out.inputs, out.mask, out.labels!, out.targets!.tags]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('docs/examples/manifold-mixup.ts', () => {
  it('trains a tfjs-layers model with manifold mixup, then saves and reloads it', async () => {
    // As in a fresh process: an earlier test of this file activated cpu, which 'auto' would keep.
    const zoo = await createZoo({ seed: 42, backend: 'wasm' });
    const moons = await loadDataset('moons', { seed: 0, trainSize: 256, testSize: 200 });
    const x = tf.tensor2d(moons.train.x, [256, 2]);
    const y = tf.tensor1d(moons.train.y, 'int32');
    const test = tf.tensor2d(moons.test.x, [200, 2]);
    const model = buildClassifier(2, 2);
    seedKernels(model, 0); // tfjs initialisers draw from Math.random: fix the start for the test
    expect(model.layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => l.depth)).toEqual([0, 1, 2]);
    const first = await trainWithManifoldMixup(zoo, model, x, y, 2, 10);
    const before = tf.memory().numTensors; // Adam's slots exist from the first step on
    const losses = [...first, ...(await trainWithManifoldMixup(zoo, model, x, y, 2, 140))];
    expect(tf.memory().numTensors).toBe(before);
    const early = losses.slice(0, 10).reduce((a, b) => a + b) / 10;
    const late = losses.slice(-10).reduce((a, b) => a + b) / 10;
    // mixed soft labels keep the loss well above 0; it still falls
    expect(late).toBeLessThan(0.9 * early);
    const accuracy = (m: typeof model) =>
      tf.tidy(() => {
        const predicted = tf.argMax(m.predict(test) as tf.Tensor, 1).dataSync();
        return Array.from(predicted).reduce((s, p, i) => s + (p === moons.test.y[i] ? 1 : 0), 0) / 200;
      });
    expect(accuracy(model)).toBeGreaterThan(0.85);
    const loaded = await saveAndLoad(model);
    expect(loaded.layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => l.depth)).toEqual([0, 1, 2]);
    const [a, b] = [model.predict(test) as tf.Tensor, loaded.predict(test) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b, x, y, test]);
    model.dispose();
    loaded.dispose();
  });
});

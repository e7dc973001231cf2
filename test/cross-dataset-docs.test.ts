import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoo, lab, tf, type CrossDatasetResult } from 'mixzoo';
import { afterAll, describe, expect, it } from 'vitest';
import { DIGITS, FASHION_MNIST_DIR, GARMENTS, mnistFashionExample } from '../docs/examples/cross-dataset-mnist-fashion.js';
import { synonymsExample } from '../docs/examples/cross-dataset-synonyms.js';
import { writeIdxDataset } from '../packages/lab/tests/datasets/idx-fixture.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-cross-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function release(out: CrossDatasetResult): void {
  tf.dispose([out.inputs, out.labels!, out.validity!, out.domainLambda]);
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

describe('docs/cross-dataset.md', () => {
  it('shows both example files verbatim', () => {
    const guide = read('../docs/cross-dataset.md');
    for (const file of ['cross-dataset-synonyms.ts', 'cross-dataset-mnist-fashion.ts']) {
      expect(guide, file).toContain('```ts\n' + read(`../docs/examples/${file}`) + '```');
    }
  });

  it('the strategy page documents every option', async () => {
    const page = read('../docs/strategies/cross-dataset.md');
    const zoo = await createZoo({ backend: 'cpu' });
    for (const option of Object.keys(zoo.describe('cross-dataset').schema.properties as object)) {
      expect(page, option).toContain(`| \`${option}\` |`);
    }
  });
});

describe('example (a): partly overlapping label spaces with synonyms', () => {
  it('merges synonyms, aligns sizes and channels, and mixes labels, pixels and validity consistently', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { mixer, out } = await synonymsExample();
    expect(mixer.labelSpace.classes).toEqual(['car', 'person', 'bicycle', 'truck']);
    expect(out.inputs.shape).toEqual([4, 32, 32, 3]);
    const { partner, lambda } = out.plan;
    expect(lambda.some((l) => l > 0.05 && l < 0.95)).toBe(true);
    const street = [0, 1, 2, 0]; // car, person, bicycle, car
    const traffic = [0, 1, 3, 3]; // automobile → car, pedestrian → person, truck, truck
    const labels = out.labels!.arraySync();
    const validity = out.validity!.arraySync();
    const pixels = out.inputs.arraySync() as number[][][][];
    lambda.forEach((l, i) => {
      const expected = [0, 0, 0, 0];
      expected[street[i]] += l;
      expected[traffic[partner[i]]] += 1 - l;
      labels[i].forEach((v, c) => expect(v).toBeCloseTo(expected[c], 6));
      expect(pixels[i][5][7][1]).toBeCloseTo(2 * l - 1, 5);
      // ignore-unlabeled: car and person (both annotate them) plus the classes the label asserts
      expect(validity[i]).toEqual([1, 1, 0, 0].map((v, c) => (v || expected[c] > 0 ? 1 : 0)));
    });
    release(out);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('example (b): MNIST digits and Fashion-MNIST garments as a 20-class disjoint union', () => {
  const digitLabels = [3, 1, 4, 1, 5, 9, 2, 6];
  const garmentLabels = [9, 0, 5, 7, 8, 2, 3, 4];
  const mnistDir = join(tmp, 'mnist');
  const fashionDir = join(tmp, 'fashion');
  writeIdxDataset(mnistDir, digitLabels, { pixel: () => 255 });
  writeIdxDataset(fashionDir, garmentLabels, { pixel: () => 51 });

  it('runs on small generated IDX files: labels split λ / 1 − λ between digits and garments, pixels follow', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { mixer, out, yTrue, loss } = await mnistFashionExample({ mnist: mnistDir, fashion: fashionDir }, 8);
    expect(mixer.labelSpace.classes).toEqual([...DIGITS.map((d) => `mnist/${d}`), ...GARMENTS.map((g) => `fashion/${g}`)]);
    const digit = (1 - 0.1307) / 0.3081;
    const garment = (0.2 - 0.286) / 0.353;
    const labels = out.labels!.arraySync();
    const means = tf.tidy(() => Array.from(tf.mean(tf.reshape(out.inputs, [8, -1]), 1).dataSync()));
    expect(out.plan.boxes!.some((box) => box !== null)).toBe(true);
    out.plan.lambda.forEach((l, i) => {
      expect(labels[i][digitLabels[i]]).toBeCloseTo(l, 6);
      expect(labels[i][10 + garmentLabels[out.plan.partner[i]]]).toBeCloseTo(1 - l, 6);
      expect(sum(labels[i].slice(0, 10))).toBeCloseTo(l, 6);
      expect(means[i]).toBeCloseTo(l * digit + (1 - l) * garment, 4);
    });
    expect((out.validity!.arraySync()).flat().every((v) => v === 1)).toBe(true);
    expect(Array.from(yTrue.dataSync())).toEqual(Array.from(out.labels!.dataSync()));
    // uniform logits over all 20 supervised classes: the loss is log 20 for every row
    Array.from(loss.dataSync()).forEach((v) => expect(v).toBeCloseTo(Math.log(20), 5));
    release(out);
    tf.dispose([yTrue, loss]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(!existsSync(FASHION_MNIST_DIR))('reads the real Fashion-MNIST from Debian’s dataset-fashion-mnist when installed', async () => {
    const real = await lab.readIdx(join(FASHION_MNIST_DIR, 't10k-labels-idx1-ubyte.gz'));
    expect(real.dims).toEqual([10000]);
    const { out, yTrue, loss } = await mnistFashionExample({ mnist: mnistDir }, 8);
    const labels = out.labels!.arraySync();
    out.plan.lambda.forEach((l, i) => expect(labels[i][10 + real.data[out.plan.partner[i]]]).toBeCloseTo(1 - l, 6));
    expect(Array.from(loss.dataSync()).every(Number.isFinite)).toBe(true);
    release(out);
    tf.dispose([yTrue, loss]);
  });
});

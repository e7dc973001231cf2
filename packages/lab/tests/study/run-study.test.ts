import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoo, tf } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
import { loadDataset } from '../../src/datasets/load.js';
import { renderPlainGrid, sampleBatch } from '../../src/report/samples.js';
import { runStudy, type StudyEvent } from '../../src/study/run-study.js';
import type { RunResult, StudyConfig } from '../../src/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-study-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const config: StudyConfig = {
  strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 } }],
  seeds: [1, 2],
  dataset: 'moons',
  model: 'mlp',
  epochs: 2,
  batchSize: 32,
  trainSize: 128,
  testSize: 64,
};
const outDir = join(tmp, 'moons');
let zoo: Zoo;
let events: StudyEvent[] = [];
const record = (e: StudyEvent) => events.push(e);
const readJson = (): RunResult[] => JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as RunResult[];

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
});

describe('runStudy on a tiny real study (moons, mlp, none + mixup × 2 seeds, 2 epochs)', () => {
  let first: Awaited<ReturnType<typeof runStudy>>;

  it('trains every strategy × seed, seed by seed, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    first = await runStudy(config, { zoo, outDir, onProgress: record });
    expect(tf.memory().numTensors).toBe(before);
    expect(first.trained).toBe(4);
    expect(first.reused).toBe(0);
    expect(first.results.map((r) => r.id)).toEqual(['none@seed1', 'mixup@seed1', 'none@seed2', 'mixup@seed2']);
    expect(first.results.map((r) => r.strategyOptions)).toEqual([{}, { alpha: 0.4 }, {}, { alpha: 0.4 }]);
    expect(events[0]).toEqual({ type: 'plan', total: 4, pending: 4, epochs: 2 });
    const starts = events.filter((e) => e.type === 'run-start').map((e) => e.run.id);
    expect(starts).toEqual(['none@seed1', 'mixup@seed1', 'none@seed2', 'mixup@seed2']);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => `${e.run.index}:${e.epoch}/${e.epochs}`)).toEqual(['1:1/2', '1:2/2', '2:1/2', '2:2/2', '3:1/2', '3:2/2', '4:1/2', '4:2/2']);
    expect(events.at(-1)).toEqual({ type: 'report' });
  });

  it('writes results.json (every run, every epoch), results.csv, results.md, report.html and the boundary pictures', () => {
    const runs = readJson();
    expect(runs).toEqual(first.results);
    expect(runs.every((r) => r.epochs.length === 2 && r.final.accuracy >= 0 && r.final.accuracy <= 1)).toBe(true);
    expect(readFileSync(join(outDir, 'results.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(1 + 4 * 2);
    expect(readFileSync(join(outDir, 'results.md'), 'utf8')).toContain('| mixup |');
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('id="boundaries"');
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(2);
    for (const name of ['none', 'mixup']) expect(existsSync(join(outDir, 'images', `boundary-${name}.png`))).toBe(true);
    expect(JSON.parse(readFileSync(join(outDir, 'study.json'), 'utf8'))).toEqual({ formatVersion: 2, ...config });
  });

  it('a run depends on its strategy and seed only (data, order, weights), not on the runs before it', async () => {
    // none@seed2 ran third above; alone in another study it gives the same held-out metrics.
    const again = await runStudy({ ...config, strategies: [{ name: 'none' }], seeds: [2] }, { zoo, outDir: join(tmp, 'again') });
    expect(again.results[0].epochs.map((e) => e.test)).toEqual(first.results[2].epochs.map((e) => e.test));
  });

  it('resumes: a second call trains nothing and returns the same results', async () => {
    events = [];
    const second = await runStudy(config, { zoo, outDir, onProgress: record });
    expect(second.trained).toBe(0);
    expect(second.reused).toBe(4);
    expect(events.filter((e) => e.type === 'run-start')).toEqual([]);
    expect(events.filter((e) => e.type === 'skip').map((e) => e.run.id)).toEqual(['none@seed1', 'mixup@seed1', 'none@seed2', 'mixup@seed2']);
    expect(second.results).toEqual(first.results);
  });

  it('runs only what is missing: a deleted run, an added seed', async () => {
    writeFileSync(join(outDir, 'results.json'), JSON.stringify(readJson().filter((r) => r.id !== 'mixup@seed2')));
    events = [];
    const third = await runStudy({ ...config, seeds: [1, 2, 3] }, { zoo, outDir, onProgress: record });
    expect(events.filter((e) => e.type === 'run-start').map((e) => e.run.id)).toEqual(['mixup@seed2', 'none@seed3', 'mixup@seed3']);
    expect(third.results.map((r) => r.id)).toEqual(['none@seed1', 'mixup@seed1', 'none@seed2', 'mixup@seed2', 'none@seed3', 'mixup@seed3']);
    const metrics = (r: RunResult) => r.epochs.map((e) => [e.trainLoss, e.test]);
    expect(metrics(third.results[3])).toEqual(metrics(first.results[3])); // retrained identically (timings aside)
    expect(readJson()).toHaveLength(6);
  });

  it('refuses to mix studies: another setup or other options in the same folder', async () => {
    await expect(runStudy({ ...config, epochs: 3 }, { zoo, outDir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('epochs 2 → 3') });
    await expect(runStudy({ ...config, strategies: [{ name: 'mixup', options: { alpha: 1 } }] }, { zoo, outDir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining("run 'mixup@seed1' was trained with strategyOptions {\"alpha\":0.4,"),
    });
  });
});

describe('a study with augmentations (tiny MNIST, mlp, none + cutmix × 1 seed, 1 epoch, crop + flip)', () => {
  const augmented: StudyConfig = {
    strategies: [{ name: 'none' }, { name: 'cutmix' }],
    seeds: [1],
    dataset: 'mnist',
    model: 'mlp',
    epochs: 1,
    batchSize: 32,
    trainSize: 128,
    testSize: 64,
    augment: ['crop', 'flip'],
  };
  const dir = join(tmp, 'mnist-augmented');
  const image = (name: string) => readFileSync(join(dir, 'images', name));
  let study: Awaited<ReturnType<typeof runStudy>>;

  it('trains every run on augmented batches, recorded in results.json and study.json, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    study = await runStudy(augmented, { zoo, outDir: dir });
    expect(tf.memory().numTensors).toBe(before);
    expect(study.trained).toBe(2);
    expect(study.results.every((r) => r.epochs.length === 1 && Number.isFinite(r.epochs[0].trainLoss))).toBe(true);
    const steps = [
      { name: 'crop', options: { padding: 4, paddingMode: 'constant', fill: 0, prob: 1 } },
      { name: 'flip', options: { horizontal: 0.5, vertical: 0 } },
    ];
    const runs = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResult[];
    expect(runs.map((r) => [r.id, r.augment])).toEqual([['none@seed1', steps], ['cutmix@seed1', steps]]);
    expect(JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8'))).toEqual({ formatVersion: 2, ...augmented });
    // The augmentation is part of every run, none included: without it, none trains differently.
    const plain = await runStudy({ ...augmented, strategies: [{ name: 'none' }], augment: undefined }, { zoo, outDir: join(tmp, 'mnist-plain') });
    expect(plain.results[0].augment).toBeUndefined();
    expect(plain.results[0].epochs.map((e) => e.trainLoss)).not.toEqual(study.results[0].epochs.map((e) => e.trainLoss));
  });

  it('the report and results.md show the augmentation; the report shows the samples after augmentation and after mixing', async () => {
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toContain('- augmentation: crop (defaults); flip (defaults), per sample before mixing\n');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<td>augmentation</td><td>crop (defaults); flip (defaults), per sample before mixing</td>');
    expect(html).toContain('<h2>Augmented and mixed samples</h2>');
    for (const name of ['augmented.png', 'samples-none.png', 'samples-cutmix.png']) expect(html, name).toContain(`src="data:image/png;base64,${image(name).toString('base64')}"`);
    // none shows the augmented samples unmixed; they are not the samples as loaded.
    expect(image('samples-none.png').equals(image('augmented.png'))).toBe(true);
    const loaded = await loadDataset('mnist', { seed: 1, trainSize: 128, testSize: 64 });
    expect(image('augmented.png').equals(await renderPlainGrid(sampleBatch(loaded, 16)))).toBe(false);
  });

  it('resumes with the same augmentation in other words; refuses another augmentation or none', async () => {
    const again = await runStudy({ ...augmented, augment: [{ name: 'crop', options: { padding: 4 } }, 'flip'] }, { zoo, outDir: dir });
    expect(again.trained).toBe(0);
    expect(again.results).toEqual(study.results);
    await expect(runStudy({ ...augmented, augment: ['flip'] }, { zoo, outDir: dir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining('holds a study with another setup (augment crop (padding=4); flip (defaults) → flip (defaults))'),
    });
    await expect(runStudy({ ...augmented, augment: undefined }, { zoo, outDir: dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('→ none)') });
    expect(readJsonOf(dir).map((r) => r.id)).toEqual(['none@seed1', 'cutmix@seed1']);
  });
});

const readJsonOf = (dir: string): RunResult[] => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResult[];

/** An MNIST-layout IDX folder of 2×3-pixel images (uncompressed): 8 training, 4 test images, 2 classes. */
function writeWideIdx(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const idx = (dims: number[], data: number[]) => {
    const header = Buffer.alloc(4 + 4 * dims.length);
    header.set([0, 0, 0x08, dims.length]);
    dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
    return Buffer.concat([header, Buffer.from(data)]);
  };
  for (const [part, n] of [['train', 8], ['t10k', 4]] as const) {
    writeFileSync(join(dir, `${part}-images-idx3-ubyte`), idx([n, 2, 3], Array.from({ length: n * 6 }, (_, k) => (k * 37) % 256)));
    writeFileSync(join(dir, `${part}-labels-idx1-ubyte`), idx([n], Array.from({ length: n }, (_, i) => i % 2)));
  }
}

describe('runStudy errors come before any training', () => {
  it('augmentations on feature vectors or on images they do not fit, bad augmentation specs', async () => {
    const dir = join(tmp, 'bad-augment');
    await expect(runStudy({ ...config, augment: ['crop', 'flip'] }, { zoo, outDir: dir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: "runStudy: augmentations (crop, flip) transform images, but 'moons' has feature vectors of shape [2]; use an image dataset or no augmentation.",
    });
    const wide = join(tmp, 'wide-idx');
    writeWideIdx(wide);
    await expect(runStudy({ ...config, dataset: `idx:${wide}`, trainSize: undefined, testSize: undefined, augment: ['rot90'] }, { zoo, outDir: dir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: `runStudy: augmentations (rot90) do not fit the images of 'idx:${wide}' [2, 3, 1]: rot90: odd quarter turns need square images (H = W), got 2×3; use turns [0, 2].`,
    });
    await expect(runStudy({ ...config, augment: ['flp'] }, { zoo, outDir: dir })).rejects.toMatchObject({ code: 'E_OPTION' });
    // A refused study creates nothing, not even its folder (the calls above, one after the other, used the same one).
    expect(existsSync(dir)).toBe(false);
  });

  it('a spatial strategy on a 2-D dataset, an unknown strategy', async () => {
    const dir = join(tmp, 'bad');
    await expect(runStudy({ ...config, strategies: [{ name: 'none' }, { name: 'cutmix' }] }, { zoo, outDir: dir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining("'cutmix' mixes image regions, but 'moons' has feature vectors of shape [2]"),
    });
    // Nothing is created, not even an empty images/ folder.
    expect(existsSync(dir)).toBe(false);
    await expect(runStudy({ ...config, strategies: [{ name: 'mixpu' }] }, { zoo, outDir: dir })).rejects.toMatchObject({ code: 'E_UNKNOWN_STRATEGY' });
  });
});

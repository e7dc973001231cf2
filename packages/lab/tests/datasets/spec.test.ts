import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, parseDatasetSpec } from '@mixzoo/lab';
import { expectMixzooError } from '../../../../test/helpers/tensors.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-spec-'));
beforeAll(() => tf.setBackend('cpu')); // expectMixzooError also counts tensors
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const photos = join(tmp, 'photos');
mkdirSync(photos);
writeFileSync(join(tmp, 'file.txt'), 'x');

describe('parseDatasetSpec', () => {
  it('reads the named datasets', () => {
    for (const name of ['mnist', 'fashion-mnist', 'moons', 'spirals']) expect(parseDatasetSpec(name)).toEqual({ kind: name, spec: name });
  });

  it('reads idx:<dir> and folder:<dir> when the folder exists', () => {
    expect(parseDatasetSpec(`idx:${photos}`)).toEqual({ kind: 'idx', dir: photos, spec: `idx:${photos}` });
    expect(parseDatasetSpec(`folder:${photos}`)).toEqual({ kind: 'folder', dir: photos, spec: `folder:${photos}` });
  });

  it('reads the path of an existing folder as an image folder, relative or absolute', () => {
    expect(parseDatasetSpec(photos)).toEqual({ kind: 'folder', dir: photos, spec: `folder:${photos}` });
    const rel = relative(process.cwd(), photos);
    expect(parseDatasetSpec(rel)).toMatchObject({ kind: 'folder', dir: rel });
  });

  it('suggests the dataset meant by a typo', () => {
    expectMixzooError(() => parseDatasetSpec('mnst'), 'E_DATASET', "loadDataset: unknown dataset 'mnst'; expected one of mnist, fashion-mnist, idx:<dir>, folder:<dir>, cifar10:<dir>, cifar100:<dir>[:coarse|fine], index:<file.csv|json>, moons, spirals. Did you mean 'mnist'?");
    expectMixzooError(() => parseDatasetSpec('fashion-mnst', '--dataset'), 'E_DATASET', /^--dataset: unknown dataset 'fashion-mnst'.* Did you mean 'fashion-mnist'\?$/);
    expectMixzooError(() => parseDatasetSpec('foldr:./photos'), 'E_DATASET', "loadDataset: unknown dataset 'foldr:./photos'; expected one of mnist, fashion-mnist, idx:<dir>, folder:<dir>, cifar10:<dir>, cifar100:<dir>[:coarse|fine], index:<file.csv|json>, moons, spirals. Did you mean 'folder:./photos'?");
  });

  it('refuses missing folders, files, empty specs and non-strings', () => {
    expectMixzooError(() => parseDatasetSpec(`folder:${join(tmp, 'nope')}`), 'E_DATASET', /is not a folder/);
    expectMixzooError(() => parseDatasetSpec(`idx:${join(tmp, 'nope')}`), 'E_DATASET', /does not exist/);
    expectMixzooError(() => parseDatasetSpec(join(tmp, 'nope')), 'E_DATASET', /is not a folder/);
    expectMixzooError(() => parseDatasetSpec(join(tmp, 'file.txt')), 'E_DATASET', /is not a folder/);
    expectMixzooError(() => parseDatasetSpec('folder:'), 'E_DATASET', "loadDataset: 'folder:' names no folder; expected folder:<dir>.");
    expectMixzooError(() => parseDatasetSpec(''), 'E_DATASET', /expected a dataset spec/);
    expectMixzooError(() => parseDatasetSpec(3), 'E_DATASET', /expected a dataset spec .*got 3/);
  });
});

describe('loadDataset reads specs with parseDatasetSpec', () => {
  it('loads a plain folder path like folder:<dir>, and suggests names for typos', async () => {
    await expect(loadDataset(photos, { seed: 0 })).rejects.toThrow(`loadDataset(folder:${photos}): expected one sub-folder of images per class`);
    await expect(loadDataset('mnst', { seed: 0 })).rejects.toThrow("Did you mean 'mnist'?");
  });
});

describe('parseDatasetSpec: CIFAR and index files', () => {
  it('reads cifar10:<dir>, cifar100:<dir> with an optional label set, and index:<file>', () => {
    expect(parseDatasetSpec(`cifar10:${photos}`)).toEqual({ kind: 'cifar10', dir: photos, spec: `cifar10:${photos}` });
    expect(parseDatasetSpec(`cifar100:${photos}`)).toEqual({ kind: 'cifar100', dir: photos, labels: 'fine', spec: `cifar100:${photos}` });
    expect(parseDatasetSpec(`cifar100:${photos}:coarse`)).toMatchObject({ dir: photos, labels: 'coarse' });
    expect(parseDatasetSpec(`index:${join(tmp, 'file.txt')}`)).toEqual({ kind: 'index', file: join(tmp, 'file.txt'), spec: `index:${join(tmp, 'file.txt')}` });
  });

  it('suggests the spec meant, and names what is missing', () => {
    expectMixzooError(() => parseDatasetSpec('cifar-10:./data'), 'E_DATASET', /Did you mean 'cifar10:\.\/data'\?$/);
    expectMixzooError(() => parseDatasetSpec('cifar'), 'E_DATASET', /Did you mean 'cifar10:<dir>'\?$/);
    expectMixzooError(() => parseDatasetSpec('indexes:list.csv'), 'E_DATASET', /Did you mean 'index:list\.csv'\?$/);
    expectMixzooError(() => parseDatasetSpec('cifar10'), 'E_DATASET', "loadDataset: 'cifar10' names no folder; expected cifar10:<dir>.");
    expectMixzooError(() => parseDatasetSpec('index:'), 'E_DATASET', "loadDataset: 'index:' names no file; expected index:<file.csv|json>.");
    expectMixzooError(() => parseDatasetSpec(`index:${join(tmp, 'none.csv')}`), 'E_DATASET', /index file '.*none\.csv' does not exist/);
    expectMixzooError(() => parseDatasetSpec(`cifar100:${join(tmp, 'nope')}:coarse`), 'E_DATASET', /'.*nope' is not a folder/);
    expectMixzooError(() => parseDatasetSpec(`cifar10:${join(tmp, 'file.txt')}`), 'E_DATASET', /is not a folder/);
  });

  it('loadDataset refuses image settings for datasets without an image reader', async () => {
    await expect(loadDataset('moons', { seed: 0, imageSize: 8, channels: 1 })).rejects.toThrow("loadDataset(moons): 'imageSize' and 'channels' apply to folder, cifar10, cifar100, index datasets only.");
  });
});

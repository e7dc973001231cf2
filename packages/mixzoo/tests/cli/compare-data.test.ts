import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { studyConfig } from '../../src/cli/compare.js';
import { channelsArg, defaultModel, imageSizeArg, mebibytesArg } from '../../src/cli/data-args.js';
import { writeCifar10 } from '../../../lab/tests/datasets/cifar-writer.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-compare-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const cifar = join(tmp, 'cifar');
writeCifar10(cifar, 8, 8);

describe('compare: image data flags and the default model', () => {
  it('parses --image-size, --channels and --max-data-memory', () => {
    expect(imageSizeArg('32')).toEqual([32, 32]);
    expect(imageSizeArg('48, 64')).toEqual([48, 64]);
    for (const bad of ['0', '1,2,3', '32,', 'x', '5000']) expect(() => imageSizeArg(bad), bad).toThrow(/expected a side or height,width/);
    expect([channelsArg('1'), channelsArg('3')]).toEqual([1, 3]);
    expect(() => channelsArg('2')).toThrow("expected 1 (grey) or 3 (RGB), got '2'.");
    expect(mebibytesArg('512')).toBe(512 * 2 ** 20);
    expect(() => mebibytesArg('0.5')).toThrow(/whole number of MiB/);
  });

  it('image datasets default to the CNN, 2-D points to the MLP; --model and presets keep theirs, and say why', () => {
    expect(defaultModel('folder')).toEqual({ model: 'cnn', why: 'the default for image datasets' });
    expect(defaultModel('moons')).toEqual({ model: 'mlp', why: 'the default for 2-D points' });
    const pick = (request: Parameters<typeof studyConfig>[0]) => {
      const { config, modelWhy } = studyConfig(request);
      expect(config.modelReason).toBe(modelWhy); // study.json and the report carry it
      return `${config.model}: ${modelWhy}`;
    };
    expect(pick({ resume: true })).toBe('cnn: the default for image datasets'); // mnist
    expect(pick({ resume: true, dataset: `cifar10:${cifar}` })).toBe('cnn: the default for image datasets');
    expect(pick({ resume: true, dataset: 'spirals' })).toBe('mlp: the default for 2-D points');
    expect(pick({ resume: true, preset: 'quick' })).toBe("mlp: the preset's model");
    expect(pick({ resume: true, preset: 'quick', dataset: `cifar10:${cifar}` })).toBe("mlp: the preset's model");
    expect(pick({ resume: true, dataset: 'mnist', model: 'resnet' })).toBe('resnet: named by --model');
  });

  it('the image settings go into the study config only when given', () => {
    expect(studyConfig({ resume: true, dataset: `cifar10:${cifar}` }).config).not.toHaveProperty('imageSize');
    const { config } = studyConfig({ resume: true, dataset: `cifar10:${cifar}`, imageSize: [16, 16], channels: 3, normalize: true });
    expect(config).toMatchObject({ imageSize: [16, 16], channels: 3, normalize: true });
  });
});

describe('mixzoo compare on CIFAR with the decode cache (built)', () => {
  it('trains the CNN on the resized, normalised images, caching the decoded data in --cache-dir', { timeout: 120_000 }, async () => {
    const out = join(tmp, 'study');
    const cache = join(tmp, 'cache');
    const args = ['compare', '--dataset', `cifar10:${cifar}`, '--strategies', 'none,cutmix', '--epochs', '1', '--seeds', '1', '--batch-size', '8', '--image-size', '16', '--normalize', '--cache-dir', cache, '--out', out];
    const run = await mixzoo(args);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(cifar10:${cifar}, cnn: the default for image datasets)`);
    expect(readdirSync(cache)).toEqual([expect.stringMatching(/\.mzimg$/)]);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { model: string; data: { inputShape: number[]; normalization?: { mean: number[] } } }[];
    expect(runs.map((r) => [r.model, r.data.inputShape.join('×'), r.data.normalization?.mean.length])).toEqual([['cnn', '16×16×3', 3], ['cnn', '16×16×3', 3]]);
  });

  it('image settings on a dataset of points exit 2 before any work', async () => {
    const out = join(tmp, 'refused');
    const run = await mixzoo(['compare', '--dataset', 'moons', '--strategies', 'none', '--epochs', '1', '--seeds', '1', '--image-size', '8', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("loadDataset(moons): 'imageSize' applies to folder, cifar10, cifar100, index datasets only.");
    expect(existsSync(out)).toBe(false);
  });
});

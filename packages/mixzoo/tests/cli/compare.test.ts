import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { depthList, seedList, strategyList } from '../../src/cli/compare-args.js';
import { parseAugmentFlag, parseStrategyOptions, studyConfig } from '../../src/cli/compare.js';
import { duration, studyProgress } from '../../src/cli/study-progress.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('compare flags', () => {
  it('--seeds is a count (1..K) or a list; --strategies a list without repeats', () => {
    expect(seedList('3')).toEqual([1, 2, 3]);
    expect(seedList('4, 7')).toEqual([4, 7]);
    for (const bad of ['0', '-1', '1.5', 'a', '1,,2', '2,2']) expect(() => seedList(bad), bad).toThrow();
    expect(strategyList('none, mixup')).toEqual(['none', 'mixup']);
    expect(() => strategyList('mixup,mixup')).toThrow(/listed twice/);
    expect(() => strategyList('mixup,')).toThrow(/comma-separated/);
  });

  it('--strategy-options: an object of objects keyed by the study strategies', () => {
    expect(parseStrategyOptions('{"mixup":{"alpha":0.4}}', ['none', 'mixup'])).toEqual({ mixup: { alpha: 0.4 } });
    expect(() => parseStrategyOptions('{"cutmix":{}}', ['none', 'mixup'])).toThrow("'cutmix' is not one of the study's strategies (none, mixup)");
    expect(() => parseStrategyOptions('{"mixup":0.4}', ['mixup'])).toThrow("the options of 'mixup' must be a JSON object");
    expect(() => parseStrategyOptions('[1]', ['mixup'])).toThrow(/expected a JSON object keyed by strategy name/);
    expect(() => parseStrategyOptions('{mixup', ['mixup'])).toThrow(/expected a JSON object keyed by strategy name/);
  });

  it('a preset is the base, flags override it, optional sizes stay absent unless set', () => {
    const quick = studyConfig({ preset: 'quick', resume: true, epochs: 1, strategies: ['none', 'mixup'], strategyOptions: '{"mixup":{"alpha":1}}' });
    expect(quick.out).toBe(join('runs', 'quick'));
    expect(quick.config).toMatchObject({ dataset: 'mnist', model: 'mlp', epochs: 1, seeds: [1, 2], strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 1 } }] });
    const photos = join(tmp, 'my photos');
    mkdirSync(photos);
    const plain = studyConfig({ resume: true, dataset: `folder:${photos}`, model: 'cnn' });
    expect(plain.out).toMatch(/^runs[\\/]folder_[^ :]*_my_photos-cnn$/); // the spec made a folder name
    expect(plain.config).toEqual({ strategies: [{ name: 'none' }, { name: 'mixup' }, { name: 'cutmix' }], seeds: [1, 2, 3], dataset: `folder:${photos}`, model: 'cnn', modelReason: 'named by --model', epochs: 5, batchSize: 64 });
    // A plain folder path is stored as its folder:<dir> spec.
    expect(studyConfig({ resume: true, dataset: photos }).config.dataset).toBe(`folder:${photos}`);
  });

  it('--manifold-layers becomes the layers option of manifold-mixup, merged with its other options', () => {
    expect(depthList('0, 2')).toEqual([0, 2]);
    for (const bad of ['-1', '1.5', 'a', '0,,1', '1,1']) expect(() => depthList(bad), bad).toThrow();
    const { config } = studyConfig({ resume: true, strategies: ['none', 'manifold-mixup'], strategyOptions: '{"manifold-mixup":{"alpha":1}}', manifoldLayers: [0, 1] });
    expect(config.strategies).toEqual([{ name: 'none' }, { name: 'manifold-mixup', options: { alpha: 1, layers: [0, 1] } }]);
    expect(() => studyConfig({ resume: true, strategies: ['none', 'mixup'], manifoldLayers: [0] })).toThrow('--manifold-layers: only manifold-mixup uses it');
  });

  it('durations read as 42s, 3m05s, 1h02m', () => {
    expect([duration(42.4), duration(185), duration(3725), duration(NaN)]).toEqual(['42s', '3m05s', '1h02m', '?']);
  });

  it('without a TTY: one plain line per skipped run and per epoch, the ETA from the mean time per epoch so far', () => {
    let text = '';
    let clock = 0;
    const stream = { isTTY: false, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
    const progress = studyProgress(stream, () => clock);
    const slot = (index: number, id: string) => ({ id, strategy: id.split('@')[0], seed: 1, index, total: 3 });
    const record = { epoch: 0, trainLoss: 0.5, seconds: 9.96, test: { accuracy: 0.9, nll: 0, ece: 0, brier: 0, noisyAccuracy: {}, reliability: [] } };
    progress.onProgress({ type: 'plan', total: 3, pending: 2, epochs: 2 });
    progress.onProgress({ type: 'skip', run: slot(1, 'none@seed1') });
    progress.onProgress({ type: 'run-start', run: slot(2, 'mixup@seed1') });
    progress.onProgress({ type: 'batch', run: slot(2, 'mixup@seed1'), done: 1, total: 4 });
    clock = 10_000; // 10 s for the first of 4 epochs: 30 s left
    progress.onProgress({ type: 'epoch', run: slot(2, 'mixup@seed1'), epoch: 1, epochs: 2, record });
    clock = 30_000; // 2 epochs in 30 s: 15 s each, 2 left
    progress.onProgress({ type: 'epoch', run: slot(2, 'mixup@seed1'), epoch: 2, epochs: 2, record });
    clock = 36_000; // 3 epochs in 36 s: 12 s each, 1 left
    progress.onProgress({ type: 'epoch', run: slot(3, 'cutmix@seed1'), epoch: 1, epochs: 2, record });
    progress.onProgress({ type: 'epoch', run: slot(3, 'cutmix@seed1'), epoch: 2, epochs: 2, record });
    progress.onProgress({ type: 'report' });
    progress.stop();
    expect(text.split('\n')).toEqual([
      'compare: 3 runs × 2 epochs; 2 to train, 1 found in results.json.',
      '[1/3] none@seed1: found in results.json, skipped',
      '[2/3] mixup@seed1 epoch 1/2: test accuracy 90.00%, train loss 0.500, 10.0 s, ETA 30s',
      '[2/3] mixup@seed1 epoch 2/2: test accuracy 90.00%, train loss 0.500, 10.0 s, ETA 30s',
      '[3/3] cutmix@seed1 epoch 1/2: test accuracy 90.00%, train loss 0.500, 10.0 s, ETA 12s',
      '[3/3] cutmix@seed1 epoch 2/2: test accuracy 90.00%, train loss 0.500, 10.0 s',
      'compare: writing results.csv, results.md and report.html',
      '',
    ]);
  });
});

describe('study progress with workers', () => {
  it('says how many workers train, and gives a failed run its own line with the error', () => {
    let text = '';
    const stream = { isTTY: false, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
    const progress = studyProgress(stream, () => 0);
    const slot = (index: number, id: string) => ({ id, strategy: id.split('@')[0], seed: 1, index, total: 2 });
    progress.onProgress({ type: 'plan', total: 2, pending: 2, epochs: 1, workers: 2 });
    progress.onProgress({ type: 'run-start', run: slot(1, 'mixup@seed1') });
    progress.onProgress({ type: 'run-start', run: slot(2, 'cutmix@seed1') });
    progress.onProgress({ type: 'run-failed', run: slot(2, 'cutmix@seed1'), error: 'cutmix: out of memory' });
    progress.stop();
    expect(text.split('\n')).toEqual(['compare: 2 runs × 1 epochs; 2 to train on 2 workers, 0 found in results.json.', '[2/2] cutmix@seed1: failed: cutmix: out of memory', '']);
  });
});

describe('mixzoo compare (built)', () => {
  const out = join(tmp, 'moons');
  const args = ['compare', '--strategies', 'none,mixup', '--dataset', 'moons', '--model', 'mlp', '--epochs', '2', '--seeds', '2', '--batch-size', '32', '--train-size', '128', '--test-size', '64', '--strategy-options', '{"mixup":{"alpha":0.4}}', '--out', out];

  it('runs the study: plain progress lines on stderr, the tables and the report path on stdout', async () => {
    const run = await mixzoo(args);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^compare: 4 runs × 2 epochs; 4 to train( on \d+ workers)?, 0 found in results\.json\.$/m); // one worker per core by default
    expect(run.stderr).toMatch(/^\[1\/4\] none@seed1 epoch 1\/2: test accuracy \d+\.\d\d%, train loss \d+\.\d{3}, \d+\.\d s, ETA (\d+h\d\dm|\d+m\d\ds|\d+s)$/m);
    // The ETA is left out of the line that ends the study; with 2 workers that may be another run's.
    expect(run.stderr).toMatch(/^\[4\/4\] mixup@seed2 epoch 2\/2: test accuracy \d+\.\d\d%, train loss \d+\.\d{3}, \d+\.\d s(, ETA \d+s)?$/m);
    expect(run.stderr).toMatch(/^\[\d\/4\] \S+ epoch 2\/2: test accuracy \d+\.\d\d%, train loss \d+\.\d{3}, \d+\.\d s$/m);
    expect(run.stdout).toMatch(/^\| none \| \**\d+\.\d\d ± \d+\.\d\d\** \|/m);
    expect(run.stdout).toMatch(/^\| mixup \| [+−±]\d+\.\d\d \(p [=<] [\d.]+; d_z = −?[\d.]+(, MDD [\d.]+)?\) \|/m); // the difference table, with the effect size (and the MDD when not significant)
    expect(run.stdout).toContain('Trained 4 runs, reused 0 from results.json.');
    expect(run.stdout).toContain(`Report: ${join(out, 'report.html')}`);
    for (const file of ['results.json', 'results.csv', 'results.md', 'report.html']) expect(existsSync(join(out, file)), file).toBe(true);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { id: string; strategyOptions: unknown }[];
    expect(runs.map((r) => r.id)).toEqual(['none@seed1', 'mixup@seed1', 'none@seed2', 'mixup@seed2']);
    expect(runs[1].strategyOptions).toEqual({ alpha: 0.4 });
  });

  it('resumes: the same command again trains nothing', async () => {
    const run = await mixzoo(args);
    expect(run.code).toBe(0);
    expect(run.stderr.match(/found in results\.json, skipped/g)).toHaveLength(4);
    expect(run.stderr).not.toMatch(/ epoch \d/);
    expect(run.stdout).toContain('Trained 0 runs, reused 4 from results.json.');
  });

  it('bad usage exits 2 with one clear line, before training', async () => {
    const base = ['compare', '--dataset', 'moons', '--epochs', '1', '--seeds', '1', '--out', join(tmp, 'bad')];
    const runs = await Promise.all([
      mixzoo([...base, '--strategies', 'none,cutmix']),
      mixzoo([...base, '--strategies', 'none,mixpu']),
      mixzoo([...base, '--strategies', 'mixup', '--strategy-options', '{"mixup":{"alpha":-1}}']),
      mixzoo([...base, '--strategies', 'mixup', '--strategy-options', '{"cutmix":{}}']),
      mixzoo([...base, '--seeds', '0']),
      mixzoo([...base, '--model', 'vgg']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(runs[0].stderr).toContain("'cutmix' mixes image regions, but 'moons' has feature vectors of shape [2]");
    expect(runs[1].stderr).toContain("Unknown strategy 'mixpu'. Did you mean 'mixup'?");
    expect(runs[2].stderr).toMatch(/error: .*alpha/);
    expect(runs[3].stderr).toContain("--strategy-options: 'cutmix' is not one of the study's strategies (mixup).");
    expect(runs[4].stderr).toContain('a seed count must be in [1, 1000]');
    expect(runs[5].stderr).toContain("Allowed choices are mlp, cnn, resnet");
    expect(existsSync(join(tmp, 'bad', 'results.json'))).toBe(false);
  });
});

describe('--augment', () => {
  it('reads names, a JSON array or none; a bad list is a usage error naming the flag', () => {
    expect(parseAugmentFlag('crop, flip')).toEqual(['crop', 'flip']);
    expect(parseAugmentFlag('[{"name":"crop","options":{"padding":2}},"flip"]')).toEqual([{ name: 'crop', options: { padding: 2 } }, 'flip']);
    expect(parseAugmentFlag('none')).toEqual([]);
    expect(parseAugmentFlag('randaugment,trivialaugment,augmix,random-erasing')).toEqual(['randaugment', 'trivialaugment', 'augmix', 'random-erasing']);
    expect(parseAugmentFlag('')).toEqual([]);
    expect(() => parseAugmentFlag('crop,flp')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringMatching(/^--augment: unknown augmentation 'flp'\. Did you mean 'flip'\?/) }));
    expect(() => parseAugmentFlag('[{"name":"crop","options":{"padding":-1}}]')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringMatching(/^--augment: crop: option 'padding'/) }));
    expect(() => parseAugmentFlag('[crop]')).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining('--augment: expected a JSON array of augmentations, got invalid JSON') }));
  });

  it('the fashion-mnist preset augments with crop and flip; the flag overrides it, none turns it off, other studies have no augment field', () => {
    expect(studyConfig({ preset: 'fashion-mnist', resume: true }).config.augment).toEqual(['crop', 'flip']);
    expect(studyConfig({ preset: 'fashion-mnist', resume: true, augment: 'flip' }).config.augment).toEqual(['flip']);
    expect(studyConfig({ preset: 'fashion-mnist', resume: true, augment: 'none' }).config).not.toHaveProperty('augment');
    expect(studyConfig({ preset: 'quick', resume: true }).config).not.toHaveProperty('augment');
    expect(studyConfig({ resume: true, augment: 'crop' }).config.augment).toEqual(['crop']);
  });
});

describe('mixzoo compare --augment (built)', () => {
  it('trains on augmented batches and records the augmentation in study.json, results.json and results.md', async () => {
    const out = join(tmp, 'mnist-augment');
    const run = await mixzoo(['compare', '--strategies', 'none,cutmix', '--dataset', 'mnist', '--model', 'mlp', '--epochs', '1', '--seeds', '1', '--batch-size', '32', '--train-size', '128', '--test-size', '64', '--augment', '[{"name":"crop","options":{"padding":2}},"flip"]', '--out', out]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect((JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as { augment: unknown }).augment).toEqual([{ name: 'crop', options: { padding: 2 } }, 'flip']);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { augment: { name: string; options: Record<string, unknown> }[] }[];
    expect(runs.map((r) => r.augment.map((s) => `${s.name}:${JSON.stringify(s.options)}`))).toEqual(
      Array(2).fill(['crop:{"padding":2,"paddingMode":"constant","fill":0,"prob":1}', 'flip:{"horizontal":0.5,"vertical":0}']),
    );
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toContain('- augmentation: crop (padding=2); flip (defaults), per sample before mixing');
    expect(existsSync(join(out, 'images', 'augmented.png'))).toBe(true);
    const other = await mixzoo(['compare', '--strategies', 'none,cutmix', '--dataset', 'mnist', '--model', 'mlp', '--epochs', '1', '--seeds', '1', '--batch-size', '32', '--train-size', '128', '--test-size', '64', '--augment', 'flip', '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('holds a study with another setup (augment crop (padding=2); flip (defaults) → flip (defaults))');
  });

  it('a bad or misplaced --augment exits 2 before training', async () => {
    const dir = join(tmp, 'bad-augment');
    const base = ['compare', '--epochs', '1', '--seeds', '1', '--out', dir];
    const runs = await Promise.all([
      mixzoo([...base, '--dataset', 'mnist', '--augment', 'crop,flp']),
      mixzoo([...base, '--dataset', 'moons', '--strategies', 'none,mixup', '--augment', 'crop,flip']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    expect(runs[0].stderr).toContain("error: --augment: unknown augmentation 'flp'. Did you mean 'flip'?");
    expect(runs[1].stderr).toContain("error: runStudy: augmentations (crop, flip) transform images, but 'moons' has feature vectors of shape [2]");
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
  });
});

describe('the seeds of a study: --seeds, or the global --seed as the one seed', () => {
  it('--seed S alone runs the one seed S; with --seeds it is a usage error; it must be an integer >= 0', () => {
    expect(studyConfig({ seed: 5, resume: true }).config.seeds).toEqual([5]);
    expect(studyConfig({ seeds: [4, 7], resume: true }).config.seeds).toEqual([4, 7]);
    expect(() => studyConfig({ seed: 5, seeds: [1], resume: true })).toThrow("--seed 5 and --seeds 1 both choose the study's seeds; give one");
    expect(() => studyConfig({ seed: 'abc', resume: true })).toThrow("--seed: compare seeds its runs with integers >= 0, got 'abc'.");
  });
});

describe('mixzoo compare validates everything before any work (built)', () => {
  const base = ['compare', '--dataset', 'moons', '--strategies', 'none,mixup', '--epochs', '1', '--seeds', '1'];
  const file = join(tmp, 'a-file');
  writeFileSync(file, 'x');

  it.concurrent.each([
    ['a dataset typo', ['--dataset', 'mnst'], "--dataset: unknown dataset 'mnst'; expected one of mnist, fashion-mnist, idx:<dir>, folder:<dir>, cifar10:<dir>, cifar100:<dir>[:coarse|fine], index:<file.csv|json>, moons, spirals. Did you mean 'mnist'?"],
    ['a missing folder', ['--dataset', join(tmp, 'no-photos')], `--dataset: '${join(tmp, 'no-photos')}' is not a folder`],
    ['missing fashion-mnist files', ['--dataset', 'fashion-mnist', '--data-dir', join(tmp, 'no-idx')], `--dataset fashion-mnist: no folder '${join(tmp, 'no-idx')}'`],
    ['options for none', ['--strategy-options', '{"none":{"alpha":1}}'], "none: takes no options, got 'alpha'."],
    ['options for a strategy not in the study', ['--strategy-options', '{"fmix":{}}'], "--strategy-options: 'fmix' is not one of the study's strategies (none, mixup)."],
    ['an unknown strategy', ['--strategies', 'none,mixpu'], "Did you mean 'mixup'?"],
    ['--seed with --seeds', ['--seed', '5'], "--seed 5 and --seeds 1 both choose the study's seeds"],
  ])('%s: exit 2, one line, no output folder', async (what, extra, message) => {
    const out = join(tmp, `refused-${what.replace(/\W+/g, '-')}`);
    const run = await mixzoo([...base, ...extra, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('runs ×'); // no work announced
    expect(existsSync(out)).toBe(false);
  });

  it.concurrent.each([
    ['an empty --out', '', "--out: expected a folder, got an empty path (use '.' for the current folder)."],
    ['an --out that is a file', file, `--out: '${file}' is a file, expected a folder.`],
    ['an --out below a file', join(file, 'study'), `--out: cannot create '${join(file, 'study')}': '${file}' is a file.`],
  ])('%s: exit 2 with one clear line, nothing written', async (what, out, message) => {
    const cwd = join(tmp, `cwd-${what.replace(/\W+/g, '-')}`);
    mkdirSync(cwd);
    const run = await mixzoo([...base, '--out', out], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`error: ${message}`);
    expect(readdirSync(cwd)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('reads a plain folder path as folder:<dir>', { timeout: 120_000 }, async () => {
    const photos = join(tmp, 'photos');
    for (const [name, colour] of [['red', { r: 255, g: 0, b: 0 }], ['blue', { r: 0, g: 0, b: 255 }]] as const) {
      mkdirSync(join(photos, name), { recursive: true });
      for (const k of [0, 1, 2]) await sharp({ create: { width: 8, height: 8, channels: 3, background: colour } }).png().toFile(join(photos, name, `${k}.png`));
    }
    const out = join(tmp, 'photos-study');
    const run = await mixzoo(['compare', '--dataset', photos, '--strategies', 'none', '--epochs', '1', '--seeds', '1', '--batch-size', '2', '--out', out]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect((JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as { dataset: string }).dataset).toBe(`folder:${photos}`);
  });
});

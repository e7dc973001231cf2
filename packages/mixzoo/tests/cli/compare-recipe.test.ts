import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gridAxis, namedSpec, strategyEntry, strategyList } from '../../src/cli/compare-args.js';
import { studyConfig } from '../../src/cli/compare.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-recipe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('--strategies rows with a loss', () => {
  it("reads a ':loss=' suffix (a name, or a name with options) as the row's loss, labelled as typed", () => {
    expect(strategyEntry('mixup:loss=regmixup')).toEqual({ name: 'mixup', loss: 'regmixup', label: 'mixup:loss=regmixup' });
    expect(strategyEntry('cutmix(alpha=1):loss=bce(threshold=0.2)')).toEqual({ name: 'cutmix', options: { alpha: 1 }, loss: { name: 'bce', threshold: 0.2 }, label: 'cutmix(alpha=1):loss=bce(threshold=0.2)' });
    expect(strategyList('none,mixup,mixup:loss=decoupled')).toEqual(['none', 'mixup', 'mixup:loss=decoupled']);
    expect(() => strategyEntry('mixup:loss=')).toThrow(/expected a loss after ':loss='/);
    expect(() => strategyList('mixup:loss=bce,mixup:loss=bce')).toThrow(/listed twice/);
  });

  it('carries the loss into the study rows, through sweeps too', () => {
    const { config } = studyConfig({ resume: true, strategies: ['none', 'mixup:loss=regmixup'], grid: gridAxis('mixup.alpha=1,20', undefined) });
    expect(config.strategies).toEqual([
      { name: 'none' },
      { name: 'mixup', options: { alpha: 1 }, label: 'mixup(alpha=1):loss=regmixup', loss: 'regmixup' },
      { name: 'mixup', options: { alpha: 20 }, label: 'mixup(alpha=20):loss=regmixup', loss: 'regmixup' },
    ]);
  });
});

describe('recipe flags', () => {
  it('become the study fields, absent unless given; --weight-decay joins the optimizer', () => {
    expect(studyConfig({ resume: true }).config).not.toHaveProperty('optimizer');
    const { config } = studyConfig({ resume: true, optimizer: namedSpec('sgd(nesterov=true)'), weightDecay: 5e-4, lrSchedule: namedSpec('cosine(warmupEpochs=1)'), labelSmoothing: 0.1 });
    expect(config).toMatchObject({ optimizer: { name: 'sgd', nesterov: true, weightDecay: 5e-4 }, lrSchedule: { name: 'cosine', warmupEpochs: 1 }, labelSmoothing: 0.1 });
    expect(studyConfig({ resume: true, weightDecay: 0.1 }).config.optimizer).toEqual({ name: 'adam', weightDecay: 0.1 });
    expect(studyConfig({ resume: true, optimizer: namedSpec('adamw') }).config.optimizer).toBe('adamw');
  });
});

describe('mixzoo compare with a recipe (built)', () => {
  const base = ['compare', '--dataset', 'moons', '--epochs', '1', '--seeds', '1', '--train-size', '64', '--test-size', '32', '--workers', '1'];

  it.concurrent.each([
    ['an unknown optimizer', ['--strategies', 'none,mixup', '--optimizer', 'lamb'], "'optimizer' must be one of adam, adamw, sgd"],
    ['a bad schedule option', ['--strategies', 'none,mixup', '--lr-schedule', 'cosine(warmup=1)'], "lrSchedule 'cosine' takes warmupEpochs, minFactor, not 'warmup'"],
    ['label smoothing 1', ['--strategies', 'none,mixup', '--label-smoothing', '1'], "'labelSmoothing' must be a number in [0, 1)"],
    ['a negative weight decay', ['--strategies', 'none,mixup', '--weight-decay', '-1'], "expected a number >= 0, got '-1'"],
    ['an unknown loss', ['--strategies', 'none,mixup:loss=focal'], "'loss' must be one of ce, bce, interpolated, regmixup, decoupled"],
    ['regmixup without mixing', ['--strategies', 'none:loss=regmixup,mixup'], "loss 'regmixup' needs a strategy that mixes the inputs"],
  ])('%s: exit 2, one line, no output folder', async (what, extra, message) => {
    const out = join(tmp, `refused-${what.replace(/\W+/g, '-')}`);
    const run = await mixzoo([...base, ...extra, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('trains a study with a recipe and a loss per row; results.md shows the Training recipe', async () => {
    const out = join(tmp, 'recipe');
    const run = await mixzoo([...base, '--strategies', 'none,mixup,mixup:loss=regmixup', '--optimizer', 'adamw', '--lr-schedule', 'one-cycle', '--label-smoothing', '0.1', '--out', out]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    expect(md).toContain('## Training recipe');
    expect(md).toContain('- optimizer: adamw(weightDecay=0.01)');
    expect(md).toContain('- schedule: one-cycle(pctStart=0.3,divFactor=25,finalDivFactor=10000), per step');
    expect(md).toContain('- loss: none: ce; mixup: ce; mixup:loss=regmixup: regmixup(eta=1,concatForward=true)');
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { id: string; training: { loss: unknown; labelSmoothing: number } }[];
    expect(runs.map((r) => [r.id, r.training.loss, r.training.labelSmoothing])).toEqual([
      ['none@seed1', { name: 'ce' }, 0.1],
      ['mixup@seed1', { name: 'ce' }, 0.1],
      ['mixup:loss=regmixup@seed1', { name: 'regmixup', eta: 1, concatForward: true }, 0.1],
    ]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h2>Training recipe</h2>');
  });
});

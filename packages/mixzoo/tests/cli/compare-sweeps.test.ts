import { describe, expect, it } from 'vitest';
import { gridAxis, strategyEntry, strategyList } from '../../src/cli/compare-args.js';
import { studyConfig } from '../../src/cli/compare.js';
import { mixzoo } from '../helpers/cli.js';

describe('--strategies entries with options', () => {
  it('reads name(key=value,...) as a labelled row, values as JSON where they parse', () => {
    expect(strategyEntry('mixup')).toEqual({ name: 'mixup' });
    expect(strategyEntry('mixup(alpha=0.2, mode=elem)')).toEqual({ name: 'mixup', options: { alpha: 0.2, mode: 'elem' }, label: 'mixup(alpha=0.2,mode=elem)' });
    expect(strategyEntry('manifold-mixup(layers=[0,1])')).toEqual({ name: 'manifold-mixup', options: { layers: [0, 1] }, label: 'manifold-mixup(layers=[0,1])' });
    expect(() => strategyEntry('mixup(alpha)')).toThrow(/key=value/);
    expect(() => strategyEntry('mixup(alpha=1,alpha=2)')).toThrow(/'alpha' is set twice/);
  });

  it('splits the list outside parentheses; the same strategy may come with different options, not twice alike', () => {
    expect(strategyList('none,mixup(alpha=0.2,mode=elem),mixup(alpha=1),cutmix')).toEqual(['none', 'mixup(alpha=0.2,mode=elem)', 'mixup(alpha=1)', 'cutmix']);
    expect(() => strategyList('mixup(alpha=1),mixup( alpha=1 )')).toThrow(/'mixup\(alpha=1\)' is listed twice/);
  });
});

describe('--grid', () => {
  it('parses strategy.option=values, refuses repeats', () => {
    expect(gridAxis('mixup.alpha=0.1,0.2,1', undefined)).toEqual([{ strategy: 'mixup', option: 'alpha', texts: ['0.1', '0.2', '1'], values: [0.1, 0.2, 1] }]);
    expect(() => gridAxis('mixup=0.1', undefined)).toThrow(/<strategy>\.<option>=<values>/);
    expect(() => gridAxis('mixup.alpha=1,1', undefined)).toThrow(/must not repeat/);
    expect(() => gridAxis('mixup.alpha=1', gridAxis('mixup.alpha=2', undefined))).toThrow(/swept twice/);
  });

  it('turns each row of the swept strategy into a row per value (per combination), labelled; adds the strategy when absent', () => {
    const grid = gridAxis('mixup.prob=0.5,1', gridAxis('mixup.alpha=0.2,1', undefined));
    const { config } = studyConfig({ resume: true, strategies: ['none', 'mixup(mode=elem)'], grid });
    expect(config.strategies).toEqual([
      { name: 'none' },
      { name: 'mixup', options: { mode: 'elem', alpha: 0.2, prob: 0.5 }, label: 'mixup(mode=elem,alpha=0.2,prob=0.5)' },
      { name: 'mixup', options: { mode: 'elem', alpha: 0.2, prob: 1 }, label: 'mixup(mode=elem,alpha=0.2,prob=1)' },
      { name: 'mixup', options: { mode: 'elem', alpha: 1, prob: 0.5 }, label: 'mixup(mode=elem,alpha=1,prob=0.5)' },
      { name: 'mixup', options: { mode: 'elem', alpha: 1, prob: 1 }, label: 'mixup(mode=elem,alpha=1,prob=1)' },
    ]);
    const added = studyConfig({ resume: true, strategies: ['none'], grid: gridAxis('cutmix.alpha=0.5,1', undefined) }).config.strategies;
    expect(added.map((s) => s.label ?? s.name)).toEqual(['none', 'cutmix(alpha=0.5)', 'cutmix(alpha=1)']);
  });

  it('merges --strategy-options under the typed options; refuses sweeping a typed option or making a row twice', () => {
    const { config } = studyConfig({ resume: true, strategies: ['mixup(alpha=0.2)', 'mixup'], strategyOptions: '{"mixup":{"alpha":1,"mode":"elem"}}' });
    expect(config.strategies).toEqual([
      { name: 'mixup', options: { alpha: 0.2, mode: 'elem' }, label: 'mixup(alpha=0.2)' },
      { name: 'mixup', options: { alpha: 1, mode: 'elem' } },
    ]);
    expect(() => studyConfig({ resume: true, strategies: ['mixup(alpha=0.2)'], grid: gridAxis('mixup.alpha=1,2', undefined) })).toThrow(/already sets alpha; sweep it or set it/);
    expect(() => studyConfig({ resume: true, strategies: ['mixup(alpha=1)'], grid: gridAxis('mixup.alpha=1,2', undefined) })).toThrow(/sweep it or set it/);
  });
});

describe('mixzoo compare with sweeps (built)', () => {
  it('refuses a swept value the strategy refuses before any work (exit 2)', async () => {
    const run = await mixzoo(['compare', '--dataset', 'moons', '--strategies', 'none', '--grid', 'mixup.alpha=1,-1', '--out', '/nonexistent/never']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option 'alpha'");
    expect(run.stderr).not.toContain('runs ×');
  });
});

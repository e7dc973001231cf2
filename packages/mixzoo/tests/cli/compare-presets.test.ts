import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STUDY_PRESETS } from '@mixzoo/lab';
import { labelNoiseFlag, PRESETS } from '../../src/cli/compare-args.js';
import { studyConfig } from '../../src/cli/compare.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-presets-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('study presets', () => {
  it('the CLI lists exactly the lab presets', () => {
    expect([...PRESETS].sort()).toEqual(Object.keys(STUDY_PRESETS).sort());
  });

  it('a preset keeps its rows (labels, options) and its label noise through compare; flags override them', () => {
    const { config, out } = studyConfig({ preset: 'zhang2018-label-noise', resume: true });
    expect(out).toBe(join('runs', 'zhang2018-label-noise'));
    expect(config.strategies).toEqual([{ name: 'none' }, { name: 'mixup', options: { alpha: 1 }, label: 'mixup(alpha=1)' }, { name: 'mixup', options: { alpha: 32 }, label: 'mixup(alpha=32)' }]);
    expect(config.labelNoise).toEqual({ kind: 'symmetric', rate: 0.45 });
    expect(studyConfig({ preset: 'label-noise', resume: true, labelNoise: { kind: 'asymmetric', rate: 0.2 } }).config.labelNoise).toEqual({ kind: 'asymmetric', rate: 0.2 });
    // Rate 0 turns the preset's noise off; studies without noise have no field (study.json compares equal).
    expect(studyConfig({ preset: 'label-noise', resume: true, labelNoise: { kind: 'symmetric', rate: 0 } }).config).not.toHaveProperty('labelNoise');
    expect(studyConfig({ preset: 'quick', resume: true }).config).not.toHaveProperty('labelNoise');
  });
});

describe('--label-noise', () => {
  it.each([
    ['0.4', { kind: 'symmetric', rate: 0.4 }],
    ['sym:0.25', { kind: 'symmetric', rate: 0.25 }],
    ['asym:0.4', { kind: 'asymmetric', rate: 0.4 }],
    ['0', { kind: 'symmetric', rate: 0 }],
  ])('%s', (text, expected) => {
    expect(labelNoiseFlag(text)).toEqual(expected);
  });

  it.each(['1.5', '-0.1', 'pair:0.4', 'asym', '40%', ''])('refuses %j', (text) => {
    expect(() => labelNoiseFlag(text)).toThrow(/expected a fraction in \[0, 1\]/);
  });

  it('a bad value exits 2 with one line and creates nothing', async () => {
    const out = join(tmp, 'bad-noise');
    const run = await mixzoo(['compare', '--preset', 'label-noise', '--label-noise', 'half', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--label-noise <rate>' argument 'half' is invalid. expected a fraction in [0, 1]");
    expect(existsSync(out)).toBe(false);
  });
});

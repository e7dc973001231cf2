import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORRUPTION_NAMES } from '@mixzoo/lab';
import { corruptionList, CORRUPTIONS, severityList } from '../../src/cli/compare-args.js';
import { studyConfig } from '../../src/cli/compare.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-compare-robust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('compare robustness flags', () => {
  it('spell out the lab’s corruptions', () => {
    expect([...CORRUPTIONS]).toEqual(CORRUPTION_NAMES);
  });

  it('--corruptions: all, none or a list of known names; --severities: distinct integers 1..5', () => {
    expect(corruptionList('all')).toBe('all');
    expect(corruptionList('none')).toEqual([]);
    expect(corruptionList('rotation, contrast')).toEqual(['rotation', 'contrast']);
    expect(() => corruptionList('rotation,fog')).toThrow("'fog' is none of them");
    expect(() => corruptionList('rotation,rotation')).toThrow(/must not repeat/);
    expect(() => corruptionList('')).toThrow(/expected 'all', 'none' or a comma-separated list/);
    expect(severityList('5, 1,3')).toEqual([5, 1, 3]);
    for (const bad of ['0', '6', '1.5', 'a', '1,,2', '2,2']) expect(() => severityList(bad), bad).toThrow(/distinct severities from 1 to 5/);
  });

  it('any of them turns the evaluation on; without them the study has none', () => {
    const config = (flags: object) => studyConfig({ resume: true, ...flags }).config.robustness;
    expect(config({})).toBeUndefined();
    expect(config({ corruptions: 'all' })).toEqual({ corruptions: 'all' });
    expect(config({ severities: [1, 3, 5] })).toEqual({ corruptions: 'all', severities: [1, 3, 5] });
    expect(config({ ood: 'mnist' })).toEqual({ corruptions: [], ood: 'mnist' });
    expect(config({ corruptions: ['rotation'], severities: [5], ood: 'mnist' })).toEqual({ corruptions: ['rotation'], severities: [5], ood: 'mnist' });
    expect(() => config({ ood: 'mnst' })).toThrow(/--ood: unknown dataset 'mnst'/);
    expect(() => config({ corruptions: [], severities: [1] })).toThrow(/--corruptions none evaluates no corruption/);
  });
});

describe('mixzoo compare with robustness flags (built)', () => {
  it.each([
    [['--corruptions', 'fog'], /--corruptions.*'fog' is none of them/],
    [['--severities', '0,1'], /--severities.*distinct severities from 1 to 5/],
    [['--ood', 'mnst'], /--ood: unknown dataset 'mnst'/],
    [['--ood', 'moons'], /the OOD dataset 'moons' has samples of shape \[2\], the study's 'mnist' \[28, 28, 1\]/],
  ])('%j: exit 2, one line, nothing created', async (flags, message) => {
    const out = join(tmp, flags.join('_').replace(/[^\w]/g, '_'));
    const run = await mixzoo(['compare', '--strategies', 'none', '--seeds', '1', '--epochs', '1', '--train-size', '64', '--test-size', '32', '--workers', '1', ...flags, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scheduleArg } from '../../src/cli/compare-args.js';
import { studyConfig } from '../../src/cli/compare.js';
import { mixzoo } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-schedule-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OFF = { off: { from: 1 } };

describe('--schedule', () => {
  it('reads inline JSON or a JSON file', () => {
    expect(scheduleArg(' {"off":{"from":8}}')).toEqual({ off: { from: 8 } });
    const file = join(tmp, 'schedule.json');
    writeFileSync(file, JSON.stringify({ mixup: OFF }));
    expect(scheduleArg(file)).toEqual({ mixup: OFF });
    expect(() => scheduleArg('{"off":')).toThrow(/expected a JSON schedule such as '\{"off":\{"from":8\}\}', got invalid JSON/);
    expect(() => scheduleArg(join(tmp, 'missing.json'))).toThrow(/or the path of a JSON file, got '.*missing\.json' \(ENOENT\)/);
  });

  it('one schedule goes to every row that mixes; schedules keyed by strategy name to that strategy\'s rows', () => {
    const all = studyConfig({ resume: true, strategies: ['none', 'mixup', 'cutmix(alpha=0.5)'], schedule: OFF }).config.strategies;
    expect(all).toEqual([{ name: 'none' }, { name: 'mixup', schedule: OFF }, { name: 'cutmix', options: { alpha: 0.5 }, label: 'cutmix(alpha=0.5)', schedule: OFF }]);
    const ramp = { alpha: { shape: 'linear', from: 0.2, to: 1, epochs: [0, 4] } };
    const keyed = studyConfig({ resume: true, strategies: ['none', 'mixup', 'cutmix'], schedule: { mixup: ramp } }).config.strategies;
    expect(keyed).toEqual([{ name: 'none' }, { name: 'mixup', schedule: ramp }, { name: 'cutmix' }]);
  });

  it.each([
    [[], '--schedule: expected a JSON object (a schedule, or schedules keyed by strategy name), got []'],
    [{ fmix: OFF }, `--schedule: 'fmix' is neither a schedule field (alpha, prob, on, off) nor one of the study's strategies (none, mixup)`],
    [{ none: OFF }, `--schedule: 'none' does not mix, so it has nothing to schedule`],
    [{ off: { from: 0 } }, `--schedule: the schedule never mixes: 'off.from' (0) must be after epoch 0`],
    [{ mixup: { alpha: { shape: 'ramp' } } }, `--schedule of 'mixup': 'alpha.shape' must be one of 'constant', 'linear', 'cosine', 'step', got 'ramp'`],
  ])('refuses %j as a usage error', (schedule, message) => {
    expect(() => studyConfig({ resume: true, strategies: ['none', 'mixup'], schedule })).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringContaining(message) }));
  });
});

describe('mixzoo compare --schedule (built)', () => {
  const base = ['compare', '--strategies', 'none,mixup', '--dataset', 'moons', '--epochs', '2', '--seeds', '1', '--batch-size', '32', '--train-size', '64', '--test-size', '32'];

  it('trains on the schedule and records it in study.json, every run record and the report; another schedule is another setup', async () => {
    const out = join(tmp, 'scheduled');
    const schedule = { alpha: { shape: 'linear', from: 1, to: 0.2, epochs: [0, 1] }, off: { from: 1 } };
    const run = await mixzoo([...base, '--schedule', JSON.stringify(schedule), '--out', out]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const study = JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as { strategies: unknown[] };
    expect(study.strategies).toEqual([{ name: 'none' }, { name: 'mixup', schedule }]);
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { strategy: string; schedule?: unknown; epochs: { mixing?: unknown }[] }[];
    const mixup = runs.find((r) => r.strategy === 'mixup');
    expect(mixup?.schedule).toEqual(schedule);
    expect(mixup?.epochs.map((e) => e.mixing)).toEqual([{ on: true, options: { alpha: 1 } }, { on: false, options: { alpha: 0.2 } }]);
    expect(runs.find((r) => r.strategy === 'none')?.epochs[0]).not.toHaveProperty('mixing');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<section id="schedule"><h2>Schedules<\/h2>/);

    const other = await mixzoo([...base, '--schedule', '{"off":{"from":1}}', '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(`run 'mixup@seed1' was trained with schedule {"alpha":{"epochs":[0,1],"from":1,"shape":"linear","to":0.2},"off":{"from":1}}, this study has schedule {"off":{"from":1}}`);
  });

  it('a bad --schedule exits 2 and creates nothing', async () => {
    const out = join(tmp, 'bad');
    const runs = await Promise.all([
      mixzoo([...base, '--schedule', '{"off":{"from":"8"}}', '--out', out]),
      mixzoo([...base, '--schedule', join(tmp, 'nope.json'), '--out', out]),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2]);
    expect(runs[0].stderr).toContain(`error: --schedule: 'off.from' must be an epoch (an integer >= 0), got '8'.`);
    expect(runs[1].stderr).toContain('--schedule');
    expect(existsSync(out)).toBe(false);
  });
});

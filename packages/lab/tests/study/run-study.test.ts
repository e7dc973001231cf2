import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoo, tf } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
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
const readJson = (): RunResult[] => JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'));

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
    expect(JSON.parse(readFileSync(join(outDir, 'study.json'), 'utf8'))).toEqual(config);
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
      message: expect.stringContaining("run 'mixup@seed1' was trained with options"),
    });
  });
});

describe('runStudy errors come before any training', () => {
  it('a spatial strategy on a 2-D dataset, an unknown strategy', async () => {
    const dir = join(tmp, 'bad');
    await expect(runStudy({ ...config, strategies: [{ name: 'none' }, { name: 'cutmix' }] }, { zoo, outDir: dir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining("'cutmix' mixes image regions, but 'moons' has feature vectors of shape [2]"),
    });
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    await expect(runStudy({ ...config, strategies: [{ name: 'mixpu' }] }, { zoo, outDir: dir })).rejects.toMatchObject({ code: 'E_UNKNOWN_STRATEGY' });
  });
});

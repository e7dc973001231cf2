import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoo } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
import { withLabelNoise } from '../../src/datasets/label-noise.js';
import { loadDataset } from '../../src/datasets/load.js';
import { checkStudyConfig } from '../../src/study/config.js';
import { runStudy } from '../../src/study/run-study.js';
import { DatasetCache } from '../../src/study/workers/execute.js';
import type { RunJob } from '../../src/study/workers/job.js';
import type { StudyConfig } from '../../src/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-noise-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const config: StudyConfig = {
  strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 } }],
  seeds: [1, 2],
  dataset: 'spirals',
  model: 'mlp',
  epochs: 1,
  batchSize: 32,
  trainSize: 120,
  testSize: 60,
  labelNoise: { kind: 'asymmetric', rate: 0.3 },
};
let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
});

describe('label noise in a study', () => {
  it('checkStudyConfig refuses a bad labelNoise with E_OPTION', () => {
    expect(() => checkStudyConfig({ ...config, labelNoise: { kind: 'symmetric', rate: -0.1 } }, zoo)).toThrow(/labelNoise: 'rate' must be a number in \[0, 1\], got -0\.1/);
  });

  it('study.json, every run record and results.md hold the setting; a resumed study reuses every seed', async () => {
    const outDir = join(tmp, 'study');
    const { results } = await runStudy(config, { zoo, outDir });
    for (const run of results) expect(run.data.labelNoise).toEqual({ kind: 'asymmetric', rate: 0.3 });
    const study = JSON.parse(readFileSync(join(outDir, 'study.json'), 'utf8')) as StudyConfig;
    expect(study.labelNoise).toEqual({ kind: 'asymmetric', rate: 0.3 });
    expect(readFileSync(join(outDir, 'results.md'), 'utf8')).toContain('- label noise: 30% asymmetric (c → c+1 mod K), training labels only');
    // Resuming reuses every seed's runs (how many labels changed differs per seed; the record holds the setting).
    const again = await runStudy(config, { zoo, outDir });
    expect(again.reused).toBe(4);
    // Resuming with other noise would mix two studies.
    await expect(runStudy({ ...config, labelNoise: { kind: 'symmetric', rate: 0.3 } }, { zoo, outDir })).rejects.toThrow(/another setup \(labelNoise \{"kind":"asymmetric","rate":0.3\} → \{"kind":"symmetric","rate":0.3\}\)/);
  }, 120_000);

  it("a worker's dataset cache corrupts the training labels of the job's seed, and keeps the test split clean", async () => {
    const job = { mixzoo: '0', id: 'none@seed2', strategy: 'none', strategyOptions: {}, seed: 2, setup: config, boundary: false, zoo: { backend: 'cpu', plugins: [] } } as unknown as RunJob;
    const noisy = await new DatasetCache().get(job);
    const clean = await loadDataset('spirals', { seed: 2, trainSize: 120, testSize: 60 });
    expect(noisy.test.y).toEqual(clean.test.y);
    expect(noisy.train.y).toEqual(withLabelNoise(clean, config.labelNoise, 2).train.y);
    expect(noisy.train.y).not.toEqual(clean.train.y);
  });
});

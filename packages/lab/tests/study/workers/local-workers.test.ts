import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoo } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
import { runStudy, type StudyEvent } from '../../../src/study/run-study.js';
import type { RunResult, StudyConfig } from '../../../src/types.js';
import { withoutTimings } from './compare-records.js';

// Worker processes run the built JavaScript (dist/): `npm test` builds it first.
const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const config: StudyConfig = {
  strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 } }, { name: 'mixup', options: { alpha: 1 }, label: 'mixup(alpha=1)' }],
  seeds: [1, 2],
  dataset: 'moons',
  model: 'mlp',
  epochs: 2,
  batchSize: 32,
  trainSize: 96,
  testSize: 48,
};
const readJson = (dir: string): RunResult[] => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
let zoo: Zoo;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
});

describe('runStudy with workers: 2', () => {
  it('gives every run the record it has sequentially (but timings and provenance), in the same order', async () => {
    const sequential = join(tmp, 'one');
    const parallel = join(tmp, 'two');
    await runStudy(config, { zoo, outDir: sequential, workers: 1 });
    const events: StudyEvent[] = [];
    const result = await runStudy(config, { zoo, outDir: parallel, workers: 2, onProgress: (e) => events.push(e) });
    expect(result.trained).toBe(6);
    expect(readJson(parallel).map(withoutTimings)).toEqual(readJson(sequential).map(withoutTimings));
    expect(readJson(parallel).map((r) => r.id)).toEqual(['none@seed1', 'mixup@seed1', 'mixup(alpha=1)@seed1', 'none@seed2', 'mixup@seed2', 'mixup(alpha=1)@seed2']);
    expect(readJson(parallel).every((r) => r.provenance?.host === hostname())).toBe(true);
    expect(events[0]).toEqual({ type: 'plan', total: 6, pending: 6, epochs: 2, workers: 2 });
    expect(events.filter((e) => e.type === 'run-end')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(12);
    // The same pictures as the sequential study: the boundary of each row, rendered by the worker.
    expect(readFileSync(join(parallel, 'images', 'boundary-mixup(alpha%3D1).png'))).toEqual(readFileSync(join(sequential, 'images', 'boundary-mixup(alpha%3D1).png')));
  });

  it('trains the other runs when one fails, then names the failed run to retry (E_RUN); the next call retries only it', async () => {
    const out = join(tmp, 'failing');
    // A plugin the workers cannot load: every run of that row fails in its worker, the others train.
    const broken = { ...config, strategies: [{ name: 'none' }, { name: 'mixup' }] };
    const error = await runStudy(broken, { zoo, outDir: out, workers: 2, plugins: ['./no-such-plugin.js'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'MixzooError', code: 'E_RUN' });
    expect((error as Error).message).toMatch(/4 of 4 runs failed: none@seed1 \(.*no-such-plugin/);
    const retried = await runStudy(broken, { zoo, outDir: out, workers: 2 });
    expect(retried.trained).toBe(4);
  });

  it("refuses workers that are not an integer >= 1 (E_OPTION)", async () => {
    await expect(runStudy(config, { zoo, outDir: join(tmp, 'bad'), workers: 0 })).rejects.toMatchObject({ code: 'E_OPTION', message: /'workers' must be an integer >= 1, got 0/ });
  });
});

import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoo, kernels, tf } from 'mixzoo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Zoo } from '@mixzoo/core';
import { runStudy } from '../../src/study/run-study.js';
import { RUN_FORMAT_VERSION } from '../../src/train/record.js';
import type { RunResult, StudyConfig } from '../../src/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-stored-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const config: StudyConfig = { strategies: [{ name: 'none' }, { name: 'mixup' }], seeds: [1], dataset: 'moons', model: 'mlp', epochs: 1, batchSize: 32, trainSize: 64, testSize: 32 };
const finished = join(tmp, 'finished');
let zoo: Zoo;
let first: Awaited<ReturnType<typeof runStudy>>;

const readJson = (file: string): object => JSON.parse(readFileSync(file, 'utf8')) as object;
const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value));
/** A copy of the finished study, to spoil. */
let copies = 0;
function copy(): { dir: string; results: string; study: string } {
  const dir = join(tmp, `copy-${++copies}`);
  cpSync(finished, dir, { recursive: true });
  return { dir, results: join(dir, 'results.json'), study: join(dir, 'study.json') };
}

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu' });
  first = await runStudy(config, { zoo, outDir: finished });
});

describe('run records and study.json carry a format version; records carry their settings and provenance', () => {
  it('formatVersion 3 (study.json 2), training and data settings, provenance of this process', () => {
    expect(readJson(join(finished, 'study.json'))).toEqual({ formatVersion: 2, ...config });
    const labVersion = (readJson(new URL('../../package.json', import.meta.url).pathname) as { version: string }).version;
    for (const run of readJson(join(finished, 'results.json')) as RunResult[]) {
      expect(run.formatVersion).toBe(3);
      expect(run.training).toEqual({ epochs: 1, batchSize: 32, optimizer: 'adam', learningRate: 0.001, weightDecay: 0, lrSchedule: { name: 'constant' }, labelSmoothing: 0, loss: { name: 'ce' } });
      expect(run.data).toEqual({ inputShape: [2], classes: 2, trainCount: 64, testCount: 32 });
      const { finishedAt, fusedKernels, ...rest } = run.provenance!;
      expect(rest).toEqual({ mixzoo: labVersion, tfjs: tf.version_core, backend: 'cpu', node: process.version, host: hostname() });
      expect(fusedKernels.every((name) => kernels.fusedKernelNames.includes(name))).toBe(true);
      expect(new Date(finishedAt).toISOString()).toBe(finishedAt);
    }
  });

  it('provenance is informative: records from another machine and versions are reused', async () => {
    const { dir, results } = copy();
    writeJson(results, (readJson(results) as RunResult[]).map((r) => ({ ...r, provenance: { ...r.provenance, mixzoo: '9.0.0', tfjs: '5.0.0', backend: 'webgl', fusedKernels: [], node: 'v30.0.0' } })));
    const again = await runStudy(config, { zoo, outDir: dir });
    expect(again.trained).toBe(0);
    expect(again.results.map((r) => r.final)).toEqual(first.results.map((r) => r.final));
  });
});

describe('stale runs are never reported as a new study', () => {
  it.each([
    [{ epochs: 2 }, 'training.epochs 1, this study has training.epochs 2'],
    [{ dataset: 'spirals' }, 'dataset "moons", this study has dataset "spirals"'],
    [{ batchSize: 16 }, 'training.batchSize 32, this study has training.batchSize 16'],
    [{ learningRate: 0.01 }, 'training.learningRate 0.001, this study has training.learningRate 0.01'],
    [{ trainSize: 48 }, 'data.trainCount 64, this study has data.trainCount 48'],
    [{ model: 'resnet' as const }, 'model "mlp", this study has model "resnet"'],
  ])('without study.json, records of another setup are refused (%o), naming the field and both values; nothing is written', async (change, message) => {
    const { dir, results, study } = copy();
    rmSync(study);
    const stored = readFileSync(results);
    await expect(runStudy({ ...config, ...change }, { zoo, outDir: dir })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: `${results}: run 'none@seed1' was trained with ${message}; use another output folder, or pass resume: false (--no-resume) to start over.`,
    });
    expect(readFileSync(results).equals(stored)).toBe(true);
    expect(readdirSync(dir)).not.toContain('study.json');
  });

  it('without study.json, records of the same setup are reused', async () => {
    const { dir, study } = copy();
    rmSync(study);
    expect((await runStudy(config, { zoo, outDir: dir })).trained).toBe(0);
    expect(readJson(study)).toEqual({ formatVersion: 2, ...config });
  });
});

describe('format versions', () => {
  it('a newer run record or study.json is refused, naming the file and the version', async () => {
    const a = copy();
    const newer = RUN_FORMAT_VERSION + 1;
    writeJson(a.results, (readJson(a.results) as RunResult[]).map((r) => ({ ...r, formatVersion: newer })));
    await expect(runStudy(config, { zoo, outDir: a.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining(`${a.results}: run 'none@seed1': format version ${newer} was written by a newer mixzoo; this one reads versions 1 to ${RUN_FORMAT_VERSION}.`) });
    const b = copy();
    writeJson(b.study, { ...readJson(b.study), formatVersion: 3 });
    await expect(runStudy(config, { zoo, outDir: b.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining(`${b.study}: format version 3 was written by a newer mixzoo`) });
    writeJson(b.study, { ...readJson(b.study), formatVersion: 'two' });
    await expect(runStudy(config, { zoo, outDir: b.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: `${b.study}: 'formatVersion' must be a positive integer, got 'two'.` });
  });

  /** The files as mixzoo wrote them before format versions: the bare config, records without settings or provenance. */
  function toFormat1(files: { results: string; study: string }): void {
    const { formatVersion: _, ...bare } = readJson(files.study) as Record<string, unknown>;
    writeJson(files.study, bare);
    writeJson(files.results, (readJson(files.results) as RunResult[]).map(({ formatVersion: _v, training: _t, data: _d, provenance: _p, ...old }) => old));
  }

  it('format-1 files are migrated: the records take their settings from study.json and are checked and reused', async () => {
    const files = copy();
    toFormat1(files);
    const again = await runStudy(config, { zoo, outDir: files.dir });
    expect(again.trained).toBe(0);
    expect(again.results.map((r) => [r.formatVersion, r.training, r.data, r.final])).toEqual(first.results.map((r) => [RUN_FORMAT_VERSION, r.training, r.data, r.final]));
    // Added runs are written in the current format, next to the migrated ones.
    const grown = await runStudy({ ...config, seeds: [1, 2] }, { zoo, outDir: files.dir });
    expect(grown.trained).toBe(2);
    expect((readJson(files.results) as RunResult[]).map((r) => [r.id, r.formatVersion, r.provenance === undefined])).toEqual([
      ['none@seed1', RUN_FORMAT_VERSION, true],
      ['mixup@seed1', RUN_FORMAT_VERSION, true],
      ['none@seed2', RUN_FORMAT_VERSION, false],
      ['mixup@seed2', RUN_FORMAT_VERSION, false],
    ]);
  });

  it('format-2 records (before the training recipe was recorded) migrate to Adam, constant rate, no smoothing, CE, and are reused', async () => {
    const files = copy();
    writeJson(files.results, (readJson(files.results) as RunResult[]).map((r) => ({ ...r, formatVersion: 2, training: { epochs: 1, batchSize: 32, optimizer: 'adam', learningRate: 0.001 } })));
    const again = await runStudy(config, { zoo, outDir: files.dir });
    expect(again.trained).toBe(0);
    expect(again.results.map((r) => [r.formatVersion, r.training, r.final])).toEqual(first.results.map((r) => [RUN_FORMAT_VERSION, r.training, r.final]));
    // a stored run of another recipe is refused, naming the setting
    await expect(runStudy({ ...config, labelSmoothing: 0.1 }, { zoo, outDir: files.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('labelSmoothing') });
  });

  it('format-1 records without a study.json cannot be checked: refused, naming the file and the format', async () => {
    const files = copy();
    toFormat1(files);
    rmSync(files.study);
    await expect(runStudy(config, { zoo, outDir: files.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining(`${files.results}: run 'none@seed1' is a format-1 record`) });
  });
});

describe('damaged files and read-only folders', () => {
  it('a truncated study.json or results.json is an E_USAGE naming the file, not a raw SyntaxError', async () => {
    const a = copy();
    writeFileSync(a.study, readFileSync(a.study, 'utf8').slice(0, 40));
    await expect(runStudy(config, { zoo, outDir: a.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringMatching(new RegExp(`^${a.study}: expected a JSON study config, but it does not parse`)) });
    const b = copy();
    writeFileSync(b.results, readFileSync(b.results, 'utf8').slice(0, 100));
    await expect(runStudy(config, { zoo, outDir: b.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringMatching(new RegExp(`^${b.results}: expected a JSON array of runs, but it does not parse`)) });
    writeJson(b.study, [1, 2]);
    await expect(runStudy(config, { zoo, outDir: b.dir })).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining(`${b.study}: expected a JSON study config ({ strategies, seeds, dataset, ... })`) });
  });

  /** Every file under dir with its bytes and mtime. */
  function snapshot(dir: string): Map<string, { bytes: Buffer; mtime: number }> {
    const files = new Map<string, { bytes: Buffer; mtime: number }>();
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      const path = join(dir, name);
      if (statSync(path).isFile()) files.set(name, { bytes: readFileSync(path), mtime: statSync(path).mtimeMs });
    }
    return files;
  }

  function setWritable(dir: string, writable: boolean): void {
    for (const name of ['', ...readdirSync(dir, { recursive: true, encoding: 'utf8' })]) {
      const path = join(dir, name);
      chmodSync(path, (statSync(path).mode & 0o777 & ~0o222) | (writable ? 0o200 : 0));
    }
  }

  it('re-reporting a finished study (images and augmentation too) writes nothing: it works from a read-only folder', async () => {
    const dir = join(tmp, 'read-only');
    const images: StudyConfig = { ...config, dataset: 'mnist', trainSize: 64, testSize: 32, augment: ['flip'] };
    await runStudy(images, { zoo, outDir: dir });
    // An old time on every file shows any rewrite, also as root (whom chmod does not stop).
    const old = new Date('2001-02-03T04:05:06Z');
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) utimesSync(join(dir, name), old, old);
    const before = snapshot(dir);
    expect([...before.keys()].sort()).toEqual(['images/augmented.png', 'images/samples-mixup.png', 'images/samples-none.png', 'report.html', 'results.csv', 'results.json', 'results.md', 'study.json']);
    setWritable(dir, false);
    try {
      const again = await runStudy(images, { zoo, outDir: dir });
      expect(again.trained).toBe(0);
    } finally {
      setWritable(dir, true);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

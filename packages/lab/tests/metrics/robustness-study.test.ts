import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZoo, tf, type Zoo } from 'mixzoo';
import { renderReportHtml, resultsMarkdown, runStudy, type RunResult, type StudyConfig } from '@mixzoo/lab';
import { robustnessMarkdown } from '../../src/report/robustness-tables.js';
import { writeIdxDataset } from '../datasets/idx-fixture.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-robust-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Two rows that train identically (same strategy and options): their robustness must agree bit for bit,
// which holds only if every model of a seed is evaluated on the same corrupted images.
const config: StudyConfig = {
  strategies: [{ name: 'none' }, { name: 'mixup', options: { alpha: 0.4 }, label: 'a' }, { name: 'mixup', options: { alpha: 0.4 }, label: 'b' }],
  seeds: [1, 2],
  dataset: 'mnist',
  model: 'mlp',
  epochs: 2,
  batchSize: 64,
  trainSize: 300,
  testSize: 100,
  robustness: { corruptions: ['impulse-noise', 'rotation', 'occlusion'], severities: [1, 5], ood: 'moons' },
};
let zoo: Zoo;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0 });
});

describe('a study with robustness', () => {
  const outDir = join(tmp, 'study');
  const readJson = (): RunResult[] => JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as RunResult[];

  it('refuses an OOD dataset of another sample shape before creating anything', async () => {
    await expect(runStudy(config, { zoo, outDir })).rejects.toThrow(/the OOD dataset 'moons' has samples of shape \[2\], the study's 'mnist' \[28, 28, 1\]/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses corruptions on feature vectors and bad settings before creating anything', async () => {
    await expect(runStudy({ ...config, dataset: 'moons', robustness: {} }, { zoo, outDir })).rejects.toThrow(/corrupt images, but 'moons' has feature vectors/);
    await expect(runStudy({ ...config, robustness: { severities: [6] } }, { zoo, outDir })).rejects.toThrow(/'robustness.severities' must be/);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses the study’s own dataset as OOD input', async () => {
    await expect(runStudy({ ...config, robustness: { ood: 'mnist' } }, { zoo, outDir })).rejects.toThrow(/the OOD dataset 'mnist' is the study's own/);
    expect(existsSync(outDir)).toBe(false);
  });

  let results: RunResult[];
  // OOD input: an IDX folder of 28×28 flat gray images (each image one value), nothing like a digit.
  const oodDir = join(tmp, 'flat');
  for (const split of ['train', 't10k'] as const) writeIdxDataset(oodDir, Array.from({ length: 40 }, (_, k) => k % 10), { split, pixel: (k) => (k * 53) % 256 });
  const study = { ...config, robustness: { ...config.robustness, ood: `idx:${oodDir}` } };

  it('records each run’s robustness; identical models of a seed get identical results; no tensors left', async () => {
    const tensors = tf.memory().numTensors;
    ({ results } = await runStudy(study, { zoo, outDir }));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(readJson()).toEqual(JSON.parse(JSON.stringify(results)));
    for (const run of results) {
      expect(run.robustness).toMatchObject({ corruptions: ['impulse-noise', 'rotation', 'occlusion'], severities: [1, 5], ood: { dataset: `idx:${oodDir}`, inCount: 100, outCount: 40 } });
      expect(run.robustness!.ood!.auroc).toBeGreaterThanOrEqual(0);
      expect(run.robustness!.ood!.auroc).toBeLessThanOrEqual(1);
      expect(Object.keys(run.robustness!.accuracy)).toEqual(['impulse-noise', 'rotation', 'occlusion']);
    }
    for (const seed of [1, 2]) {
      const [a, b] = ['a', 'b'].map((label) => results.find((r) => r.label === label && r.seed === seed)!);
      expect(a.final).toEqual(b.final);
      expect(a.robustness).toEqual(b.robustness);
    }
  });

  it('reports mCA, OOD AUROC and the cost metrics per strategy, the robustness tables and chart', () => {
    const md = readFileSync(join(outDir, 'results.md'), 'utf8');
    expect(md).toMatch(/\| strategy \| accuracy \(%\) .*\| curve AUC \(%\) \| train s \| acc\. @ [\d.]+ s \(%\) \| mCA \(%\) \| OOD AUROC \(%\) \|/);
    expect(md).toContain(`- robustness: corruptions impulse-noise, rotation, occlusion at severities 1, 5; OOD idx:${oodDir}`);
    expect(md).toContain('## Robustness to corruptions');
    expect(md).toContain('under 3 corruptions at severities 1, 5 (constants and sources in docs/robustness.md)');
    expect(md).toContain('| strategy | impulse-noise (%) | rotation (%) | occlusion (%) |');
    expect(md).toContain('| strategy | severity 1 (%) | severity 5 (%) |');
    expect(md).toContain('### a: corruption × severity (mean over seeds)');
    const none = results.filter((r) => r.strategy === 'none');
    const cell = (none[0].robustness!.accuracy.rotation[1] + none[1].robustness!.accuracy.rotation[1]) / 2;
    expect(md).toMatch(new RegExp(`### none: corruption × severity[^#]*\\| rotation \\| [\\d.]+ \\| ${(100 * cell).toFixed(1)} \\|`));
    const mca = (none[0].robustness!.meanCorruptionAccuracy! + none[1].robustness!.meanCorruptionAccuracy!) / 2;
    const auroc = (none[0].robustness!.ood!.auroc + none[1].robustness!.ood!.auroc) / 2;
    expect(md).toMatch(new RegExp(`\\| none \\|.* \\**${(100 * mca).toFixed(2)} ± [\\d.]+\\** \\| \\**${(100 * auroc).toFixed(2)} ± [\\d.]+\\** \\|\\n`));
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('<section id="robustness">');
    expect(html).toContain('<a href="#robustness">robustness</a>');
    expect(html).toMatch(/<section id="robustness">.*<svg/s);
    expect(html).toContain('mean over corruptions');
  });

  it('a report of runs without robustness has no robustness section, columns or tables', async () => {
    const plain = results.map(({ robustness: _r, ...run }) => run);
    const html = await renderReportHtml({ config: { ...study, robustness: undefined }, results: plain });
    expect(html).not.toContain('id="robustness"');
    expect(html).not.toContain('href="#robustness"');
    expect(html).not.toContain('mCA');
    expect(html).not.toContain('OOD AUROC');
    const md = resultsMarkdown({ ...study, robustness: undefined }, [], [], robustnessMarkdown(plain, ['none', 'a', 'b']));
    expect(md).not.toContain('Robustness');
  });

  it('reuses the runs with the same settings; other settings are refused with the field named', async () => {
    const again = await runStudy(study, { zoo, outDir });
    expect(again.trained).toBe(0);
    await expect(runStudy({ ...study, robustness: { ...study.robustness, severities: [1, 3] } }, { zoo, outDir })).rejects.toThrow(/another setup \(robustness 'corruptions impulse-noise, rotation, occlusion at severities 1, 5; OOD idx:.*' → 'corruptions impulse-noise, rotation, occlusion at severities 1, 3; OOD idx:.*'\)/);
    await expect(runStudy({ ...study, robustness: undefined }, { zoo, outDir })).rejects.toThrow(/another setup \(robustness '.*' → none\)/);
    // Without study.json the stored records are checked one by one.
    rmSync(join(outDir, 'study.json'));
    await expect(runStudy({ ...study, robustness: { ...study.robustness, ood: undefined } }, { zoo, outDir })).rejects.toThrow(/run 'none@seed1' was trained with robustness \{.*"ood":"idx:.*\}, this study has robustness \{.*"ood":null/);
  });
});

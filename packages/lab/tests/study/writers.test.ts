import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsCsv } from '../../src/study/csv.js';
import { differenceTable, resultsMarkdown, summaryTable } from '../../src/study/markdown.js';
import { minimalDetectableDifference } from '../../src/study/power.js';
import { studyMetrics } from '../../src/study/metrics.js';
import { readResults, writeResults } from '../../src/study/results-file.js';
import { summarize } from '../../src/study/summary.js';
import { fakeRun, fakeStudy } from '../report/fake-runs.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-writers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('results.csv', () => {
  it('has one row per run and epoch with every metric, epochs counted from 1', () => {
    const { results } = fakeStudy([1, 2], 3);
    const lines = resultsCsv(results).trimEnd().split('\n');
    expect(lines[0]).toBe('id,label,strategy,strategy_options,seed,dataset,model,backend,epoch,train_loss,accuracy,nll,ece,brier,noisy_accuracy_0.1,noisy_accuracy_0.2,seconds');
    expect(lines).toHaveLength(1 + 6 * 3);
    const run = results.find((r) => r.id === 'mixup@seed2')!;
    const row = lines.find((l) => l.startsWith('mixup@seed2,') && l.includes(',mlp,cpu,3,'))!;
    // Options JSON has commas and quotes: one quoted field with doubled quotes.
    expect(row).toContain(',"{""alpha"":0.4}",2,moons,mlp,cpu,3,');
    expect(row.endsWith(`,${run.epochs[2].test.noisyAccuracy['0.2']},${run.epochs[2].seconds}`)).toBe(true);
    expect(row).toContain(`,${run.epochs[2].test.accuracy},${run.epochs[2].test.nll},${run.epochs[2].test.ece},${run.epochs[2].test.brier},`);
  });
});

describe('results.md', () => {
  const { config, results } = fakeStudy([1, 2, 3]);
  const metrics = studyMetrics(results);
  const summaries = summarize(results, ['none', 'mixup', 'cutmix'], metrics);

  it('summary table: mean ± std in display units, best of each column in bold', () => {
    const table = summaryTable(summaries, metrics);
    const mixup = summaries[1].metrics.accuracy;
    expect(table.split('\n')[0]).toBe('| strategy | accuracy (%) | NLL | ECE (%) | Brier | acc. σ=0.1 (%) | acc. σ=0.2 (%) | s/epoch | curve AUC (%) | train s | acc. @ 1.5 s (%) |');
    expect(table).toContain(`| mixup | **${(100 * mixup.mean).toFixed(2)} ± ${(100 * mixup.std).toFixed(2)}** |`);
    // ECE: lower is better, mixup (0.02) beats none (0.08) and cutmix (0.03).
    expect(table.split('\n')[4]).toMatch(/^\| cutmix \| [\d.]+ ± [\d.]+ \| \*\*/); // cutmix has the best NLL
    expect(table).toContain('**2.00 ± 0.00**');
  });

  it('difference table: signed difference with the paired t-test p-value, none excluded', () => {
    const table = differenceTable(summaries, metrics);
    const test = summaries[1].metrics.accuracy.vsBaseline!;
    expect(table).not.toMatch(/^\| none \|/m);
    // Two rows compared with none: the raw p-value and the Holm-adjusted one.
    // Then the effect size d_z and, when not significant after Holm, the minimal detectable difference (power 0.8).
    const dz = `${test.difference < 0 ? '−' : ''}${Math.abs(test.difference / test.differenceStd).toFixed(2)}`;
    const power = test.pHolm! <= 0.05 ? `d_z = ${dz}` : `d_z = ${dz}, MDD ${(100 * minimalDetectableDifference(test.differenceStd, test.df + 1)).toFixed(2)}`;
    expect(table).toContain(`| mixup | +${(100 * test.difference).toFixed(2)} (p = ${test.p.toFixed(3)}, Holm p = ${test.pHolm!.toFixed(3)}; ${power}) |`);
    expect(differenceTable(summarize(results, ['mixup'], metrics), metrics)).toBe('');
  });

  it('the whole file: config, three tables with explanations, the metric glossary', () => {
    const text = resultsMarkdown(config, summaries, metrics);
    expect(text).toContain('# mixzoo study: moons, mlp');
    expect(text).toContain('- strategies: none (defaults); mixup (alpha=0.4); cutmix (alpha=0.4)');
    expect(text).toContain('## Results (mean ± std over 3 seeds)');
    expect(text).toContain('## 95% confidence intervals of the mean');
    const ci = summaries[0].metrics.nll;
    expect(text).toContain(`| none | [${(100 * summaries[0].metrics.accuracy.low).toFixed(2)}, ${(100 * summaries[0].metrics.accuracy.high).toFixed(2)}] | [${ci.low.toFixed(3)}, ${ci.high.toFixed(3)}] |`);
    expect(text).toContain('## Difference to `none` (paired t-test over seeds)');
    expect(text).toContain('- **ECE**: Expected calibration error');
  });

  it('the config lists the augmentation when the study has one', () => {
    expect(resultsMarkdown(config, summaries, metrics)).not.toContain('augmentation');
    const text = resultsMarkdown({ ...config, augment: [{ name: 'crop', options: { padding: 2 } }, 'flip'] }, summaries, metrics);
    expect(text).toContain('- augmentation: crop (padding=2); flip (defaults), per sample before mixing\n');
  });

  it('the config says why the study trains its model when it knows', () => {
    expect(resultsMarkdown(config, summaries, metrics)).toContain('- model: mlp\n');
    expect(resultsMarkdown({ ...config, model: 'cnn', modelReason: 'the default for image datasets' }, summaries, metrics)).toContain('- model: cnn (the default for image datasets)\n');
  });
});

describe('results.json', () => {
  it('round-trips runs; a missing file is no runs', async () => {
    const file = join(tmp, 'results.json');
    expect(await readResults(file)).toEqual([]);
    const runs = [fakeRun('none', 1), fakeRun('mixup', 1)];
    await writeResults(file, runs);
    expect(await readResults(file)).toEqual(runs);
  });

  it('refuses a file that is not an array of runs, naming it', async () => {
    const file = join(tmp, 'broken.json');
    writeFileSync(file, '{"id": 1');
    await expect(readResults(file)).rejects.toMatchObject({ code: 'E_USAGE', message: expect.stringContaining('broken.json') });
    writeFileSync(file, '[{"strategy": "none"}]');
    await expect(readResults(file)).rejects.toMatchObject({ code: 'E_USAGE' });
    expect(readFileSync(file, 'utf8')).toBe('[{"strategy": "none"}]'); // left as it was
  });
});

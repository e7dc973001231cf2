import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/report/html.js';
import { schedulePoints, scheduleSpec } from '../../src/report/schedule-chart.js';
import { vegaLiteToSvg } from '../../src/report/vega-svg.js';
import type { StudyConfig } from '../../src/types.js';
import { fakeStudy } from './fake-runs.js';

/** The fake study with its cutmix row on a schedule: prob 0 → 1 over epochs 0..2, off from epoch 3, 4 epochs. */
function scheduledStudy() {
  const study = fakeStudy([1, 2], 4);
  const config: StudyConfig = {
    ...study.config,
    strategies: study.config.strategies.map((row) => (row.name === 'cutmix' ? { ...row, schedule: { prob: { shape: 'linear', from: 0, to: 1, epochs: [0, 2] }, off: { from: 3 } } } : row)),
  };
  return { config, results: study.results };
}

describe('the schedule chart', () => {
  it('has, per scheduled row and epoch, mixing on/off and each ramped value where it mixes (hand-checked)', () => {
    const points = schedulePoints(scheduledStudy().config);
    const mixing = points.filter((p) => p.quantity.startsWith('mixing'));
    expect(mixing.map((p) => [p.strategy, p.epoch, p.value])).toEqual([['cutmix', 0, 1], ['cutmix', 1, 1], ['cutmix', 2, 1], ['cutmix', 3, 0]]);
    expect(points.filter((p) => p.quantity === 'prob').map((p) => p.value)).toEqual([0, 0.5, 1, null]);
    expect(points.some((p) => p.quantity === 'alpha')).toBe(false); // not scheduled
  });

  it('is absent without schedules; rendered, it shows a panel per quantity', async () => {
    expect(scheduleSpec(fakeStudy([1]).config, ['none', 'mixup', 'cutmix'])).toBeUndefined();
    const spec = scheduleSpec(scheduledStudy().config, ['none', 'mixup', 'cutmix']);
    expect(spec).toBeDefined();
    const svg = await vegaLiteToSvg(spec!);
    for (const text of ['Mixing on or off', 'Scheduled prob', 'epoch (start)', 'cutmix']) expect(svg).toContain(`>${text}</text>`);
  });

  it('the report has a Schedules section only when a row is scheduled', async () => {
    const scheduled = await renderReportHtml({ ...scheduledStudy(), date: new Date(0) });
    expect(scheduled).toMatch(/<section id="schedule"><h2>Schedules<\/h2><figure><svg/);
    expect(scheduled).toContain('<a href="#schedule">schedule</a>');
    const plain = await renderReportHtml({ ...fakeStudy([1, 2]), date: new Date(0) });
    expect(plain).not.toContain('id="schedule"');
  });
});

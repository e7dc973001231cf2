import { scheduleAt, SCHEDULED_OPTIONS } from '@mixzoo/core';
import type { TopLevelSpec } from 'vega-lite';
import { strategyLabel } from '../study/labels.js';
import type { StudyConfig } from '../types.js';
import { CONFIG, SCHEMA, strategyScale } from './charts.js';

/** One point of the schedule chart: a scheduled row's value of one quantity at the start of an epoch (null: not mixing then). */
export interface SchedulePoint {
  strategy: string;
  quantity: string;
  epoch: number;
  value: number | null;
}

const MIXING = 'mixing (1 = on)';

/** The values each scheduled row of the study trains with, epoch by epoch (what its runs record in `epochs[].mixing`). */
export function schedulePoints(config: StudyConfig): SchedulePoint[] {
  return config.strategies.flatMap((row) => {
    const { schedule } = row;
    if (!schedule) return [];
    const strategy = strategyLabel(row);
    return Array.from({ length: config.epochs }, (_, epoch) => {
      const { on, options } = scheduleAt(schedule, epoch);
      const ramps = SCHEDULED_OPTIONS.filter((name) => schedule[name] !== undefined)
        .map((name) => ({ strategy, quantity: name, epoch, value: on ? (options[name] ?? null) : null }));
      return [{ strategy, quantity: MIXING, epoch, value: on ? 1 : 0 }, ...ramps];
    }).flat();
  });
}

/**
 * The schedules of the study as small multiples, one panel per quantity (mixing on/off, then
 * each ramped option), one line per scheduled row in the row's colour of the other charts;
 * undefined when no row has a schedule. Ramped values are left out where the row does not mix.
 */
export function scheduleSpec(config: StudyConfig, strategies: readonly string[]): TopLevelSpec | undefined {
  const points = schedulePoints(config);
  if (points.length === 0) return undefined;
  const quantities = [...new Set(points.map((p) => p.quantity))];
  // The rows' colours of the other charts, the legend listing only the scheduled rows.
  const all = strategyScale(strategies);
  const scheduled = new Set(points.map((p) => p.strategy));
  const keep = all.domain.map((_, i) => i).filter((i) => scheduled.has(all.domain[i]));
  const scale = { domain: keep.map((i) => all.domain[i]), range: keep.map((i) => all.range[i]) };
  const color = { field: 'strategy', type: 'nominal', scale, title: 'strategy' } as const;
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch (start)', axis: { tickMinStep: 1, format: 'd' } } as const;
  const panel = (quantity: string) => ({
    title: { text: quantity === MIXING ? 'Mixing on or off' : `Scheduled ${quantity}` },
    width: 220,
    height: 150,
    data: { values: points.filter((p) => p.quantity === quantity && p.value !== null) },
    mark: { type: 'line', point: true, strokeWidth: 2, interpolate: quantity === MIXING ? 'step-after' : 'linear' },
    encoding: { x, y: { field: 'value', type: 'quantitative', title: quantity, ...(quantity === MIXING ? { scale: { domain: [0, 1] }, axis: { tickCount: 1, values: [0, 1] } } : {}) }, color },
  });
  return { $schema: SCHEMA, config: CONFIG, hconcat: quantities.map(panel), resolve: { scale: { color: 'shared' } } } as TopLevelSpec;
}

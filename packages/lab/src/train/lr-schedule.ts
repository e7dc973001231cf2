import { describeValue, isObject, MixzooError } from '@mixzoo/core';

/**
 * A learning-rate schedule, applied per optimizer step (every batch) from the study's base rate:
 * - `constant`: the base rate throughout (the default).
 * - `step` (torch StepLR stepped once per epoch): `base·gamma^floor(epoch / stepEpochs)`, constant
 *   within an epoch.
 * - `cosine` with linear warm-up (per step, as transformers' cosine schedule with warm-up): for
 *   the first W = round(warmupEpochs · steps per epoch) steps `base·(t + 1)/W` (so the first step
 *   already trains and step W − 1 reaches the base), then
 *   `min + ½(base − min)(1 + cos(π·(t − W)/(T − W)))` over the T steps of the run, min = minFactor·base.
 * - `one-cycle` (torch OneCycleLR, two phases, cosine annealing, per step): from base/divFactor up
 *   to the base over the first pctStart·T steps (ending at step pctStart·T − 1), then down to
 *   base/(divFactor·finalDivFactor) at step T − 1. The learning rate only: torch also cycles the
 *   momentum by default, this does not.
 */
export type LrScheduleSpec =
  | 'constant'
  | 'cosine'
  | 'one-cycle'
  | { name: 'constant' }
  | { name: 'step'; stepEpochs: number; gamma?: number }
  | { name: 'cosine'; warmupEpochs?: number; minFactor?: number }
  | { name: 'one-cycle'; pctStart?: number; divFactor?: number; finalDivFactor?: number };

/** A schedule with every default filled: what a run records. */
export type LrSchedule =
  | { name: 'constant' }
  | { name: 'step'; stepEpochs: number; gamma: number }
  | { name: 'cosine'; warmupEpochs: number; minFactor: number }
  | { name: 'one-cycle'; pctStart: number; divFactor: number; finalDivFactor: number };

export const LR_SCHEDULE_NAMES = ['constant', 'step', 'cosine', 'one-cycle'] as const;

const DEFAULTS = {
  constant: {},
  step: { gamma: 0.1 },
  cosine: { warmupEpochs: 0, minFactor: 0 },
  'one-cycle': { pctStart: 0.3, divFactor: 25, finalDivFactor: 1e4 },
} as const;

/** Each option's valid range [min, max] and whether it must be an integer. */
const RANGES: Record<string, [number, number]> = {
  stepEpochs: [1, Number.MAX_SAFE_INTEGER],
  gamma: [0, 1],
  warmupEpochs: [0, Number.MAX_SAFE_INTEGER],
  minFactor: [0, 1],
  pctStart: [Number.MIN_VALUE, 1],
  divFactor: [1, Number.MAX_VALUE],
  finalDivFactor: [1, Number.MAX_VALUE],
};

/** The schedule with its defaults filled; E_OPTION (naming `where`) for an unknown name or option, or a value out of range. */
export function resolveLrSchedule(spec: unknown, where: string): LrSchedule {
  const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `${where}: ${what}, got ${describeValue(got)}.`);
  const given = (typeof spec === 'string' ? { name: spec } : spec) as Record<string, unknown> | null | undefined;
  if (!isObject(given) || !(LR_SCHEDULE_NAMES as readonly unknown[]).includes(given.name)) {
    throw bad(`'lrSchedule' must be one of ${LR_SCHEDULE_NAMES.join(', ')} or { name, ...options }`, spec);
  }
  const name = given.name as LrSchedule['name'];
  const allowed = name === 'step' ? ['stepEpochs', 'gamma'] : Object.keys(DEFAULTS[name]);
  const out: Record<string, unknown> = { name, ...DEFAULTS[name] };
  for (const [key, value] of Object.entries(given)) {
    if (key === 'name') continue;
    if (!allowed.includes(key)) throw bad(`lrSchedule '${name}' takes ${allowed.length ? allowed.join(', ') : 'no options'}, not '${key}'`, spec);
    const [min, max] = RANGES[key];
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (key !== 'stepEpochs' || Number.isInteger(value));
    if (!ok) throw bad(`lrSchedule '${name}' option '${key}' must be ${key === 'stepEpochs' ? 'an integer' : 'a number'} in [${min}, ${max}]`, value);
    out[key] = value;
  }
  if (name === 'step' && out.stepEpochs === undefined) throw bad(`lrSchedule 'step' needs 'stepEpochs' (decay every that many epochs)`, spec);
  return out as LrSchedule;
}

/** How long a run is, in optimizer steps. */
export interface RunLength {
  stepsPerEpoch: number;
  totalSteps: number;
}

/** torch OneCycleLR's cosine annealing from `start` to `end` at fraction `pct`. */
const annealCos = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);

/** The learning rate of optimizer step `step` (0-based over the whole run) under `schedule` from `base`. */
export function learningRateAt(schedule: LrSchedule, base: number, step: number, length: RunLength): number {
  const { stepsPerEpoch, totalSteps } = length;
  switch (schedule.name) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.gamma ** Math.floor(Math.floor(step / stepsPerEpoch) / schedule.stepEpochs);
    case 'cosine': {
      const warmup = Math.min(Math.round(schedule.warmupEpochs * stepsPerEpoch), totalSteps);
      if (step < warmup) return (base * (step + 1)) / warmup;
      const min = schedule.minFactor * base;
      const progress = totalSteps > warmup ? (step - warmup) / (totalSteps - warmup) : 0;
      return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * progress));
    }
    case 'one-cycle': {
      const initial = base / schedule.divFactor;
      const min = initial / schedule.finalDivFactor;
      const peak = schedule.pctStart * totalSteps - 1; // float, as torch's phase end
      if (step <= peak) return annealCos(initial, base, peak > 0 ? step / peak : 1);
      const last = totalSteps - 1;
      return annealCos(base, min, last > peak ? (step - peak) / (last - peak) : 1);
    }
  }
}

import { describeValue, didYouMean, isObject, MixzooError } from './errors.js';

/**
 * Schedules of a strategy over training: mixing switched on or off by epoch, and `alpha` / `prob`
 * ramped by epoch. Plain JSON, so studies, run records and pipelines store them as they are:
 *
 *   { "alpha": { "shape": "cosine", "from": 0.2, "to": 1, "epochs": [0, 10] }, "off": { "from": 8 } }
 *
 * Every value is a pure function of the time t = epoch + fraction of the epoch done, computed
 * from the schedule's own numbers (never from the previous value, so nothing compounds, and
 * resuming at any epoch gives the same values). Epochs count from 0.
 */

/** A scheduled value: the same for every t, or a ramp between `from` and `to`. */
export type Ramp =
  | { shape: 'constant'; value: number }
  /** `from` until epoch `epochs[0]`, then straight (linear) or half-cosine (cosine) to `to` at `epochs[1]`, `to` after. */
  | { shape: 'linear' | 'cosine'; from: number; to: number; epochs: readonly [number, number] }
  /** `from` before epoch `at`, `to` from epoch `at` on. */
  | { shape: 'step'; from: number; to: number; at: number };

export type RampShape = Ramp['shape'];
export const RAMP_SHAPES: readonly RampShape[] = ['constant', 'linear', 'cosine', 'step'];

/** The strategy options a schedule can ramp (each only where the strategy has it). */
export const SCHEDULED_OPTIONS = ['alpha', 'prob'] as const;
export type ScheduledOption = (typeof SCHEDULED_OPTIONS)[number];

export interface MixSchedule {
  /** Beta(α, α) concentration, ≥ 0. */
  alpha?: Ramp;
  /** Probability of mixing, in [0, 1]. */
  prob?: Ramp;
  /** Mixing starts at epoch `from`: earlier epochs train unmixed. */
  on?: { from: number };
  /** Mixing stops at epoch `from` (timm's `--mixup-off-epoch`): it and later epochs train unmixed. */
  off?: { from: number };
}

/** What a schedule says for one moment: mixing on or off, and the scheduled option values. */
export interface ScheduledMixing {
  on: boolean;
  /** The values of the scheduled options (only those the schedule ramps). */
  options: Partial<Record<ScheduledOption, number>>;
}

/** The fields of a schedule. */
export const SCHEDULE_FIELDS: readonly string[] = [...SCHEDULED_OPTIONS, 'on', 'off'];
const RAMP_KEYS: Record<RampShape, readonly string[]> = {
  constant: ['shape', 'value'],
  linear: ['shape', 'from', 'to', 'epochs'],
  cosine: ['shape', 'from', 'to', 'epochs'],
  step: ['shape', 'from', 'to', 'at'],
};
/** The values each scheduled option may take. */
const RANGES: Record<ScheduledOption, { min: number; max: number; text: string }> = {
  alpha: { min: 0, max: Infinity, text: 'a finite number >= 0' },
  prob: { min: 0, max: 1, text: 'a number in [0, 1]' },
};

const fail = (where: string, message: string) => new MixzooError('E_OPTION', `${where}: ${message}`);
const isEpoch = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function checkKeys(where: string, name: string, value: object, allowed: readonly string[]): void {
  const unknown = Object.keys(value).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw fail(where, `'${name}' has an unknown field '${unknown}'.${didYouMean(unknown, allowed)} Expected ${allowed.join(', ')}.`);
  }
}

function checkRamp(where: string, name: ScheduledOption, value: unknown): Ramp {
  const example = `e.g. { "shape": "linear", "from": 0.2, "to": 1, "epochs": [0, 10] }`;
  if (!isObject(value) || Array.isArray(value)) throw fail(where, `'${name}' must be a ramp { shape, ... }, ${example}, got ${describeValue(value)}.`);
  const shape = (value as { shape?: unknown }).shape;
  if (typeof shape !== 'string' || !RAMP_SHAPES.includes(shape as RampShape)) {
    throw fail(where, `'${name}.shape' must be one of ${RAMP_SHAPES.map((s) => `'${s}'`).join(', ')}, got ${describeValue(shape)}.${typeof shape === 'string' ? didYouMean(shape, RAMP_SHAPES) : ''}`);
  }
  const keys = RAMP_KEYS[shape as RampShape];
  checkKeys(where, name, value, keys);
  const fields = value as Record<string, unknown>;
  const range = RANGES[name];
  for (const key of keys.filter((k) => k === 'value' || k === 'from' || k === 'to')) {
    const v = fields[key];
    if (typeof v !== 'number' || !(v >= range.min && v <= range.max) || !Number.isFinite(v)) {
      throw fail(where, `'${name}.${key}' must be ${range.text}, got ${describeValue(v)}.`);
    }
  }
  if (shape === 'step' && !isEpoch(fields.at)) throw fail(where, `'${name}.at' must be an epoch (an integer >= 0), got ${describeValue(fields.at)}.`);
  if (shape === 'linear' || shape === 'cosine') {
    const epochs = fields.epochs;
    if (!Array.isArray(epochs) || epochs.length !== 2 || !epochs.every(isEpoch) || epochs[0] >= epochs[1]) {
      throw fail(where, `'${name}.epochs' must be [start, end], epochs (integers >= 0) with start < end, got ${describeValue(epochs)}.`);
    }
  }
  return structuredClone(value) as Ramp;
}

function checkSwitch(where: string, name: 'on' | 'off', value: unknown): { from: number } {
  if (!isObject(value) || Array.isArray(value)) throw fail(where, `'${name}' must be { "from": epoch }, got ${describeValue(value)}.`);
  checkKeys(where, name, value, ['from']);
  const from = (value as { from?: unknown }).from;
  if (!isEpoch(from)) throw fail(where, `'${name}.from' must be an epoch (an integer >= 0), got ${describeValue(from)}.`);
  return { from };
}

/**
 * Checks a schedule (E_OPTION naming the field, what was expected and what came) and returns a
 * copy. A schedule that never mixes (`off.from` 0, or `on.from` at or after `off.from`) is refused:
 * that is the strategy 'none'.
 */
export function parseSchedule(where: string, value: unknown): MixSchedule {
  if (!isObject(value) || Array.isArray(value)) {
    throw fail(where, `a schedule must be an object with some of ${SCHEDULE_FIELDS.join(', ')}, got ${describeValue(value)}.`);
  }
  checkKeys(where, 'schedule', value, SCHEDULE_FIELDS);
  const fields = value as Record<string, unknown>;
  const schedule: MixSchedule = {};
  for (const name of SCHEDULED_OPTIONS) if (fields[name] !== undefined) schedule[name] = checkRamp(where, name, fields[name]);
  if (fields.on !== undefined) schedule.on = checkSwitch(where, 'on', fields.on);
  if (fields.off !== undefined) schedule.off = checkSwitch(where, 'off', fields.off);
  if (Object.keys(schedule).length === 0) throw fail(where, `a schedule must set at least one of ${SCHEDULE_FIELDS.join(', ')}, got {}.`);
  const { on, off } = schedule;
  if (off && off.from <= (on?.from ?? 0)) {
    throw fail(where, `the schedule never mixes: 'off.from' (${off.from}) must be after ${on ? `'on.from' (${on.from})` : 'epoch 0'}; train with the strategy 'none' instead.`);
  }
  return schedule;
}

/** A ramp's value at time t (epochs, fractional within an epoch). */
export function rampAt(ramp: Ramp, t: number): number {
  switch (ramp.shape) {
    case 'constant':
      return ramp.value;
    case 'step':
      return t < ramp.at ? ramp.from : ramp.to;
    case 'linear':
    case 'cosine': {
      const [start, end] = ramp.epochs;
      const f = Math.min(1, Math.max(0, (t - start) / (end - start)));
      // Cosine annealing from `from` to `to`: to + ½(from − to)(1 + cos πf).
      if (ramp.shape === 'cosine') return ramp.to + 0.5 * (ramp.from - ramp.to) * (1 + Math.cos(Math.PI * f));
      return f === 1 ? ramp.to : ramp.from + (ramp.to - ramp.from) * f; // `to` exactly at the end
    }
  }
}

/**
 * What `schedule` says at `epoch` (an integer >= 0), `fraction` (in [0, 1)) of the way through
 * it: on/off by the epoch alone, ramped values at t = epoch + fraction.
 */
export function scheduleAt(schedule: MixSchedule, epoch: number, fraction = 0): ScheduledMixing {
  if (!isEpoch(epoch)) throw fail('scheduleAt', `'epoch' must be an integer >= 0, got ${describeValue(epoch)}.`);
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction < 1)) throw fail('scheduleAt', `'fraction' must be a number in [0, 1), got ${describeValue(fraction)}.`);
  const on = epoch >= (schedule.on?.from ?? 0) && (schedule.off === undefined || epoch < schedule.off.from);
  const options: ScheduledMixing['options'] = {};
  for (const name of SCHEDULED_OPTIONS) {
    const ramp = schedule[name];
    if (ramp) options[name] = rampAt(ramp, epoch + fraction);
  }
  return { on, options };
}

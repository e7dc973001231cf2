import { isObject, MixzooError, parseSchedule, SCHEDULE_FIELDS, type MixSchedule } from '@mixzoo/core';
import type { StudyStrategy } from '@mixzoo/lab';
import { usageError } from './usage-error.js';

const NO_MIXING = 'none';

/** parseSchedule, its E_OPTION as a usage error of the flag. */
function checked(value: unknown, what: string): MixSchedule {
  try {
    return parseSchedule(`--schedule${what}`, value);
  } catch (error) {
    if (error instanceof MixzooError) throw usageError(error.message);
    throw error;
  }
}

/**
 * The study rows with `--schedule` applied. The flag holds either one schedule (its keys among
 * alpha, prob, on, off), given to every row that mixes, or an object keyed by strategy names of
 * the study with a schedule each, given to every row of that strategy:
 *   --schedule '{"off":{"from":8}}'
 *   --schedule '{"mixup":{"alpha":{"shape":"linear","from":0.2,"to":1,"epochs":[0,5]}},"cutmix":{"off":{"from":8}}}'
 */
export function scheduleRows(rows: readonly StudyStrategy[], value: unknown): StudyStrategy[] {
  if (value === undefined) return [...rows];
  if (!isObject(value) || Array.isArray(value)) throw usageError(`--schedule: expected a JSON object (a schedule, or schedules keyed by strategy name), got ${JSON.stringify(value)}.`);
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => SCHEDULE_FIELDS.includes(k))) {
    const schedule = checked(value, '');
    if (!rows.some((row) => row.name !== NO_MIXING)) throw usageError(`--schedule: the study has no strategy that mixes to schedule (only '${NO_MIXING}').`);
    return rows.map((row) => (row.name === NO_MIXING ? row : { ...row, schedule }));
  }
  const names = [...new Set(rows.map((row) => row.name))];
  const byName = new Map<string, MixSchedule>();
  for (const [name, schedule] of Object.entries(value)) {
    if (!names.includes(name)) throw usageError(`--schedule: '${name}' is neither a schedule field (${SCHEDULE_FIELDS.join(', ')}) nor one of the study's strategies (${names.join(', ')}).`);
    if (name === NO_MIXING) throw usageError(`--schedule: '${NO_MIXING}' does not mix, so it has nothing to schedule.`);
    byName.set(name, checked(schedule, ` of '${name}'`));
  }
  return rows.map((row) => {
    const schedule = byName.get(row.name);
    return schedule ? { ...row, schedule } : row;
  });
}

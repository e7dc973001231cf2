import { describeValue, isObject, MixzooError } from './errors.js';
import type { ModelContext, ModelContextKind, ModelMaps } from './strategy.js';

function contextError(where: string, message: string): MixzooError {
  return new MixzooError('E_SHAPE', `${where}: ${message}`);
}

function checkRow(where: string, arg: string, row: unknown, length?: number): number {
  if (!Array.isArray(row) || (length !== undefined && row.length !== length) || row.length === 0) {
    throw contextError(where, `'${arg}' must be an array of ${length ?? 'at least 1'} finite numbers, got ${describeValue(row)}.`);
  }
  const bad = row.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw contextError(where, `'${arg}[${bad}]' must be a finite number, got ${describeValue(row[bad])}.`);
  return row.length;
}

function checkMaps(where: string, name: string, kind: ModelContextKind, maps: unknown, batchSize: number): void {
  const arg = `${name}.${kind}`;
  // Caller data: checked as the unknown it may be.
  const { height, width, data } = (isObject(maps) ? maps : {}) as Partial<ModelMaps>;
  if (height === undefined || width === undefined || !Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw contextError(where, `'${arg}' must be maps { height, width, data } with integer height and width >= 1, got ${describeValue(maps)}.`);
  }
  if (!Array.isArray(data) || data.length !== batchSize) {
    throw contextError(where, `'${arg}.data' must hold one map per sample (${batchSize}), got ${describeValue(data)}.`);
  }
  data.forEach((row, i) => checkRow(where, `${arg}.data[${i}]`, row, height * width));
}

/**
 * Checks the model context kinds a strategy needs (E_SHAPE naming the field, under `name`): maps hold one
 * row of height·width finite numbers per sample, features one equally long row per sample.
 */
export function checkModelContext(where: string, model: ModelContext, kinds: readonly ModelContextKind[], batchSize: number, name = 'model'): void {
  for (const kind of kinds) {
    if (kind !== 'features') {
      checkMaps(where, name, kind, model[kind], batchSize);
      continue;
    }
    const rows: unknown = model.features;
    if (!Array.isArray(rows) || rows.length !== batchSize) {
      throw contextError(where, `'${name}.features' must hold one feature vector per sample (${batchSize}), got ${describeValue(rows)}.`);
    }
    const length = rows.length > 0 ? checkRow(where, `${name}.features[0]`, rows[0]) : 0;
    rows.forEach((row, i) => checkRow(where, `${name}.features[${i}]`, row, length));
  }
}

import { BORDERS, type IndexMap, isObject, type RemapOptions } from '@mixzoo/core';
import { checkArray, fail, show } from './validate.js';

/** Number of int32 fields of one encoded map: y0, y1, y2, x0, x1, x2. */
export const MAP_FIELDS = 6;

const IDENTITY = [1, 0, 0, 0, 1, 0];
const OFFSET_LIMIT = 2 ** 30;

/** Validates `maps` (length B, each an IndexMap or null = identity) and encodes them as Int32Array [B·6]. */
export function encodeMaps(op: string, maps: unknown, batch: number): Int32Array {
  const list = checkArray(op, 'maps', maps, batch);
  const out = new Int32Array(batch * MAP_FIELDS);
  for (let i = 0; i < batch; i++) {
    const m = list[i] as IndexMap | null | undefined;
    const fields = m === null ? IDENTITY : mapFields(m);
    if (!fields) {
      throw fail(op, 'E_PLAN',
        `'maps[${i}]' must be null or an index map {y: [a, b, dy], x: [c, d, dx]} with [[a, b], [c, d]] a signed permutation (flip, transpose, 90° rotation) and integer offsets, got ${show(m)}.`);
    }
    out.set(fields, i * MAP_FIELDS);
  }
  return out;
}

function mapFields(m: unknown): number[] | null {
  if (!isObject(m)) return null;
  const { y, x } = m as { y?: unknown; x?: unknown };
  if (!Array.isArray(y) || !Array.isArray(x) || y.length !== 3 || x.length !== 3) return null;
  const f: unknown[] = [...(y as unknown[]), ...(x as unknown[])];
  if (!f.every((v): v is number => Number.isInteger(v) && Math.abs(v as number) < OFFSET_LIMIT)) return null;
  const [a, b, , c, d] = f;
  const unit = (v: number) => v === 1 || v === -1;
  const straight = unit(a) && b === 0 && c === 0 && unit(d);
  const transposed = a === 0 && unit(b) && unit(c) && d === 0;
  return straight || transposed ? f : null;
}

/** Validates the border mode and fill value (an integer for int32 images). Returns [border code, fill]. */
export function checkRemapOptions(op: string, options: unknown, dtype: string): [number, number] {
  if (options !== undefined && !isObject(options)) {
    throw fail(op, 'E_PLAN', `'options' must be an object {border?, fill?}, got ${show(options)}.`);
  }
  const { border = 'constant', fill = 0 } = (options ?? {}) as RemapOptions;
  const code = BORDERS.indexOf(border);
  if (code < 0) throw fail(op, 'E_PLAN', `'options.border' must be one of ${BORDERS.map((b) => `'${b}'`).join(', ')}, got ${show(border)}.`);
  if (typeof fill !== 'number' || !Number.isFinite(fill)) throw fail(op, 'E_PLAN', `'options.fill' must be a finite number, got ${show(fill)}.`);
  if (dtype === 'int32' && !Number.isInteger(fill)) throw fail(op, 'E_DTYPE', `'options.fill' must be an integer for int32 'x', got ${fill}.`);
  return [code, fill];
}

/** Border codes (index into BORDERS). */
export const BORDER_CONSTANT = 0;
export const BORDER_REFLECT = 1;

/**
 * Source index `i` folded into [0, n) by the border mode, or -1 for a constant (fill) pixel.
 * reflect has period 2(n − 1): −1 → 1, n → n − 2; a 1-pixel axis always reads pixel 0.
 */
export function foldIndex(i: number, n: number, border: number): number {
  if (i >= 0 && i < n) return i;
  if (border === BORDER_CONSTANT) return -1;
  if (border === BORDER_REFLECT) {
    if (n === 1) return 0;
    const period = 2 * (n - 1);
    const m = ((i % period) + period) % period;
    return m < n ? m : period - m;
  }
  return i < 0 ? 0 : n - 1;
}

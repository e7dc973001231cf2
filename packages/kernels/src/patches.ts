import { isObject, type Patch } from '@mixzoo/core';
import { boxAt, checkArray, checkBox, fail, show } from './validate.js';

/** Number of int32 fields of one encoded patch: source, y0, x0, y1, x1, fromY, fromX. */
export const PATCH_FIELDS = 7;

/**
 * Patches flattened for the kernels: output sample i gets records `starts[i] .. starts[i+1]-1`
 * of `recs` (PATCH_FIELDS int32 each). Empty boxes are dropped here, so kernels never see them.
 */
export interface PatchTable {
  starts: Int32Array;
  recs: Int32Array;
}

/** Validates `patches` (length B, each a list of Patch) and encodes them. */
export function encodePatches(
  op: string, patches: unknown, batch: number, bound: number, height: number, width: number,
): PatchTable {
  const lists = checkArray(op, 'patches', patches, batch);
  let total = 0;
  for (let i = 0; i < batch; i++) {
    const list = lists[i];
    if (!Array.isArray(list)) throw fail(op, 'E_PLAN', `'patches[${i}]' must be an array of patches, got ${show(list)}.`);
    total += list.length;
  }
  const starts = new Int32Array(batch + 1);
  const recs = new Int32Array(total * PATCH_FIELDS);
  let n = 0;
  for (let i = 0; i < batch; i++) {
    starts[i] = n;
    const list = lists[i] as unknown[];
    for (let k = 0; k < list.length; k++) {
      const name = `patches[${i}][${k}]`;
      const p = list[k] as Patch | null;
      if (!isObject(p)) throw fail(op, 'E_PLAN', `'${name}' must be a patch {source, box, from?}, got ${show(p)}.`);
      if (!Number.isInteger(p.source) || p.source < 0 || p.source >= bound) {
        throw fail(op, 'E_PLAN', `'${name}.source' must be an integer in [0, ${bound}), got ${show(p.source)}.`);
      }
      const box = checkBox(op, `${name}.box`, p.box, height, width);
      const h = box.y1 - box.y0;
      const w = box.x1 - box.x0;
      let fy = box.y0;
      let fx = box.x0;
      if (p.from !== undefined) {
        const f = p.from;
        const ok = isObject(f) && Number.isInteger(f.y) && Number.isInteger(f.x) &&
          f.y >= 0 && f.x >= 0 && f.y + h <= height && f.x + w <= width;
        if (!ok) {
          throw fail(op, 'E_PLAN',
            `'${name}.from' must be integers {y, x} with 0 <= y <= ${height - h} and 0 <= x <= ${width - w} (the ${h}×${w} region must fit in the source), got ${show(f)}.`);
        }
        fy = f.y;
        fx = f.x;
      }
      if (h === 0 || w === 0) continue;
      const r = n * PATCH_FIELDS;
      recs[r] = p.source;
      recs[r + 1] = box.y0;
      recs[r + 2] = box.x0;
      recs[r + 3] = box.y1;
      recs[r + 4] = box.x1;
      recs[r + 5] = fy;
      recs[r + 6] = fx;
      n++;
    }
  }
  starts[batch] = n;
  return { starts, recs: recs.subarray(0, n * PATCH_FIELDS) };
}

/** CutMix boxes (validated, from checkBoxes) as a patch table: partner's same-position box. */
export function boxesToPatches(partner: Int32Array, boxes: Int32Array): PatchTable {
  const batch = partner.length;
  const starts = new Int32Array(batch + 1);
  const recs = new Int32Array(batch * PATCH_FIELDS);
  let n = 0;
  for (let i = 0; i < batch; i++) {
    starts[i] = n;
    const box = boxAt(boxes, i);
    if (box === null) continue;
    const [y0, x0, y1, x1] = box;
    recs.set([partner[i], y0, x0, y1, x1, y0, x0], n * PATCH_FIELDS);
    n++;
  }
  starts[batch] = n;
  return { starts, recs: recs.subarray(0, n * PATCH_FIELDS) };
}

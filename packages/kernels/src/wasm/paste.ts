import type { ImageGeometry } from '../impl/paste.js';
import { PATCH_FIELDS, type PatchTable } from '../patches.js';
import type { HeapKernels } from './instance.js';
import type { HeapCall } from './lerp.js';

/**
 * pastePatches in place (float32 and int32 alike: bytes are moved, never converted). A sample
 * with one patch (CutMix) is written in one pass, each byte once (`paste_box`); samples without
 * patches are copied; samples with several patches are copied, then their patches' rows pasted
 * in order (`paste_rows`), so later patches cover earlier ones as in the JS loop.
 */
export function heapPastePatches(k: HeapKernels, c: HeapCall, table: PatchTable, g: ImageGeometry): void {
  const row = g.width * g.channels * 4;
  const bytes = g.height * row;
  const { starts, recs } = table;
  const at = (r: number) => c.b + recs[r] * bytes + recs[r + 5] * row + recs[r + 6] * g.channels * 4;
  for (let i = 0; i + 1 < starts.length; i++) {
    const [out, own, first, end] = [c.out + i * bytes, c.a + i * bytes, starts[i], starts[i + 1]];
    if (end - first === 1) {
      const r = first * PATCH_FIELDS;
      const left = recs[r + 2] * g.channels * 4;
      k.paste_box(out, own, at(r), row, g.height, recs[r + 1], recs[r + 3], left, recs[r + 4] * g.channels * 4 - left);
      continue;
    }
    k.copy(out, own, bytes);
    for (let p = first; p < end; p++) {
      const r = p * PATCH_FIELDS;
      const left = recs[r + 2] * g.channels * 4;
      k.paste_rows(out + recs[r + 1] * row + left, at(r), recs[r + 3] - recs[r + 1], recs[r + 4] * g.channels * 4 - left, row);
    }
  }
}

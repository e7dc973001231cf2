import type { ImageGeometry } from '../impl/paste.js';
import { MAP_FIELDS } from '../remap.js';
import type { HeapKernels } from './instance.js';

/** remap in place, one call per sample (`out`, `src`: byte offsets of the output and of x). */
export function heapRemap(
  k: HeapKernels, out: number, src: number, int: boolean, maps: Int32Array, g: ImageGeometry, border: number, fill: number,
): void {
  const { height: H, width: W, channels: C } = g;
  const bytes = H * W * C * 4;
  // The fill value as the 32 bits the kernel stores (float32 images: its float32 encoding).
  const bits = int ? fill | 0 : new Int32Array(Float32Array.of(fill).buffer)[0];
  for (let i = 0, f = 0; f < maps.length; i++, f += MAP_FIELDS) {
    k.remap(out + i * bytes, src + i * bytes, H, W, C, maps[f], maps[f + 1], maps[f + 2], maps[f + 3], maps[f + 4], maps[f + 5], border, bits);
  }
}

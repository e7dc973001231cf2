import type { MaskGeometry } from '../impl/mask-blend.js';
import type { HeapKernels } from './instance.js';
import type { HeapCall } from './lerp.js';

/** maskBlend (float32 blend, or int32 select under a binary mask) in place, one call per sample. */
export function heapMaskBlend(k: HeapKernels, c: HeapCall, mask: number, partner: Int32Array, g: MaskGeometry): void {
  const bytes = g.pixels * g.channels * 4;
  for (let i = 0; i < partner.length; i++) {
    const m = g.shared ? mask : mask + i * g.pixels * 4;
    k.mask_blend(c.out + i * bytes, c.a + i * bytes, c.b + partner[i] * bytes, m, g.pixels, g.channels);
  }
}

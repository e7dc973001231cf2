import type { ImageGeometry } from '../impl/paste.js';
import { boxAt } from '../validate.js';
import type { HeapKernels } from './instance.js';
import type { HeapCall } from './lerp.js';

/** pasteResized in place: x copied whole (memcpy), then every box filled from its resized partner image. */
export function heapPasteResized(k: HeapKernels, c: HeapCall, partner: Int32Array, boxes: Int32Array, g: ImageGeometry): void {
  const { height: H, width: W, channels: C } = g;
  const bytes = H * W * C * 4;
  k.copy(c.out, c.a, partner.length * bytes);
  const resize = c.int ? k.resize_nearest : k.resize_bilinear;
  for (let i = 0; i < partner.length; i++) {
    const box = boxAt(boxes, i);
    if (box === null) continue;
    const [y0, x0, y1, x1] = box;
    resize(c.out + i * bytes + (y0 * W + x0) * C * 4, c.b + partner[i] * bytes, H, W, C, y1 - y0, x1 - x0);
  }
}

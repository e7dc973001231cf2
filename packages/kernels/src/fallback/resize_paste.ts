import { add, gather, mul, reshape, tensor, tensor1d, tidy, type Tensor } from '@tensorflow/tfjs-core';
import { bilinearTap, nearest } from '../impl/resize_paste.js';
import { identityIndex, pixelTable } from './common.js';

/**
 * pasteResized from tfjs ops. float32: each output pixel = sum of 4 gathered source pixels times
 * bilinear weights (same taps as tf.image.resizeBilinear with halfPixelCenters); pixels outside
 * the box take their own pixel with weight 1. int32: one gather of the nearest source pixel.
 */
export function pasteResizedComposed(x: Tensor, xb: Tensor, partner: Int32Array, boxes: Int32Array): Tensor {
  const [batch, height, width] = x.shape;
  const plane = height * width;
  const n = batch * plane;
  const bilinear = x.dtype === 'float32';
  const taps = bilinear ? 4 : 1;
  return tidy(() => {
    const { table, partnerOffset } = pixelTable(x, xb);
    const idx = Array.from({ length: taps }, () => identityIndex(n));
    const weight = Array.from({ length: taps }, (_, k) => new Float32Array(n).fill(k === 0 ? 1 : 0));
    for (let i = 0; i < batch; i++) {
      const [y0, x0, y1, x1] = boxes.subarray(i * 4, i * 4 + 4);
      if (y0 < 0 || y1 <= y0 || x1 <= x0) continue;
      const src = partnerOffset + partner[i] * plane;
      const [h, w] = [y1 - y0, x1 - x0];
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const o = i * plane + (y0 + r) * width + (x0 + c);
          if (!bilinear) {
            idx[0][o] = src + nearest(r, height / h, height) * width + nearest(c, width / w, width);
            continue;
          }
          const [top, bottom, ty] = bilinearTap(r, height / h, height);
          const [left, right, tx] = bilinearTap(c, width / w, width);
          // At a clamped border both taps are one pixel: fraction 0 keeps the weights in [0, 1].
          const fy = top === bottom ? 0 : ty;
          const fx = left === right ? 0 : tx;
          const corners = [top * width + left, top * width + right, bottom * width + left, bottom * width + right];
          const weights = [(1 - fy) * (1 - fx), (1 - fy) * fx, fy * (1 - fx), fy * fx];
          for (let k = 0; k < 4; k++) {
            idx[k][o] = src + corners[k];
            weight[k][o] = weights[k];
          }
        }
      }
    }
    const pick = (k: number): Tensor => gather(table, tensor1d(idx[k], 'int32'), 0);
    if (!bilinear) return reshape(pick(0), x.shape);
    let sum = mul(pick(0), tensor(weight[0], [n, 1]));
    for (let k = 1; k < 4; k++) sum = add(sum, mul(pick(k), tensor(weight[k], [n, 1])));
    return reshape(sum, x.shape);
  });
}

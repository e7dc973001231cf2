import { clone, fill as filled, gather, reshape, tensor, tensor1d, tidy, where, type Tensor } from '@tensorflow/tfjs-core';
import { foldIndex, MAP_FIELDS } from '../remap.js';

/**
 * remap from tfjs ops: the source pixel of every output pixel is computed in JS, then one
 * `gather` over the batch flattened to [B·H·W, C] and, where some sources are outside the image
 * with a constant border, one `where` with the fill value. Keeps dtype.
 */
export function remapComposed(x: Tensor, maps: Int32Array, border: number, fillValue: number): Tensor {
  const [batch, height, width, channels] = x.shape;
  return tidy(() => {
    if (batch === 0) return clone(x);
    const pixels = height * width;
    const index = new Int32Array(batch * pixels);
    const inside = new Uint8Array(batch * pixels * channels);
    let outside = false;
    for (let i = 0; i < batch; i++) {
      const [ya, yb, yt, xa, xb, xt] = maps.subarray(i * MAP_FIELDS, (i + 1) * MAP_FIELDS);
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          const sy = foldIndex(ya * r + yb * c + yt, height, border);
          const sx = foldIndex(xa * r + xb * c + xt, width, border);
          const p = i * pixels + r * width + c;
          if (sy < 0 || sx < 0) outside = true;
          else {
            index[p] = i * pixels + sy * width + sx;
            inside.fill(1, p * channels, (p + 1) * channels);
          }
        }
      }
    }
    const picked = reshape(gather(reshape(x, [batch * pixels, channels]), tensor1d(index, 'int32'), 0), x.shape);
    if (!outside) return picked;
    return where(tensor(inside, x.shape, 'bool'), picked, filled(x.shape, fillValue, x.dtype));
  });
}

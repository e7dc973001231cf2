import { gather, matMul, pad, reshape, tensor, tensor1d, tidy, transpose, where, type Tensor } from '@tensorflow/tfjs-core';
import { nearest } from '../impl/resize-paste.js';
import { boxAt } from '../validate.js';
import { boxCondition, sampleOf, stackSamples } from './common.js';

// Why not tf.image.resizeBilinear here: in tfjs 4.22 its gradient kernel (ResizeBilinearGrad)
// ignores halfPixelCenters on cpu and wasm, and cpu's returns a transposed shape for non-square
// images. Bilinear resizing is separable and linear, so it is written as two matrix products with
// constant interpolation matrices: exact same taps, and matMul's gradient is right everywhere.

/**
 * Interpolation matrix [outN, inN] of 1-D bilinear resizing with half-pixel centres: row k has
 * weights (1 - f, f) at the taps of source position (k + 0.5)·inN/outN − 0.5, clamped.
 */
export function bilinearMatrix(outN: number, inN: number): Tensor {
  const m = new Float32Array(outN * inN);
  const ratio = inN / outN;
  for (let k = 0; k < outN; k++) {
    const s = ratio * (k + 0.5) - 0.5;
    const lo = Math.max(0, Math.floor(s));
    const hi = Math.min(inN - 1, Math.ceil(s));
    const f = lo === hi ? 0 : s - lo;
    m[k * inN + lo] += 1 - f;
    m[k * inN + hi] += f;
  }
  return tensor(m, [outN, inN]);
}

/** One image [1, H, W, C] resized to [1, h, w, C], bilinear, as Rh · img · Rwᵀ. Call inside tidy. */
function resizeBilinearSeparable(img: Tensor, h: number, w: number): Tensor {
  const [, height, width, channels] = img.shape;
  const rows = matMul(bilinearMatrix(h, height), reshape(img, [height, width * channels])); // [h, W·C]
  const byColumn = reshape(transpose(reshape(rows, [h, width, channels]), [1, 0, 2]), [width, h * channels]);
  const cols = matMul(bilinearMatrix(w, width), byColumn); // [w, h·C]
  return reshape(transpose(reshape(cols, [w, h, channels]), [1, 0, 2]), [1, h, w, channels]);
}

/** Nearest-neighbour resize (half-pixel centres) by two gathers: exact for int32. Call inside tidy. */
function resizeNearest(img: Tensor, h: number, w: number): Tensor {
  const [, height, width] = img.shape;
  const rows = tensor1d(Int32Array.from({ length: h }, (_, r) => nearest(r, height / h, height)), 'int32');
  const cols = tensor1d(Int32Array.from({ length: w }, (_, c) => nearest(c, width / w, width)), 'int32');
  return gather(gather(img, rows, 1), cols, 2);
}

/**
 * pasteResized from tfjs ops, per output sample: xb[partner_i] resized to the box (bilinear for
 * float32, nearest for int32, both align-corners = false with half-pixel centres, like
 * tf.image.resizeBilinear / resizeNearestNeighbor(…, false, true)), padded to the image and
 * selected inside the box. Gradients flow to x and xb.
 */
export function pasteResizedComposed(x: Tensor, xb: Tensor, partner: Int32Array, boxes: Int32Array): Tensor {
  const [batch, height, width, channels] = x.shape;
  return tidy(() => {
    const samples: Tensor[] = [];
    for (let i = 0; i < batch; i++) {
      const own = sampleOf(x, i);
      const box = boxAt(boxes, i);
      if (box === null) {
        samples.push(own);
        continue;
      }
      const [y0, x0, y1, x1] = box;
      const source = sampleOf(xb, partner[i]);
      const resized = x.dtype === 'int32'
        ? resizeNearest(source, y1 - y0, x1 - x0)
        : resizeBilinearSeparable(source, y1 - y0, x1 - x0);
      const placed = pad(resized, [[0, 0], [y0, height - y1], [x0, width - x1], [0, 0]]);
      samples.push(where(boxCondition([1, height, width, channels], [box]), placed, own));
    }
    return stackSamples(samples, x);
  });
}

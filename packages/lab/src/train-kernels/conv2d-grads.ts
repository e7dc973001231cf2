import * as tf from '@tensorflow/tfjs-core';
import { windowGeometry } from './geometry.js';
import { im2colT } from './im2col.js';

/** dL/dfilter of an NHWC conv2d: the transposed im2col of x times the output gradient, one plain matMul. */
export function conv2dFilterGradientIm2col(x: tf.Tensor4D, dy: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const product = tf.matMul(im2colT(x, windowGeometry(info)), tf.reshape(dy, [-1, dy.shape[3]]));
    return tf.reshape(product, [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]);
  });
}

/** Pads (positive) or crops (negative) rows and columns of an NHWC tensor. */
function padOrCrop(t: tf.Tensor4D, [top, bottom]: [number, number], [left, right]: [number, number]): { t: tf.Tensor4D; pad: [number, number][] } {
  const [n, h, w, c] = t.shape;
  const cropped = top < 0 || bottom < 0 || left < 0 || right < 0
    ? tf.slice(t, [0, Math.max(0, -top), Math.max(0, -left), 0], [n, h - Math.max(0, -top) - Math.max(0, -bottom), w - Math.max(0, -left) - Math.max(0, -right), c])
    : t;
  return { t: cropped, pad: [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]] };
}

/**
 * dL/dx of an NHWC conv2d as one forward conv2d: the output gradient, zero-stuffed by the stride and
 * padded to full width, correlated with the filter flipped in space and with Cin/Cout swapped.
 * wasm's Conv2DBackpropInput is a plain loop ~10× slower than its forward conv2d (XNNPACK).
 */
export function conv2dInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  return tf.tidy(() => {
    const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
    const [n, ho, wo, c] = dy.shape;
    let stuffed = dy;
    if (sh > 1 || sw > 1) {
      const spaced = tf.pad(tf.reshape(dy, [n, ho, 1, wo, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
      stuffed = tf.reshape(spaced, [n, ho * sh, wo * sw, c]);
    }
    // x row p gets dy rows i with i·sh + a − padTop = p: a full correlation starting kh − 1 − padTop above.
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const { t, pad } = padOrCrop(stuffed, [top, info.inHeight + kh - 1 - top - stuffed.shape[1]], [left, info.inWidth + kw - 1 - left - stuffed.shape[2]]);
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
    return tf.conv2d(t, flipped, 1, pad as tf.backend_util.ExplicitPadding);
  });
}

import type * as tf from '@tensorflow/tfjs-core';

/** Where the filter windows of an NHWC convolution (dilation 1) fall on its input. */
export interface WindowGeometry {
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
  outHeight: number;
  outWidth: number;
}

/** The window geometry of a conv or pool info computed by tfjs (backend_util.computeConv2DInfo / computePool2DInfo). */
export function windowGeometry(info: tf.backend_util.Conv2DInfo): WindowGeometry {
  return {
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
  };
}

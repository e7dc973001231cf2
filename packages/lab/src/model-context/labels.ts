import * as tf from '@tensorflow/tfjs-core';
import { readSoftLabels } from '@mixzoo/core';

/** A batch's labels as soft rows [B, K] (a new tensor) and each sample's class (the row's first maximum). */
export function labelRows(where: string, labels: tf.Tensor, batchSize: number, numClasses: number | undefined): { rows: tf.Tensor2D; classes: number[] } {
  const { rows, numClasses: k } = readSoftLabels(where, labels, batchSize, numClasses, 0);
  const classes = Array.from({ length: batchSize }, (_, i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (rows[i * k + c] > rows[i * k + best]) best = c;
    return best;
  });
  return { rows: tf.tensor2d(Float32Array.from(rows), [batchSize, k]), classes };
}

/** Maps [B, h, w] (a tensor) as plain data. */
export function toMaps(maps: tf.Tensor): { height: number; width: number; data: number[][] } {
  const [b, height, width] = maps.shape;
  const values = maps.dataSync();
  return { height, width, data: Array.from({ length: b }, (_, i) => Array.from(values.subarray(i * height * width, (i + 1) * height * width))) };
}

import * as tf from '@tensorflow/tfjs-core';
import type { Split } from '../types.js';

/** Gathers training batches into reused buffers (no per-batch allocation besides the tensors). */
export class BatchReader {
  private readonly x: Float32Array;
  private readonly y: Int32Array;
  private readonly size: number;

  constructor(
    private readonly split: Split,
    private readonly inputShape: readonly number[],
    batchSize: number,
  ) {
    this.size = inputShape.reduce((a, b) => a * b, 1);
    this.x = new Float32Array(batchSize * this.size);
    this.y = new Int32Array(batchSize);
  }

  /** Inputs [B, ...inputShape] float32 and int32 class indices [B] of the samples at `indices`. */
  read(indices: readonly number[]): { inputs: tf.Tensor; labels: tf.Tensor1D } {
    const { size, split } = this;
    // A split streamed from a decode cache file reads its rows itself.
    if (split.rows) split.rows.read(indices, this.x);
    indices.forEach((k, i) => {
      if (!split.rows) this.x.set(split.x.subarray(k * size, (k + 1) * size), i * size);
      this.y[i] = split.y[k];
    });
    const n = indices.length;
    return {
      inputs: tf.tensor(this.x.subarray(0, n * size), [n, ...this.inputShape]),
      labels: tf.tensor1d(this.y.subarray(0, n), 'int32'),
    };
  }
}

/** One-hot float32 rows [B, K] of int32 class indices (the unmixed baseline's targets). */
export function oneHotRows(labels: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  const y = labels.dataSync();
  const rows = new Float32Array(y.length * numClasses);
  y.forEach((c, i) => {
    rows[i * numClasses + c] = 1;
  });
  return tf.tensor2d(rows, [y.length, numClasses]);
}

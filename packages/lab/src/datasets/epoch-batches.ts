import type * as tf from '@tensorflow/tfjs-core';
import type { Seed } from '@mixzoo/core';
import { BatchReader } from '../train/batch.js';
import { epochBatches, epochOrder } from '../train/order.js';
import type { Split } from '../types.js';

export interface EpochBatchOptions {
  /** The run seed: the order is epochOrder(seed, epoch, n), the same for every strategy of the seed. */
  seed: Seed;
  epoch: number;
  batchSize: number;
}

/**
 * The training batches of one epoch as a generator, tf.data-style (`tf.data.generator(() =>
 * epochBatchTensors(...))`): the samples in the seeded order of epochOrder, reshuffled every
 * epoch, in consecutive batches (a last batch of one sample dropped, as trainRun does), each read
 * through BatchReader, so a split streamed from the decode cache holds one batch in memory at a
 * time. Each yielded batch's tensors belong to the caller.
 */
export function* epochBatchTensors(split: Split, inputShape: readonly number[], options: EpochBatchOptions): Generator<{ inputs: tf.Tensor; labels: tf.Tensor1D }> {
  const reader = new BatchReader(split, inputShape, options.batchSize);
  for (const indices of epochBatches(epochOrder(options.seed, options.epoch, split.count), options.batchSize)) yield reader.read(indices);
}

import { createRng, describeValue, MixzooError, type Seed } from '@mixzoo/core';

/**
 * The order in which epoch `epoch` visits the `n` training samples: a permutation drawn from the
 * run seed's 'order' stream only, so every strategy trained with a seed sees the same batches.
 */
export function epochOrder(seed: Seed, epoch: number, n: number): number[] {
  if (!Number.isInteger(epoch) || epoch < 0) throw new MixzooError('E_OPTION', `epochOrder: 'epoch' must be an integer >= 0, got ${describeValue(epoch)}.`);
  return createRng(seed).stream('order').stream(`epoch:${epoch}`).permutation(n);
}

/** The batches of one epoch: consecutive slices of the order; a last batch of a single sample is dropped (pairing needs two). */
export function epochBatches(order: readonly number[], batchSize: number): number[][] {
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.slice(start, start + batchSize);
    if (batch.length > 1) batches.push(batch);
  }
  return batches;
}

// Reference for the op-chain augmentations: every sample on its own, its ops one after the other
// (the augmentations group samples by op and run each group batched).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { AugmentPlan } from '@mixzoo/augment';
import { kernelOps } from '@mixzoo/kernels';
import { applyOp, isGeometric, type OpContext, type OpStep } from '../../src/ops/catalog.js';

export type Chain = readonly OpStep[] | null;

/** Each sample's op chain in a plan of randaugment / trivialaugment (null: not augmented). */
export const chainsOf = (plan: AugmentPlan): Chain[] => plan.params.map((p) => (p as { ops: Chain } | null)?.ops ?? null);

/** Every one of the 14 ops drawn, each count within 5 sd of Binomial(total, 1/14). */
export function expectUniformOps(counts: ReadonlyMap<string, number>, total: number): void {
  expect(counts.size).toBe(14);
  for (const [op, n] of counts) expect(Math.abs(n - total / 14), op).toBeLessThan(5 * Math.sqrt(total * (1 / 14) * (13 / 14)));
}

export const opContext = (height: number, width: number, fill = 0, interpolation: 'nearest' | 'bilinear' = 'nearest', tensorName = 'inputs'): OpContext =>
  ({ where: 'reference', tensorName, kernels: kernelOps, height, width, interpolation, fill });

/** Each sample of `x` through its chain (geometric ops only unless `photometric`), as a new tensor. */
export function refChains(x: tf.Tensor, chains: readonly Chain[], ctx: OpContext, photometric = true): tf.Tensor {
  return tf.tidy(() => {
    const [, h, w, c] = x.shape;
    const samples = chains.map((chain, i) => {
      let sample = tf.slice(x, [i, 0, 0, 0], [1, h, w, c]);
      for (const step of chain ?? []) {
        if (photometric || isGeometric(step.op)) sample = applyOp(step.op, sample, [step.value], ctx);
      }
      return sample;
    });
    return tf.concat(samples, 0);
  });
}

/** The ops of sample chains drawn in many plans: counts per op and the set of values per op. */
export function opStats(chains: readonly Chain[]): { counts: Map<string, number>; values: Map<string, Set<number>> } {
  const counts = new Map<string, number>();
  const values = new Map<string, Set<number>>();
  for (const step of chains.flatMap((c) => c ?? [])) {
    counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
    values.set(step.op, (values.get(step.op) ?? new Set<number>()).add(step.value));
  }
  return { counts, values };
}

import { clone, concat, gather, tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { AugmentApplyContext } from '../augmentation.js';
import { fillFor } from '../geometry.js';
import { denormalise, normalise, onlyActive, type ValueRange } from '../photometric.js';
import { applyOp, isGeometric, type OpContext, type OpName, type OpStep } from './catalog.js';

/** Options every op-chain augmentation has. */
export interface ChainOptions {
  interpolation: 'bilinear' | 'nearest';
  fill: number;
  valueRange: ValueRange;
}

/**
 * Runs one op chain per sample (null = untouched): position by position, the samples whose op
 * at that position is the same run it together (gathered, one batched op), then every sample
 * is put back in place with one gather. `photometric: false` (aligned targets) runs the
 * geometric ops only. Call inside tidy.
 */
export function runChains(x: Tensor, chains: readonly (readonly OpStep[] | null)[], ctx: OpContext, photometric: boolean): Tensor {
  const longest = Math.max(0, ...chains.map((chain) => chain?.length ?? 0));
  const batch = x.shape[0];
  let current = x;
  for (let k = 0; k < longest; k++) {
    const groups = new Map<OpName, number[]>();
    chains.forEach((chain, i) => {
      const step = chain?.[k];
      if (!step || step.op === 'identity' || (!photometric && !isGeometric(step.op))) return;
      groups.set(step.op, [...(groups.get(step.op) ?? []), i]);
    });
    if (groups.size === 0) continue;
    const order = Array.from({ length: batch }, (_, i) => i);
    const outputs: Tensor[] = [];
    let offset = batch;
    for (const [op, members] of groups) {
      outputs.push(applyOp(op, gather(current, members), members.map((i) => (chains[i] as OpStep[])[k].value), ctx));
      members.forEach((i, j) => (order[i] = offset + j));
      offset += members.length;
    }
    current = gather(concat([current, ...outputs]), order);
  }
  return current;
}

/** The op context of an augmentation's tensor: the inputs work in [0, 1] units of the value range, so their fill is converted. */
export function opContext(where: string, x: Tensor, ctx: AugmentApplyContext<ChainOptions>): OpContext {
  const { options, tensorName } = ctx;
  const [lo, hi] = options.valueRange;
  const fill = tensorName === 'inputs' ? (options.fill - lo) / (hi - lo) : fillFor(where, x, options.fill, tensorName);
  return { where, tensorName, kernels: ctx.kernels, height: ctx.height, width: ctx.width, interpolation: options.interpolation, fill };
}

/**
 * Applies per-sample op chains to an augmentation's tensor. The inputs: every op, on values
 * normalised to [0, 1] by the value range, returned float32 (untouched samples exactly as they
 * were). An aligned target: the geometric ops only, in its own dtype (int32 class maps resample
 * nearest).
 */
export function applyOpChains(where: string, x: Tensor, chains: readonly (readonly OpStep[] | null)[], ctx: AugmentApplyContext<ChainOptions>): Tensor {
  const { valueRange } = ctx.options;
  return tidy(() => {
    const op = opContext(where, x, ctx);
    if (ctx.tensorName !== 'inputs') {
      const out = runChains(x, chains, op, false);
      return out === x ? clone(x) : out;
    }
    const n = normalise(x, valueRange);
    if (chains.every((c) => c === null)) return clone(denormalise(n, valueRange));
    return onlyActive(x, denormalise(runChains(n, chains, op, true), valueRange), chains);
  });
}

import { clone, concat, gather, tidy, type Tensor } from '@tensorflow/tfjs-core';
import type { Patch } from '@mixzoo/core';
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
 * at that position is the same run it together (gathered, one batched op; the whole batch as it
 * is when they all do), then every sample is put back in place with whole-image row copies
 * (`pastePatches`). `photometric: false` (aligned targets) runs the geometric ops only. Call
 * inside tidy.
 */
export function runChains(x: Tensor, chains: readonly (readonly OpStep[] | null)[], ctx: OpContext, photometric: boolean): Tensor {
  const longest = Math.max(0, ...chains.map((chain) => chain?.length ?? 0));
  const [batch, h, w] = x.shape;
  const whole = { y0: 0, x0: 0, y1: h, x1: w };
  let current = x;
  for (let k = 0; k < longest; k++) {
    const groups = new Map<OpName, number[]>();
    chains.forEach((chain, i) => {
      const step = chain?.[k];
      if (!step || step.op === 'identity' || (!photometric && !isGeometric(step.op))) return;
      groups.set(step.op, [...(groups.get(step.op) ?? []), i]);
    });
    const valuesOf = (members: readonly number[]) => members.map((i) => (chains[i] as OpStep[])[k].value);
    const [first] = groups;
    if (groups.size === 1 && first[1].length === batch) {
      current = applyOp(first[0], current, valuesOf(first[1]), ctx);
      continue;
    }
    const patches: Patch[][] = Array.from({ length: batch }, () => []);
    const outputs: Tensor[] = [];
    let offset = 0;
    for (const [op, members] of groups) {
      outputs.push(applyOp(op, gather(current, members), valuesOf(members), ctx));
      members.forEach((i, j) => patches[i].push({ source: offset + j, box: whole }));
      offset += members.length;
    }
    if (outputs.length > 0) current = ctx.kernels.pastePatches(current, patches, outputs.length === 1 ? outputs[0] : concat(outputs));
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
    const out = denormalise(runChains(n, chains, op, true), valueRange);
    return chains.includes(null) ? onlyActive(x, out, chains) : out === x ? clone(x) : out;
  });
}

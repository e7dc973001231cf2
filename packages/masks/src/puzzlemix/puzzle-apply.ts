import { MixzooError, type ApplyContext, type MixPlan, type Patch } from '@mixzoo/core';
import * as tf from '@tensorflow/tfjs-core';
import { blockBox } from './blocks.js';
import type { PuzzleExtra } from './puzzle-plan.js';

/**
 * Per sample, the patches that build a transported image on a zero canvas: output block j shows
 * block `map[i][j]` of sample `sourceOf(i)` (nothing, i.e. zeros, where −1); samples that
 * `unmixed` returns patches for (rows without a mask, left out by a composition) get those instead.
 */
function transportPatches(map: number[][], sourceOf: (i: number) => number, t: number, height: number, width: number, unmixed: (i: number) => Patch[] | undefined): Patch[][] {
  return map.map((row, i) => {
    const instead = unmixed(i);
    if (instead) return instead;
    return row.flatMap((from, j) => {
      if (from < 0) return [];
      const { y0, x0 } = blockBox(from, t, height, width);
      return [{ source: sourceOf(i), box: blockBox(j, t, height, width), from: { y: y0, x: x0 } }];
    });
  });
}

/**
 * Pixels of a puzzlemix plan: each sample's own image and its partner's, blocks moved as the plan's
 * transport says (pasted on zeros with the kernel's row copies), then blended by the plan's mask
 * through the shared default (`m·T(x1) + (1 − m)·T(x2)`, so int32 maps follow the default's rules).
 * Without a transport it is the plain mask blend. Targets of another size get the same grid of
 * blocks, so T must divide their size too.
 */
export function applyPuzzle(x: tf.Tensor, plan: MixPlan<PuzzleExtra>, ctx: ApplyContext<unknown>): tf.Tensor {
  const transport = plan.extra?.transport;
  if (!transport) return ctx.applyDefault(x, plan, ctx.partnerInputs);
  const [, height = 0, width = 0] = x.shape;
  const t = transport.blocks;
  if (height % t !== 0 || width % t !== 0) {
    throw new MixzooError('E_TARGET', `puzzlemix: '${ctx.tensorName}' is ${height}×${width}, which the plan's ${t}×${t} transport grid does not divide.`);
  }
  const rows = plan.masks?.data;
  const unmasked = (i: number) => (rows?.length === 1 ? rows[0] : rows?.[i]) == null;
  // An unmasked sample keeps its own image (the blend reads only that side for it).
  const whole = (i: number) => (unmasked(i) ? [{ source: i, box: { y0: 0, x0: 0, y1: height, x1: width } }] : undefined);
  const own = transportPatches(transport.own, (i) => i, t, height, width, whole);
  const theirs = transportPatches(transport.partner, (i) => plan.partner[i], t, height, width, (i) => (unmasked(i) ? [] : undefined));
  return tf.tidy(() => {
    const canvas = tf.zerosLike(x);
    const movedOwn = ctx.kernels.pastePatches(canvas, own, x);
    const movedPartner = ctx.kernels.pastePatches(canvas, theirs, ctx.partnerInputs ?? x);
    return ctx.applyDefault(movedOwn, { ...plan, partner: plan.partner.map((_, i) => i) }, movedPartner);
  });
}

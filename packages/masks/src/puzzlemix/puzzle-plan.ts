import { describeValue, isObject, MixzooError, type MixPlan, type PlanBounds } from '@mixzoo/core';

/** Where each output block comes from, on a T×T grid (row-major): a source block, or −1 for zeros. */
export type BlockTransport = {
  /** Blocks per side (T). */
  blocks: number;
  /** Per sample: the block of its own image each output block shows. */
  own: number[][];
  /** Per sample: the block of its partner each output block shows. */
  partner: number[][];
};

/** `plan.extra` of a puzzlemix plan (absent on unmixed plans). */
// Types, not interfaces: plans' `extra` must be assignable to Record<string, unknown>.
export type PuzzleExtra = {
  /** Blocks per side of the labelling grid (K). */
  blocks: number;
  /** The transport of salient blocks (absent when `transport` is off). */
  transport?: BlockTransport;
};

function fail(message: string): MixzooError {
  return new MixzooError('E_PLAN', `puzzlemix: plan ${message}`);
}

/** A transport map row: T² entries, each −1 or a block index, no block used twice. */
function checkRow(name: string, row: unknown, n: number): void {
  if (!Array.isArray(row) || row.length !== n) throw fail(`'${name}' must have ${n} entries (one per block), got ${describeValue(row)}.`);
  const used = new Set<number>();
  row.forEach((v: unknown, j) => {
    if (!Number.isInteger(v) || (v as number) < -1 || (v as number) >= n) throw fail(`'${name}[${j}]' must be -1 or a block index below ${n}, got ${describeValue(v)}.`);
    if ((v as number) >= 0 && used.has(v as number)) throw fail(`'${name}' uses block ${String(v)} twice; each block moves to at most one place.`);
    used.add(v as number);
  });
}

/**
 * Checks `extra` of a (possibly hand-written) puzzlemix plan: the labelling grid, and a transport
 * whose grid divides the images, with a row per sample of valid, non-repeating block indices.
 */
export function checkPuzzlePlan(plan: MixPlan<PuzzleExtra>, bounds: PlanBounds): void {
  // A hand-written or deserialized plan may hold anything here.
  const extra = plan.extra as Readonly<Record<string, unknown>> | undefined;
  if (extra === undefined) return;
  if (!isObject(extra) || !Number.isInteger(extra.blocks) || (extra.blocks as number) < 1) {
    throw fail(`'extra' must be { blocks, transport? } with an integer 'blocks' >= 1, got ${describeValue(extra)}.`);
  }
  const transport = extra.transport as Readonly<Record<string, unknown>> | undefined;
  if (transport === undefined) return;
  if (!isObject(transport) || !Number.isInteger(transport.blocks) || (transport.blocks as number) < 1) {
    throw fail(`'extra.transport' must be { blocks, own, partner } with an integer 'blocks' >= 1, got ${describeValue(transport)}.`);
  }
  if (plan.masks === undefined) throw fail(`has 'extra.transport' but no 'masks': the transported images are blended by the masks.`);
  const t = transport.blocks as number;
  const { height, width, batchSize } = bounds;
  if ((height !== undefined && height % t !== 0) || (width !== undefined && width % t !== 0)) {
    throw fail(`'extra.transport.blocks' ${t} must divide the image size ${String(height)}×${String(width)}.`);
  }
  for (const side of ['own', 'partner'] as const) {
    const rows = transport[side];
    if (!Array.isArray(rows) || rows.length !== batchSize) throw fail(`'extra.transport.${side}' must hold one row per sample (${batchSize}), got ${describeValue(rows)}.`);
    rows.forEach((row: unknown, i) => checkRow(`extra.transport.${side}[${i}]`, row, t * t));
  }
}

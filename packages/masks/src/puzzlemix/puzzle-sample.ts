import { describeValue, drawCoins, identityPlan, isObject, MixzooError, shapeText, type MixPlan, type ModelMaps, type SampleContext } from '@mixzoo/core';
import { BLOCK_COUNTS, blockShares, upsampleGrid } from './blocks.js';
import { exactLabels } from './exact.js';
import { maskLevel } from './labelling.js';
import { buildLabelling } from './problem.js';
import type { PuzzleExtra } from './puzzle-plan.js';
import { cellSide, poolImage, type PooledImage } from './smoothness.js';
import { alphaBetaSwap } from './swap.js';
import { transportBlocks } from './transport.js';

export interface PuzzleOptions {
  alpha: number;
  beta: number;
  gamma: number;
  eta: number;
  neighSize: number;
  nLabels: number;
  solver: 'exact' | 'swap';
  transport: boolean;
  tEps: number;
  tSize: number;
  prob: number;
}

type PuzzleContext = SampleContext<PuzzleOptions, unknown, { spatial: true }>;

const shapeError = (message: string) => new MixzooError('E_SHAPE', `puzzlemix.sample: ${message}`);

/** The saliency maps of the batch: one H×W row of finite values >= 0 per sample. */
function readSaliency(maps: ModelMaps | undefined, b: number, height: number, width: number): number[][] {
  if (!isObject(maps) || maps.height !== height || maps.width !== width || !Array.isArray(maps.data) || maps.data.length !== b) {
    const got = isObject(maps) && Array.isArray(maps.data) ? `${maps.data.length} maps of ${String(maps.height)}×${String(maps.width)}` : describeValue(maps);
    throw shapeError(`'model.saliency' must hold ${b} maps of ${height}×${width} (one per sample, the images' size), got ${got}.`);
  }
  maps.data.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== height * width || !row.every((v) => typeof v === 'number' && v >= 0 && Number.isFinite(v))) {
      throw shapeError(`'model.saliency.data[${i}]' must be ${height * width} finite numbers >= 0 (e.g. the input-gradient magnitude), got ${describeValue(row)}.`);
    }
  });
  return maps.data;
}

/** The batch's pixels (NHWC) for the smoothness term: in [0, 1], where its edge weights stay >= 0. */
function readPixels(ctx: PuzzleContext): { data: ArrayLike<number>; channels: number } {
  const { inputs, batchSize: b, height, width } = ctx;
  if (inputs === undefined) throw shapeError(`the smoothness term (gamma > 0) needs the inputs, got none.`);
  const [ib, ih, iw, channels] = inputs.shape;
  if (inputs.rank !== 4 || ib !== b || ih !== height || iw !== width) {
    throw shapeError(`the images must be NHWC [${b}, ${height}, ${width}, C] like the sample shape, got ${shapeText(inputs.shape)}.`);
  }
  const data = inputs.dataSync();
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  if (!(lo >= 0 && hi <= 1)) {
    throw shapeError(`the smoothness term (gamma > 0) needs 'inputs' in [0, 1] (unnormalised pixels), got values in [${lo}, ${hi}]; scale them, or set gamma 0.`);
  }
  return { data, channels };
}

/**
 * Transport grid: the mask blocks (T = K) unless tSize cuts each block's width into f >= 2 cells
 * of tSize pixels, f also divides the block height and T = K·f <= 16 (the reference's grids).
 */
export function transportGrid(k: number, height: number, width: number, tSize: number): number {
  const [bh, bw] = [height / k, width / k];
  const f = bw / tSize;
  return tSize > 0 && Number.isInteger(f) && f >= 2 && bh % f === 0 && k * f <= 16 ? k * f : k;
}

/**
 * A puzzlemix plan (follows snu-mllab/PuzzleMix mixup.py `mixup_process` / `mixup_graph`): one
 * random permutation, λ ~ Beta(α, α) and K blocks per side for the batch; per sample the
 * saliency-guided labelling of the K×K blocks (exact minimum or α-β swap), the transport of each
 * image's salient blocks, and λ_i = the mask's mean. Every sample is puzzled, also one paired
 * with itself (as the reference).
 */
export function samplePuzzle(ctx: PuzzleContext): MixPlan<PuzzleExtra> {
  const { batchSize: b, height, width, options } = ctx;
  if (ctx.external !== undefined || ctx.partnerInputs !== undefined) {
    throw shapeError(`puzzlemix pairs the samples of one batch (it needs both images' saliency); a partner batch is not supported.`);
  }
  const saliency = readSaliency(ctx.model?.saliency, b, height, width);
  const { partner: self, lambda: ones } = identityPlan('puzzlemix', b);
  const unmixed: MixPlan<PuzzleExtra> = { strategy: 'puzzlemix', partner: self, lambda: ones, height, width };
  const grids = BLOCK_COUNTS.filter((k) => height % k === 0 && width % k === 0);
  const [mixing] = drawCoins(ctx.rng, 1, options.alpha > 0 ? options.prob : 0);
  if (b === 0 || grids.length === 0 || !mixing) return unmixed;
  const partner = ctx.rng.stream('pairing').permutation(b);
  const lambda = ctx.rng.stream('lambda').beta(options.alpha, options.alpha);
  const k = grids[ctx.rng.stream('geometry').int(grids.length)];
  const [bh, bw] = [height / k, width / k];
  const [cellH, cellW] = [cellSide(bh, options.neighSize), cellSide(bw, options.neighSize)];
  const perBlock = [bh / cellH, bw / cellW] as const;
  const pixels = options.gamma > 0 ? readPixels(ctx) : undefined;
  // Each image is pooled once, whether it is mixed as own or as partner.
  const pooled = new Map<number, PooledImage>();
  const poolOf = ({ data, channels }: { data: ArrayLike<number>; channels: number }, i: number) => {
    let image = pooled.get(i);
    if (!image) pooled.set(i, (image = poolImage(data, i, { height, width, channels }, cellH, cellW)));
    return image;
  };
  const t = transportGrid(k, height, width, options.tSize);
  const solve = options.solver === 'swap' ? alphaBetaSwap : exactLabels;
  const masks: number[][] = [];
  const own: number[][] = [];
  const theirs: number[][] = [];
  for (let i = 0; i < b; i++) {
    const j = partner[i];
    const problem = buildLabelling({
      k,
      ownShares: blockShares(saliency[i], height, width, k),
      partnerShares: blockShares(saliency[j], height, width, k),
      pixels: pixels && { own: poolOf(pixels, i), partner: poolOf(pixels, j), perBlock },
      lambda,
      labels: options.nLabels,
      beta: options.beta,
      gamma: options.gamma,
      eta: options.eta,
    });
    const blocks = Array.from(solve(problem), (l) => maskLevel(l, options.nLabels));
    masks.push(upsampleGrid(blocks, k, height, width));
    if (options.transport) {
      const mask = upsampleGrid(blocks, k, t, t);
      own.push(transportBlocks(t, blockShares(saliency[i], height, width, t), mask.map((m) => m > 0), options.tEps));
      theirs.push(transportBlocks(t, blockShares(saliency[j], height, width, t), mask.map((m) => m < 1), options.tEps));
    }
  }
  return {
    strategy: 'puzzlemix',
    partner,
    lambda: masks.map((row) => row.reduce((s, v) => s + v, 0) / row.length),
    masks: { height, width, data: masks },
    height,
    width,
    extra: { blocks: k, ...(options.transport ? { transport: { blocks: t, own, partner: theirs } } : {}) },
  };
}

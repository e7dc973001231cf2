import { fill as filled, tensor, tidy } from '@tensorflow/tfjs-core';
import { createRng, MixzooError, type Box } from '@mixzoo/core';
import { z } from 'zod';
import { augmentProb, defineAugmentation } from '../augmentation.js';
import { fillFor } from '../geometry.js';
import { roundHalfEven } from '../ops/round.js';

const ATTEMPTS = 10;
const SEEDS = 2 ** 32;

/**
 * Height and width of a box of `area` pixels and aspect ratio h/w `aspect`, as timm and
 * torchvision compute them: h = round(√(area · aspect)), w = round(√(area / aspect)) (halves to
 * even, as Python's round); null when the box does not fit (h < H and w < W are required).
 */
export function eraseSize(area: number, aspect: number, height: number, width: number): { h: number; w: number } | null {
  const h = roundHalfEven(Math.sqrt(area * aspect));
  const w = roundHalfEven(Math.sqrt(area / aspect));
  return h < height && w < width ? { h, w } : null;
}

/** A sample's boxes, with one value per box and channel ('rand') or the seed of its per-pixel noise ('pixel'). */
interface ErasingParams {
  boxes: Box[];
  values?: number[][];
  seed?: number;
}

const box = (height: number, width: number) =>
  z.strictObject({ y0: z.int().min(0).max(height), x0: z.int().min(0).max(width), y1: z.int().min(0).max(height), x1: z.int().min(0).max(width) })
    .refine((b) => b.y0 <= b.y1 && b.x0 <= b.x1, 'y0 <= y1 and x0 <= x1');

/**
 * Random Erasing as timm implements it: `count` boxes per sample (uniform in [minCount,
 * maxCount]), each of area U(minArea, maxArea) · H · W / count and aspect exp(U(ln minAspect,
 * ln maxAspect)), retried up to 10 times until it fits (else that box is skipped), at a uniform
 * position; erased with `value` ('const'), one N(0, 1) value per channel ('rand') or per pixel
 * ('pixel'). Targets pass untouched. Fused row copies (pastePatches).
 */
export const randomErasing = defineAugmentation({
  name: 'random-erasing',
  family: 'random-erasing',
  reference: 'Zhong et al., Random Erasing Data Augmentation, AAAI 2020; timm RandomErasing (timm/data/random_erasing.py) and torchvision.transforms.v2 RandomErasing.',
  summary: 'Erases random rectangles of random area and aspect ratio with a constant, a random colour or per-pixel noise.',
  options: z.strictObject({
    minArea: z.number().gt(0).max(1).default(0.02).describe('Smallest erased area, as a fraction of the image (divided among the boxes).'),
    maxArea: z.number().gt(0).max(1).default(1 / 3).describe('Largest erased area, as a fraction of the image (divided among the boxes).'),
    minAspect: z.number().gt(0).default(0.3).describe('Smallest aspect ratio h / w; log-uniform between it and maxAspect.'),
    maxAspect: z.number().gt(0).optional().describe('Largest aspect ratio h / w (default 1 / minAspect).'),
    mode: z.enum(['const', 'rand', 'pixel']).default('const')
      .describe("'const': the value `value`; 'rand': one N(0, 1) value per box and channel; 'pixel': N(0, 1) per pixel (timm's train.py default), for normalised inputs."),
    value: z.number().default(0).describe("Value of 'const' erasing (an integer for int32 images)."),
    minCount: z.number().int().min(1).default(1).describe('Fewest boxes per erased sample.'),
    maxCount: z.number().int().min(1).optional().describe('Most boxes per erased sample (default minCount); the count is uniform in between.'),
    prob: augmentProb(0.5),
  }),
  geometric: false,
  setup(options) {
    if (options.minArea > options.maxArea) {
      throw new MixzooError('E_OPTION', `random-erasing: options 'minArea' and 'maxArea' must satisfy minArea <= maxArea, got ${options.minArea} and ${options.maxArea}.`);
    }
    const maxAspect = options.maxAspect ?? 1 / options.minAspect;
    if (options.minAspect > maxAspect) {
      throw new MixzooError('E_OPTION', `random-erasing: options 'minAspect' and 'maxAspect' must satisfy minAspect <= maxAspect, got ${options.minAspect} and ${maxAspect}.`);
    }
    if (options.maxCount !== undefined && options.maxCount < options.minCount) {
      throw new MixzooError('E_OPTION', `random-erasing: option 'maxCount' must be >= minCount (${options.minCount}), got ${options.maxCount}.`);
    }
  },
  params: (options, { height, width }): z.ZodType<ErasingParams> => {
    const boxes = z.array(box(height, width)).max(options.maxCount ?? options.minCount);
    if (options.mode === 'rand') return z.strictObject({ boxes, values: z.array(z.array(z.number()).min(1)) }).refine((p) => p.values.length === p.boxes.length, 'one values row per box');
    if (options.mode === 'pixel') return z.strictObject({ boxes, seed: z.int().min(0).max(SEEDS - 1) });
    return z.strictObject({ boxes });
  },
  draw({ rng, options, height, width, channels }): ErasingParams {
    const { minCount } = options;
    const maxCount = options.maxCount ?? minCount;
    const count = minCount === maxCount ? minCount : minCount + rng.int(maxCount - minCount + 1);
    const logAspect = [Math.log(options.minAspect), Math.log(options.maxAspect ?? 1 / options.minAspect)] as const;
    const boxes: Box[] = [];
    const values: number[][] = [];
    for (let b = 0; b < count; b++) {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const area = (rng.uniform(options.minArea, options.maxArea) * height * width) / count;
        const size = eraseSize(area, Math.exp(rng.uniform(logAspect[0], logAspect[1])), height, width);
        if (!size) continue;
        const y0 = rng.int(height - size.h + 1);
        const x0 = rng.int(width - size.w + 1);
        boxes.push({ y0, x0, y1: y0 + size.h, x1: x0 + size.w });
        if (options.mode === 'rand') values.push(Array.from({ length: channels }, () => rng.normal()));
        break;
      }
    }
    if (options.mode === 'rand') return { boxes, values };
    if (options.mode === 'pixel') return { boxes, seed: rng.int(SEEDS) };
    return { boxes };
  },
  apply(x, params, ctx) {
    const [batch, h, w, c] = x.shape;
    const { mode } = ctx.options;
    const patches = params.map((p, i) => (p ? p.boxes.map((b) => ({ source: mode === 'const' ? 0 : i, box: b })) : []));
    if (mode === 'const') {
      const value = fillFor('random-erasing', x, ctx.options.value, ctx.tensorName);
      return tidy(() => ctx.kernels.pastePatches(x, patches, filled([1, h, w, c], value, x.dtype)));
    }
    if (x.dtype !== 'float32') throw new MixzooError('E_OPTION', `random-erasing: mode '${mode}' writes N(0, 1) values and needs float32 inputs, got ${x.dtype}.`);
    // The erasing values of every sample, written box after box (a later box wins where boxes overlap, as in timm).
    const source = new Float32Array(x.size);
    params.forEach((p, i) => {
      if (!p) return;
      const noise = p.seed === undefined ? undefined : createRng(p.seed);
      p.boxes.forEach((b, k) => {
        const colour = p.values?.[k];
        if (!noise && colour?.length !== c) {
          throw new MixzooError('E_PLAN', `random-erasing: plan 'params[${i}].values[${k}]' must hold one value per channel (${c}), got ${colour?.length ?? 0}.`);
        }
        for (let ch = 0; ch < c; ch++) {
          for (let r = b.y0; r < b.y1; r++) {
            for (let col = b.x0; col < b.x1; col++) source[((i * h + r) * w + col) * c + ch] = noise ? noise.normal() : (colour as number[])[ch];
          }
        }
      });
    });
    return tidy(() => ctx.kernels.pastePatches(x, patches, tensor(source, [batch, h, w, c], 'float32')));
  },
});

import * as tfl from '@tensorflow/tfjs-layers';
import { MixLayer } from '@mixzoo/mixup';
import type { ChannelNormalization } from '../../types.js';
import { Standardize } from '../standardize.js';
import { ClassTokenOf, ClassTokenPosition, LayerNorm, Patchify, ScaledDotAttention } from './layers.js';

/** Embedding width, heads, blocks and MLP width of the lab's tiny ViT. */
export const VIT_SIZE = { dim: 32, heads: 2, depth: 2, mlp: 64 } as const;

/** Largest patch grid side the tiny ViT uses: at most 8×8 patches keeps attention cheap (T ≤ 65 tokens). */
const MAX_GRID = 8;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The patch side for H×W images: the smallest common divisor of H and W that gives at most 8
 * patches per side (28 → 4, a 7×7 grid; 32 → 4, 8×8; 64 → 8), else their greatest common divisor.
 */
export function vitPatchSize(height: number, width: number): number {
  const common = gcd(height, width);
  for (let p = 1; p < common; p++) {
    if (common % p === 0 && height / p <= MAX_GRID && width / p <= MAX_GRID) return p;
  }
  return common;
}

const dense = (units: number, activation?: 'gelu' | 'softmax') => tfl.layers.dense({ units, activation, kernelInitializer: 'zeros' });
const norm = () => new LayerNorm({});
const add = (a: tfl.SymbolicTensor, b: tfl.SymbolicTensor) => tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;

/** Pre-norm transformer block: x + attention(LN(x)), then + MLP(LN(·)) with GELU. */
function block(x: tfl.SymbolicTensor): tfl.SymbolicTensor {
  const { dim, heads, mlp } = VIT_SIZE;
  const qkv = dense(3 * dim).apply(norm().apply(x)) as tfl.SymbolicTensor;
  const [attended] = new ScaledDotAttention({ heads }).apply(qkv) as tfl.SymbolicTensor[];
  const h = add(x, dense(dim).apply(attended) as tfl.SymbolicTensor);
  const hidden = dense(mlp, 'gelu').apply(norm().apply(h)) as tfl.SymbolicTensor;
  return add(h, dense(dim).apply(hidden) as tfl.SymbolicTensor);
}

/**
 * A tiny Vision Transformer (Dosovitskiy et al. 2021, DeiT-style class token): p×p patches
 * (vitPatchSize) → dense embedding (32) → class token + position embeddings → 2 pre-norm blocks
 * (2 heads, MLP 64) → LayerNorm → class token → softmax. No dropout. Every ScaledDotAttention
 * layer also outputs its attention probabilities (see vitAttention). MixLayer only at depth 0.
 */
export function vit(inputShape: number[], numClasses: number, mixAt: readonly number[] = [], normalization?: ChannelNormalization): tfl.LayersModel {
  const [height, width] = inputShape;
  const input = tfl.input({ shape: inputShape });
  const standardized = normalization ? (new Standardize(normalization).apply(input) as tfl.SymbolicTensor) : input;
  const mixed = mixAt.includes(0) ? (new MixLayer({ depth: 0 }).apply(standardized) as tfl.SymbolicTensor) : standardized;
  const patches = new Patchify({ patchSize: vitPatchSize(height, width) }).apply(mixed) as tfl.SymbolicTensor;
  let h = new ClassTokenPosition({}).apply(dense(VIT_SIZE.dim).apply(patches)) as tfl.SymbolicTensor;
  for (let i = 0; i < VIT_SIZE.depth; i++) h = block(h);
  const cls = new ClassTokenOf({}).apply(norm().apply(h)) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: dense(numClasses, 'softmax').apply(cls) as tfl.SymbolicTensor });
}

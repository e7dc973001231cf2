import type { ModelContext, ModelContextKind, ModelMaps } from 'mixzoo';

/** Where synthetic context is drawn: the batch shape of the plan that will use it. */
export interface ContextShape {
  batchSize: number;
  height?: number;
  width?: number;
}

/** Seeded positive values (no Math.random): sample i, cell k. */
function cell(seed: number, i: number, k: number): number {
  return (Math.sin(seed * 12.9898 + i * 78.233 + k * 0.731) + 1.05) / 2.1;
}

function maps(shape: ContextShape, seed: number, grid?: number): ModelMaps {
  const height = grid ?? shape.height ?? 1;
  const width = grid ?? shape.width ?? 1;
  const data = Array.from({ length: shape.batchSize }, (_, i) => Array.from({ length: height * width }, (_, k) => cell(seed, i, k)));
  return { height, width, data };
}

/**
 * A deterministic model context for cross-strategy suites (fuzz, golden plans, leaks...), standing
 * in for what `modelContext` computes from a real model: positive saliency and CAM maps on the
 * image grid, attention on a 2×2 patch grid, 8 features per sample.
 */
export function syntheticModelContext(kinds: readonly ModelContextKind[], shape: ContextShape, seed = 1): ModelContext {
  const context: ModelContext = {};
  for (const kind of kinds) {
    if (kind === 'saliency') context.saliency = maps(shape, seed);
    else if (kind === 'cam') context.cam = maps(shape, seed + 1);
    else if (kind === 'attention') context.attention = maps(shape, seed + 2, 2);
    else context.features = Array.from({ length: shape.batchSize }, (_, i) => Array.from({ length: 8 }, (_, k) => cell(seed + 3, i, k)));
  }
  return context;
}

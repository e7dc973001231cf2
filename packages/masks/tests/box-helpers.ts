import { createZoo, tf, type Box, type MixPlan, type MixResult, type Zoo } from 'mixzoo';
import { expect } from 'vitest';

export const MODES = ['batch', 'elem', 'pair'] as const;
export const PAIRINGS = ['random', 'derangement', 'flip', 'roll'] as const;

export async function zooOn(backend: 'cpu' | 'wasm' = 'cpu', seed: number | string = 1): Promise<Zoo> {
  return createZoo({ seed, backend });
}

/**
 * Images whose every value names its origin: sample i, row y, column x, channel c holds
 * ((i·H + y)·W + x)·C + c + 1, so an output value tells exactly where it was copied from.
 */
export function codedImages(b: number, h: number, w: number, c = 3, dtype: 'float32' | 'int32' = 'float32'): tf.Tensor4D {
  const values = Array.from({ length: b * h * w * c }, (_, k) => k + 1);
  return tf.tensor4d(values, [b, h, w, c], dtype);
}

/** Decodes a coded value: [sample, y, x, channel]. */
export function origin(value: number, h: number, w: number, c: number): [number, number, number, number] {
  const k = Math.round(value) - 1;
  return [Math.floor(k / (h * w * c)), Math.floor(k / (w * c)) % h, Math.floor(k / c) % w, k % c];
}

/** Reads an NHWC tensor as out[i][y][x][c]. */
export function read4d(t: tf.Tensor): number[][][][] {
  return t.arraySync() as number[][][][];
}

export function inBox(box: Box | null | undefined, y: number, x: number): boolean {
  return !!box && y >= box.y0 && y < box.y1 && x >= box.x0 && x < box.x1;
}

/**
 * For hard same-position strategies (cutmix, gridmix, saliencymix): every output value is the
 * sample's own or its partner's value at the same position and channel. Returns, per sample, the
 * H×W ownership (true = own) so callers can compare it with the plan's geometry.
 */
export function samePositionOwnership(out: tf.Tensor, plan: MixPlan): boolean[][][] {
  const [b, h, w, c] = out.shape as number[];
  const data = read4d(out);
  const problems: string[] = [];
  const ownership = Array.from({ length: b }, (_, i) =>
    Array.from({ length: h }, (_, y) =>
      Array.from({ length: w }, (_, x) => {
        const sources = data[i][y][x].map((v) => origin(v, h, w, c));
        const from = sources[0][0];
        const ok = (from === i || from === plan.partner[i]) && sources.every(([s, sy, sx, sc], ch) => s === from && sy === y && sx === x && sc === ch);
        if (!ok && problems.length < 5) problems.push(`sample ${i} pixel (${y}, ${x}) came from ${JSON.stringify(sources)}`);
        return from === i;
      }),
    ),
  );
  expect(problems).toEqual([]);
  return ownership;
}

/** Fraction of true values of an H×W boolean grid. */
export function fractionTrue(grid: boolean[][]): number {
  const flat = grid.flat();
  return flat.filter(Boolean).length / flat.length;
}

/** One-hot labels i -> class i (B classes), so label rows show each sample's share. */
export function identityLabels(b: number): { labels: tf.Tensor; numClasses: number } {
  return { labels: tf.tensor1d(Array.from({ length: b }, (_, i) => i), 'int32'), numClasses: Math.max(b, 1) };
}

/** Runs `fn`, disposes what it returns, and checks no tensor was left behind (also when it throws). */
export function expectNoLeak(fn: () => MixResult | tf.Tensor | tf.Tensor[] | void): void {
  const before = tf.memory().numTensors;
  try {
    const out = fn();
    if (out instanceof tf.Tensor || Array.isArray(out)) tf.dispose(out);
    else if (out) tf.dispose([out.inputs, ...(out.labels ? [out.labels] : []), ...Object.values(out.targets ?? {})]);
  } catch (error) {
    expect(tf.memory().numTensors).toBe(before);
    throw error;
  }
  expect(tf.memory().numTensors).toBe(before);
}

export function disposeResult(out: MixResult): void {
  tf.dispose([out.inputs, ...(out.labels ? [out.labels] : []), ...Object.values(out.targets ?? {})]);
}

/** The row (or column) of a plan's H-sized geometry that target index r of an h-sized target samples (nearest, half-pixel). */
export function nearestSource(r: number, from: number, to: number): number {
  return Math.min(from - 1, Math.floor(((r + 0.5) * from) / to));
}

/** Expects `fn` to throw a MixzooError with `code` whose message contains every `parts`. */
export function expectError(fn: () => unknown, code: string, ...parts: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an error').toBeInstanceOf(Error);
  expect((caught as { code?: string }).code).toBe(code);
  for (const part of parts) expect((caught as Error).message).toContain(part);
}

/**
 * Mean corrected λ of a timm-style centred box (half-extent floor(cut/2), uniform centre, clipped)
 * over side ratios `ratios` (equally weighted quadrature points), computed by enumerating every centre.
 */
export function expectedCentredBoxLambda(h: number, w: number, ratios: readonly number[], weights?: readonly number[]): number {
  const clipped = (c: number, half: number, n: number) => Math.min(n, c + half) - Math.max(0, c - half);
  let total = 0;
  let weightSum = 0;
  ratios.forEach((r, k) => {
    const halfH = Math.floor(Math.floor(h * r) / 2);
    const halfW = Math.floor(Math.floor(w * r) / 2);
    let rows = 0;
    for (let cy = 0; cy < h; cy++) rows += clipped(cy, halfH, h);
    let cols = 0;
    for (let cx = 0; cx < w; cx++) cols += clipped(cx, halfW, w);
    const meanArea = (rows / h) * (cols / w);
    const weight = weights?.[k] ?? 1;
    total += weight * (1 - meanArea / (h * w));
    weightSum += weight;
  });
  return total / weightSum;
}

import { createZoo, tf, type Box, type MixBatch, type Mixer, type MixPlan, type MixResult, type Zoo } from 'mixzoo';
import { expect } from 'vitest';
import { viaJson } from '../../../test/helpers/json.js';

export const MODES = ['batch', 'elem', 'pair'] as const;
export const PAIRINGS = ['random', 'derangement', 'flip', 'roll'] as const;
/** [B, H, W] edge cases every strategy must mix: empty and single batches, 1×1 and tiny images. */
export const EDGE_SHAPES: [number, number, number][] = [
  [0, 8, 8],
  [1, 8, 8],
  [2, 1, 1],
  [2, 2, 3],
  [7, 5, 7],
];

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

/** One-hot labels i -> class i (B classes), so label rows show each sample's share. */
export function identityLabels(b: number): { labels: tf.Tensor; numClasses: number } {
  return { labels: tf.tensor1d(Array.from({ length: b }, (_, i) => i), 'int32'), numClasses: Math.max(b, 1) };
}

/** The row (or column) of a plan's H-sized geometry that target index r of an h-sized target samples (nearest, half-pixel). */
export function nearestSource(r: number, from: number, to: number): number {
  return Math.min(from - 1, Math.floor(((r + 0.5) * from) / to));
}

export function inBox(box: Box | null | undefined, y: number, x: number): boolean {
  return !!box && y >= box.y0 && y < box.y1 && x >= box.x0 && x < box.x1;
}

/** Sample i's mask row (1 = own; one row shared in batch mode), or null when the plan has no masks. */
export function maskRow(plan: MixPlan, i: number): number[] | null {
  const data = plan.masks?.data;
  if (!data) return null;
  return data.length === 1 ? data[0] : data[i];
}

/** Fraction of true values of an H×W boolean grid. */
export function fractionTrue(grid: boolean[][]): number {
  const flat = grid.flat();
  return flat.filter(Boolean).length / flat.length;
}

/** Disposes every tensor of a mix result. */
export function disposeResult(out: MixResult): void {
  tf.dispose([out.inputs, ...(out.labels ? [out.labels] : []), ...Object.values(out.targets ?? {})]);
}

/** Runs `fn`, disposes what it returns, and checks no tensor was left behind (also when it throws). */
export function expectNoLeak(fn: () => MixResult | tf.Tensor | tf.Tensor[] | undefined): void {
  const before = tf.memory().numTensors;
  try {
    const out = fn();
    if (out instanceof tf.Tensor || Array.isArray(out)) tf.dispose(out);
    else if (out) disposeResult(out);
  } catch (error) {
    expect(tf.memory().numTensors).toBe(before);
    throw error;
  }
  expect(tf.memory().numTensors).toBe(before);
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

/**
 * Single-box paste (cutmix, saliencymix): the partner's pixels are exactly the box, λ is the area
 * actually kept (1 when unmixed), labels are λ / 1 − λ.
 */
export function checkBoxPaste(out: MixResult): void {
  const own = samePositionOwnership(out.inputs, out.plan);
  out.plan.partner.forEach((p, i) => {
    const box = out.plan.boxes![i];
    const mismatches = own[i].flatMap((row, y) => row.filter((o, x) => o === inBox(box, y, x) && p !== i));
    expect(mismatches, `sample ${i}: the partner's pixels are exactly its box`).toEqual([]);
    expect(out.plan.lambda[i]).toBeCloseTo(fractionTrue(own[i]), 12);
    if (p === i) expect(out.plan.lambda[i]).toBe(1);
  });
  if (out.labels) expectPairLabels(out.labels, out.plan);
}

/** Two-way label rows of identity labels: λ on the sample itself and 1 − λ on its partner; 1 when unmixed. */
export function expectPairLabels(labels: tf.Tensor, plan: MixPlan): void {
  const rows = labels.arraySync() as number[][];
  plan.partner.forEach((p, i) => {
    expect(rows[i][i]).toBeCloseTo(p === i ? 1 : plan.lambda[i], 6);
    if (p !== i) expect(rows[i][p]).toBeCloseTo(1 - plan.lambda[i], 6);
  });
}

/**
 * Expects every value of a coded single-channel target (codedImages, of any size) to be copied from
 * the same position of sample `sourceAt(i, y, x)`, (y, x) being the nearest pixel of the plan's geometry.
 */
export function expectSources(target: tf.Tensor, plan: MixPlan, sourceAt: (i: number, y: number, x: number) => number): void {
  const [b, h, w, c] = target.shape as number[];
  const data = read4d(target);
  for (let i = 0; i < b; i++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const source = sourceAt(i, nearestSource(y, plan.height!, h), nearestSource(x, plan.width!, w));
        expect(origin(data[i][y][x][0], h, w, c)).toEqual([source, y, x, 0]);
      }
    }
  }
}

/** An int32 map of the inputs' size keeps its dtype and is mixed exactly like the (coded) inputs. */
export function expectCopiedMap(map: tf.Tensor, out: MixResult): void {
  expect(map.dtype).toBe('int32');
  expect(read4d(map)).toEqual(read4d(out.inputs));
}

/** Mixes `x` with identity labels once per mode: the output keeps the input's shape; `check` sees each result before it is disposed. */
export function mixInEachMode(zoo: Zoo, strategy: string, modes: readonly string[], x: tf.Tensor, check: (out: MixResult) => void): void {
  for (const mode of modes) {
    const out = zoo.create(strategy, { mode }).mix({ inputs: x, ...identityLabels(x.shape[0]) });
    expect(out.inputs.shape).toEqual(x.shape);
    check(out);
    disposeResult(out);
  }
}

/** Applies `first.plan` again after a JSON round trip: the pixels, and the labels when `batch` has some, come out the same. */
export function expectReplay(mixer: Mixer, batch: MixBatch, first: MixResult): void {
  const again = mixer.apply(batch, viaJson(first.plan));
  expect(read4d(again.inputs)).toEqual(read4d(first.inputs));
  if (batch.labels) expect(again.labels!.arraySync()).toEqual(first.labels!.arraySync());
  disposeResult(again);
}

/** Samples a plan for `x`, applies it with identity labels and replays it from JSON (expectReplay). */
export function expectPlanReplays(mixer: Mixer, x: tf.Tensor): void {
  const [batchSize, height, width] = x.shape;
  const batch = { inputs: x, ...identityLabels(batchSize) };
  const first = mixer.apply(batch, mixer.sample({ batchSize, height, width }));
  expectReplay(mixer, batch, first);
  tf.dispose(batch.labels);
  disposeResult(first);
}

/** Mixes `batch` and replays its plan from JSON (expectReplay); the inputs stay untouched and nothing leaks. */
export function expectCleanReplay(mixer: Mixer, batch: MixBatch): void {
  const before = read4d(batch.inputs);
  expectNoLeak(() => {
    const first = mixer.mix(batch);
    expectReplay(mixer, batch, first);
    return first;
  });
  expect(read4d(batch.inputs)).toEqual(before);
}

/**
 * Runs `run` on the cpu zoo, then on a wasm zoo seeded with `seed` (checking the backend did switch),
 * and switches back to cpu before returning both results.
 */
export async function onCpuAndWasm<T>(cpu: Zoo, seed: number | string, run: (zoo: Zoo) => T): Promise<{ cpu: T; wasm: T }> {
  const onCpu = run(cpu);
  const wasm = await zooOn('wasm', seed);
  expect(tf.getBackend()).toBe('wasm');
  const onWasm = run(wasm);
  await tf.setBackend('cpu');
  return { cpu: onCpu, wasm: onWasm };
}

/** Arithmetic mean. */
export const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** Sample variance (n − 1). */
export function variance(values: readonly number[]): number {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
}

/** Population standard deviation (n). */
export function sd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Expects the mean of `values` within four standard errors of `expected`; returns the standard error. */
export function expectMeanNear(values: readonly number[], expected: number): number {
  const se = sd(values) / Math.sqrt(values.length);
  expect(Math.abs(mean(values) - expected)).toBeLessThan(4 * se);
  return se;
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

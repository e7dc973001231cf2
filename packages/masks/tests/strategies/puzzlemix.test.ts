import { builtinPlugins, createCoreZoo, kernels, tf, type KernelOpName, type KernelOps, type MixBatch, type MixPlan, type ModelContext, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticModelContext } from '../../../../test/helpers/model-context.js';
import { viaJson } from '../../../../test/helpers/json.js';
import type { PuzzleExtra } from '../../src/puzzlemix/puzzle-plan.js';
import { disposeResult, expectError, expectNoLeak, expectReplay, identityLabels, read4d, zooOn } from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 5);
});

/** Images in [0, 1] whose every value names its origin: value·(N + 1) − 1 = ((i·H + y)·W + x)·C + c. */
function unitImages(b: number, h: number, w: number, c = 2): tf.Tensor4D {
  const n = b * h * w * c;
  return tf.tensor4d(Array.from({ length: n }, (_, k) => (k + 1) / (n + 1)), [b, h, w, c]);
}

/** A saliency context from a per-pixel function. */
function saliency(b: number, h: number, w: number, at: (i: number, y: number, x: number) => number): ModelContext {
  return { saliency: { height: h, width: w, data: Array.from({ length: b }, (_, i) => Array.from({ length: h * w }, (_, p) => at(i, Math.floor(p / w), p % w))) } };
}

const extraOf = (plan: MixPlan) => plan.extra as PuzzleExtra | undefined;
/** Sample i's mask row; all ones (own pixels) when the plan has none. */
const maskOf = (plan: MixPlan, i: number) => plan.masks?.data[i] ?? new Array<number>((plan.height ?? 0) * (plan.width ?? 0)).fill(1);

/**
 * What the plan's pixels must be, computed here independently: per output pixel in block j of the
 * T×T transport grid, m·x_i[block own[i][j]] + (1 − m)·x_partner[block partner[i][j]] (−1 = 0).
 */
function expectedPixels(x: number[][][][], plan: MixPlan): number[][][][] {
  const [h, w] = [x[0].length, x[0][0].length];
  const transport = extraOf(plan)?.transport;
  const t = transport?.blocks ?? 1;
  const [th, tw] = [h / t, w / t];
  const read = (sample: number, from: number | undefined, y: number, c: number, ch: number) => {
    const j = Math.floor(y / th) * t + Math.floor(c / tw);
    const source = from ?? j;
    if (source < 0) return 0;
    return x[sample][Math.floor(source / t) * th + (y % th)][(source % t) * tw + (c % tw)][ch];
  };
  return x.map((image, i) =>
    image.map((row, y) =>
      row.map((pixel, c) =>
        pixel.map((_, ch) => {
          const j = Math.floor(y / th) * t + Math.floor(c / tw);
          const m = maskOf(plan, i)[y * w + c];
          return m * read(i, transport?.own[i][j], y, c, ch) + (1 - m) * read(plan.partner[i], transport?.partner[i][j], y, c, ch);
        }),
      ),
    ),
  );
}

function expectClose(actual: number[][][][], expected: number[][][][]): void {
  const a = actual.flat(3);
  const e = expected.flat(3);
  expect(a.length).toBe(e.length);
  const bad = a.findIndex((v, k) => !(Math.abs(v - e[k]) < 1e-6));
  expect(bad < 0 ? 'all close' : `value ${bad}: ${a[bad]} vs ${e[bad]}`).toBe('all close');
}

/** Mixes and checks pixels, labels and λ against the plan; returns the plan. */
function mixAndCheck(options: Record<string, unknown>, b: number, h: number, w: number, seed: number | string, model?: ModelContext): MixPlan {
  const x = unitImages(b, h, w);
  const labels = identityLabels(b);
  const out = zoo.create('puzzlemix', options, { seed }).mix({ inputs: x, ...labels, model: model ?? syntheticModelContext(['saliency'], { batchSize: b, height: h, width: w }, 3) });
  const { plan } = out;
  expectClose(read4d(out.inputs), expectedPixels(read4d(x), plan));
  const rows = out.labels!.arraySync() as number[][];
  plan.lambda.forEach((lambda, i) => {
    if (plan.masks) expect(lambda).toBeCloseTo(maskOf(plan, i).reduce((s, v) => s + v, 0) / (h * w), 12);
    const expected = new Array<number>(b).fill(0);
    expected[i] += lambda;
    expected[plan.partner[i]] += 1 - lambda;
    rows[i].forEach((v, k) => expect(v).toBeCloseTo(expected[k], 6));
  });
  disposeResult(out);
  tf.dispose([x, labels.labels]);
  return plan;
}

describe('puzzlemix: plans', () => {
  it('pixels are m·T(x1) + (1 − m)·T(x2) with the plan\'s transport, and labels follow λ = mean(m), over seeds', () => {
    const grids = new Set<number>();
    for (let seed = 0; seed < 8; seed++) {
      const plan = mixAndCheck({}, 5, 16, 16, seed);
      const extra = extraOf(plan)!;
      grids.add(extra.blocks);
      expect(extra.transport!.blocks).toBe(extra.blocks);
      // One permutation per batch (the reference's randperm).
      expect([...plan.partner].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    }
    expect([...grids].every((k) => [2, 4, 8, 16].includes(k))).toBe(true);
    expect(grids.size).toBeGreaterThan(1);
  });

  it('masks are constant on the K×K blocks, with the levels of nLabels (1 − l/(n − 1))', () => {
    for (const [nLabels, levels] of [[2, [0, 1]], [3, [0, 0.5, 1]], [4, [0, 1 / 3, 2 / 3, 1]]] as const) {
      const seen = new Set<number>();
      for (let seed = 0; seed < 6; seed++) {
        const plan = mixAndCheck({ nLabels }, 6, 16, 16, `levels-${seed}`);
        const k = extraOf(plan)!.blocks;
        const side = 16 / k;
        for (let i = 0; i < 6; i++) {
          const mask = maskOf(plan, i);
          mask.forEach((m, p) => {
            const [y, x] = [Math.floor(p / 16), p % 16];
            expect(m).toBe(mask[Math.floor(y / side) * side * 16 + Math.floor(x / side) * side]);
            seen.add(m);
          });
        }
      }
      [...seen].forEach((m) => expect(levels.some((l) => Math.abs(l - m) < 1e-12)).toBe(true));
      // The solver does use every level.
      expect(seen.size).toBe(nLabels);
    }
  });

  it('keeps the salient blocks of both images: own saliency on the left, partner saliency on the right (η = 0)', () => {
    // 6×6 images: K = 2 is the only grid. Sample 0 is salient on the left, sample 1 on the right.
    const model = saliency(2, 6, 6, (i, _y, x) => ((i === 0) === x < 3 ? 1 : 0));
    for (let seed = 0; seed < 5; seed++) {
      const plan = mixAndCheck({ eta: 0, gamma: 0, transport: false, alpha: 1 }, 2, 6, 6, `salient-${seed}`, model);
      if (plan.partner[0] === 0) continue;
      expect(extraOf(plan)).toEqual({ blocks: 2 });
      const left = Array.from({ length: 36 }, (_, p) => (p % 6 < 3 ? 1 : 0));
      expect(maskOf(plan, 0)).toEqual(left);
      expect(maskOf(plan, 1)).toEqual(left.map((m) => 1 - m));
    }
  });

  it('transport moves a salient block the mask gives away into a block the mask keeps', () => {
    // K = 2 (6×6). Sample 0 is salient only in block 3, sample 1 mostly in block 3 (shares .77, .077 elsewhere).
    const model = saliency(2, 6, 6, (i, y, x) => (y >= 3 && x >= 3 ? 1 : i === 0 ? 0 : 0.1));
    let checked = 0;
    for (let seed = 0; seed < 6; seed++) {
      const plan = mixAndCheck({ nLabels: 2, eta: 0, gamma: 0, tEps: 0.2 }, 2, 6, 6, `move-${seed}`, model);
      if (plan.partner[0] === 0) continue;
      checked++;
      // Block 3 costs sample 1 its partner's saliency 1 if kept, its own .77 if given away (+ 2 edges of β_n): given away.
      const blockMask = [0, 1, 2, 3].map((j) => maskOf(plan, 1)[Math.floor(j / 2) * 18 + (j % 2) * 3]);
      expect(blockMask).toEqual([1, 1, 1, 0]);
      // Its salient block 3 moves to the nearest kept block (1, the first of the two at distance 1), displacing that one.
      expect(extraOf(plan)!.transport!.own[1][1]).toBe(3);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('K is drawn only from {2, 4, 8, 16} dividing H and W (per-axis blocks), else the batch is untouched', () => {
    const grids = new Set<number>();
    for (let seed = 0; seed < 12; seed++) grids.add(extraOf(mixAndCheck({}, 3, 12, 20, `grid-${seed}`))!.blocks);
    expect([...grids].sort()).toEqual([2, 4]);
    for (const [h, w] of [[6, 5], [7, 7], [1, 1]]) {
      const plan = mixAndCheck({}, 3, h, w, 'odd');
      expect(plan.masks).toBeUndefined();
      expect(plan.lambda).toEqual([1, 1, 1]);
      expect(plan.partner).toEqual([0, 1, 2]);
    }
  });

  it('tSize: the reference CIFAR setting 4 on 32×32 moves 4×4 cells (T = 8 or 16)', () => {
    const grids = new Set<number>();
    for (let seed = 0; seed < 4; seed++) {
      const plan = mixAndCheck({ tSize: 4 }, 2, 32, 32, `t-${seed}`);
      const { blocks, transport } = extraOf(plan)!;
      expect(transport!.blocks).toBe(blocks === 16 ? 16 : 8);
      grids.add(transport!.blocks);
    }
    expect(grids.has(8)).toBe(true);
  });

  it("solver 'swap' (the reference's) gives plans too; with two labels they equal the exact ones", () => {
    const x = unitImages(4, 16, 16);
    const model = syntheticModelContext(['saliency'], { batchSize: 4, height: 16, width: 16 }, 9);
    const plan = (solver: string, nLabels: number) => zoo.create('puzzlemix', { solver, nLabels }, { seed: 2 }).sample({ batchSize: 4, height: 16, width: 16 }, { inputs: x, model });
    expect(plan('swap', 2)).toEqual(plan('exact', 2));
    mixAndCheck({ solver: 'swap' }, 4, 16, 16, 2);
    x.dispose();
  });

  it('B = 1: partner itself, label kept, and the image is still block-transported', () => {
    let changed = 0;
    for (let seed = 0; seed < 6; seed++) {
      const model = saliency(1, 8, 8, (_i, y, x) => (y < 2 && x < 2 ? 1 : 0.01));
      const plan = mixAndCheck({}, 1, 8, 8, `one-${seed}`, model);
      expect(plan.partner).toEqual([0]);
      const transport = extraOf(plan)!.transport!;
      if (transport.own[0].some((s, j) => s !== j) || transport.partner[0].some((s, j) => s !== j)) changed++;
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('zero saliency counts as uniform saliency (no NaN): the same plan as constant saliency', () => {
    const x = unitImages(3, 8, 8);
    const sample = (value: number) =>
      zoo.create('puzzlemix', {}, { seed: 4 }).sample({ batchSize: 3, height: 8, width: 8 }, { inputs: x, model: saliency(3, 8, 8, () => value) });
    const zero = sample(0);
    expect(zero).toEqual(sample(0.3));
    expect(zero.lambda.every(Number.isFinite)).toBe(true);
    x.dispose();
  });

  it('alpha 0 and prob 0 leave the batch untouched; B = 0 gives an empty plan', () => {
    for (const options of [{ alpha: 0 }, { prob: 0 }]) {
      const plan = mixAndCheck(options, 3, 8, 8, 1);
      expect(plan.lambda).toEqual([1, 1, 1]);
      expect(plan.masks).toBeUndefined();
    }
    const empty = zoo.create('puzzlemix').sample({ batchSize: 0, height: 8, width: 8 }, { inputs: tf.zeros([0, 8, 8, 1]), model: { saliency: { height: 8, width: 8, data: [] } } });
    expect(empty.lambda).toEqual([]);
  });

  it('γ = 0 needs no particular pixel range; η and β change the masks', () => {
    const x = tf.tidy(() => tf.mul(unitImages(4, 16, 16), 255));
    const model = syntheticModelContext(['saliency'], { batchSize: 4, height: 16, width: 16 }, 2);
    const sample = (options: Record<string, unknown>) => zoo.create('puzzlemix', { gamma: 0, ...options }, { seed: 8 }).sample({ batchSize: 4, height: 16, width: 16 }, { inputs: x, model });
    const base = sample({});
    expect(base.masks).toBeDefined();
    expect(sample({ beta: 40 }).masks).not.toEqual(base.masks);
    expect(sample({ eta: 5 }).masks).not.toEqual(base.masks);
    x.dispose();
  });
});

describe('puzzlemix: determinism and replay', () => {
  it('the same seed gives identical plans, another seed another plan; a JSON replay gives the same pixels without the model', () => {
    const x = unitImages(4, 16, 16);
    const model = syntheticModelContext(['saliency'], { batchSize: 4, height: 16, width: 16 }, 1);
    const sample = (seed: number) => zoo.create('puzzlemix', {}, { seed }).sample({ batchSize: 4, height: 16, width: 16 }, { inputs: x, model });
    expect(JSON.stringify(sample(11))).toBe(JSON.stringify(sample(11)));
    expect(JSON.stringify(sample(12))).not.toBe(JSON.stringify(sample(11)));
    const mixer = zoo.create('puzzlemix', {}, { seed: 3 });
    const batch: MixBatch = { inputs: x, ...identityLabels(4), model };
    const first = mixer.mix(batch);
    expectReplay(mixer, { inputs: x, labels: batch.labels, numClasses: 4 }, first);
    disposeResult(first);
    tf.dispose([x, batch.labels!]);
  });
});

describe('puzzlemix: pixels through the context\'s kernel ops', () => {
  it('moves blocks with pastePatches (own, partner) and blends with maskBlend, on the zoo\'s ops, with the same pixels', () => {
    const calls: Partial<Record<KernelOpName, number>> = {};
    const ops = Object.fromEntries(
      Object.entries(kernels.kernelOps).map(([name, op]) => [
        name,
        (...args: unknown[]) => {
          calls[name as KernelOpName] = (calls[name as KernelOpName] ?? 0) + 1;
          return (op as (...a: unknown[]) => tf.Tensor)(...args);
        },
      ]),
    ) as unknown as KernelOps;
    const counted = createCoreZoo({ seed: 5, backend: 'cpu', kernels: ops, plugins: builtinPlugins });
    const x = unitImages(3, 8, 8);
    const model = syntheticModelContext(['saliency'], { batchSize: 3, height: 8, width: 8 }, 2);
    const out = counted.create('puzzlemix').mix({ inputs: x, model });
    expect(calls).toEqual({ pastePatches: 2, maskBlend: 1 });
    expectClose(read4d(out.inputs), expectedPixels(read4d(x), out.plan));
    disposeResult(out);
    x.dispose();
  });
});

describe('puzzlemix: targets', () => {
  it('same-size float targets mix like the inputs; half-size targets get the same blocks', () => {
    const x = unitImages(3, 16, 16);
    const half = unitImages(3, 8, 8);
    const model = syntheticModelContext(['saliency'], { batchSize: 3, height: 16, width: 16 }, 4);
    let halved = 0;
    for (let seed = 0; seed < 6; seed++) {
      const mixer = zoo.create('puzzlemix', {}, { seed });
      const plan = mixer.sample({ batchSize: 3, height: 16, width: 16 }, { inputs: x, model });
      // An 8×8 target takes transport grids up to 8.
      const withHalf = extraOf(plan)!.transport!.blocks <= 8;
      const targets: Record<string, tf.Tensor> = withHalf ? { same: x, half } : { same: x };
      const out = mixer.apply({ inputs: x, targets }, plan);
      expect(read4d(out.targets!.same)).toEqual(read4d(out.inputs));
      if (withHalf) {
        halved++;
        // The mask and the blocks halved: each 8×8 output is the 16×16 rule on the half-size images.
        const halfPlan = { ...plan, height: 8, width: 8, masks: { height: 8, width: 8, data: plan.masks!.data.map((row) => Array.from({ length: 64 }, (_, p) => row![Math.floor(p / 8) * 2 * 16 + (p % 8) * 2])) } };
        expectClose(read4d(out.targets!.half), expectedPixels(read4d(half), halfPlan));
      }
      disposeResult(out);
    }
    expect(halved).toBeGreaterThan(0);
    tf.dispose([x, half]);
  });

  it('int32 class maps are copied with two labels, refused with soft (three-level) masks; a target the grid does not divide is refused', () => {
    const x = unitImages(3, 8, 8);
    const n = 3 * 8 * 8;
    const classes = tf.tensor4d(Array.from({ length: n }, (_, k) => k + 1), [3, 8, 8, 1], 'int32');
    const model = syntheticModelContext(['saliency'], { batchSize: 3, height: 8, width: 8 }, 6);
    const hard = zoo.create('puzzlemix', { nLabels: 2 }, { seed: 1 }).mix({ inputs: x, targets: { classes }, model });
    expect(hard.targets!.classes.dtype).toBe('int32');
    expect(read4d(hard.targets!.classes)).toEqual(expectedPixels(read4d(classes), hard.plan));
    disposeResult(hard);
    const soft = zoo.create('puzzlemix', { nLabels: 3 }, { seed: 1 });
    const plan = soft.sample({ batchSize: 3, height: 8, width: 8 }, { inputs: x, model });
    expect(plan.masks!.data.some((row) => row!.includes(0.5))).toBe(true);
    expectNoLeak(() => {
      expectError(() => soft.apply({ inputs: x, targets: { classes } }, plan), 'E_TARGET', 'soft mask');
    });
    const odd = unitImages(3, 7, 7);
    const t = extraOf(plan)!.transport!.blocks;
    expectNoLeak(() => {
      expectError(() => soft.apply({ inputs: x, targets: { odd } }, plan), 'E_TARGET', `'odd' is 7×7`, `${t}×${t} transport grid`);
    });
    tf.dispose([x, classes, odd]);
  });
});

describe('puzzlemix: errors and leaks', () => {
  const shape = { batchSize: 2, height: 8, width: 8 };

  it('bad saliency, out-of-range pixels and a partner batch are E_SHAPE errors naming the argument', () => {
    const x = unitImages(2, 8, 8);
    const mixer = zoo.create('puzzlemix');
    expectError(() => mixer.sample(shape, { inputs: x }), 'E_SHAPE', "'saliency'");
    expectError(() => mixer.sample(shape, { inputs: x, model: saliency(2, 4, 4, () => 1) }), 'E_SHAPE', "'model.saliency' must hold 2 maps of 8×8", 'got 2 maps of 4×4');
    expectError(() => mixer.sample(shape, { inputs: x, model: saliency(3, 8, 8, () => 1) }), 'E_SHAPE', "'model.saliency.data' must hold one map per sample (2)");
    expectError(() => mixer.sample(shape, { inputs: x, model: saliency(2, 8, 8, (i, y) => (i === 1 && y === 3 ? -1 : 1)) }), 'E_SHAPE', "'model.saliency.data[1]'", 'finite numbers >= 0');
    expectError(() => mixer.sample(shape, { inputs: x, model: saliency(2, 8, 8, () => NaN) }), 'E_SHAPE', "'model.saliency.data[0][0]' must be a finite number, got NaN");
    const bright = tf.tidy(() => tf.mul(x, 2));
    expectError(() => zoo.create('puzzlemix', {}, { seed: 1 }).sample(shape, { inputs: bright, model: saliency(2, 8, 8, () => 1) }), 'E_SHAPE', "'inputs' in [0, 1]", 'set gamma 0');
    expectError(() => mixer.sample({ ...shape, partnerBatchSize: 2 }, { inputs: x, partnerInputs: x, model: saliency(2, 8, 8, () => 1) }), 'E_SHAPE', 'partner batch is not supported');
    tf.dispose([x, bright]);
  });

  it('bad options are E_OPTION errors', () => {
    expectError(() => zoo.create('puzzlemix', { tSize: 0 }), 'E_OPTION', 'tSize', '-1 (the mask blocks)');
    expectError(() => zoo.create('puzzlemix', { nLabels: 5 }), 'E_OPTION', 'nLabels');
    expectError(() => zoo.create('puzzlemix', { gamma: 1.5 }), 'E_OPTION', 'gamma');
    expectError(() => zoo.create('puzzlemix', { solver: 'icm' }), 'E_OPTION', 'solver');
  });

  it('tampered plans are E_PLAN errors: repeated or out-of-range transport blocks, wrong rows, a grid that does not divide, λ off the mask', () => {
    const x = unitImages(2, 8, 8);
    const mixer = zoo.create('puzzlemix', {}, { seed: 2 });
    const plan = mixer.sample(shape, { inputs: x, model: saliency(2, 8, 8, (i, y, c) => (y * 8 + c + i) % 5) });
    const tamper = (change: (p: MixPlan & { extra: PuzzleExtra }) => void) => {
      const copy = viaJson(plan) as MixPlan & { extra: PuzzleExtra };
      change(copy);
      return () => mixer.apply({ inputs: x }, copy);
    };
    const t = extraOf(plan)!.transport!.blocks;
    expectError(tamper((p) => (p.extra.transport!.own[0] = new Array<number>(t * t).fill(0))), 'E_PLAN', 'uses block 0 twice');
    expectError(tamper((p) => (p.extra.transport!.partner[1][0] = t * t)), 'E_PLAN', `'extra.transport.partner[1][0]' must be -1 or a block index below ${t * t}`);
    expectError(tamper((p) => p.extra.transport!.own.pop()), 'E_PLAN', 'one row per sample (2)');
    expectError(tamper((p) => (p.extra.transport!.blocks = 3)), 'E_PLAN', 'must divide the image size 8×8');
    expectError(tamper((p) => (p.extra = { blocks: 'two' } as unknown as PuzzleExtra)), 'E_PLAN', "'extra' must be { blocks, transport? }");
    expectError(tamper((p) => delete p.masks), 'E_PLAN', "no 'masks'");
    expectError(tamper((p) => (p.lambda[0] = p.partner[0] === 0 ? p.lambda[0] : 1 - p.lambda[0] + 0.01)), 'E_PLAN');
    x.dispose();
  });

  it('leaks no tensor when mixing, replaying or failing', () => {
    const x = unitImages(3, 16, 16);
    const labels = identityLabels(3);
    const model = syntheticModelContext(['saliency'], { batchSize: 3, height: 16, width: 16 }, 1);
    for (const options of [{}, { transport: false }, { nLabels: 2, tSize: 2 }]) {
      expectNoLeak(() => zoo.create('puzzlemix', options).mix({ inputs: x, ...labels, model }));
    }
    const bright = tf.tidy(() => tf.add(x, 1));
    expect(() => expectNoLeak(() => zoo.create('puzzlemix').mix({ inputs: bright, ...labels, model }))).toThrow(/in \[0, 1\]/);
    expect(() => expectNoLeak(() => zoo.create('puzzlemix').mix({ inputs: x, ...labels, model: saliency(3, 2, 2, () => 1) }))).toThrow(/model\.saliency/);
    tf.dispose([x, bright, labels.labels]);
  });
});

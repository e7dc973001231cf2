import { createRng, type Rng } from '@mixzoo/core';
import { describe, expect, it } from 'vitest';
import { binomialPrior, forEachEdge, labellingEnergy, maskLevel, unaryCost, type Labelling } from '../../src/puzzlemix/labelling.js';
import { minCut, type BinaryProblem } from '../../src/puzzlemix/min-cut.js';
import { buildLabelling } from '../../src/puzzlemix/problem.js';
import { poolImage } from '../../src/puzzlemix/smoothness.js';
import { exactLabels } from '../../src/puzzlemix/exact.js';
import { alphaBetaSwap, swapMove } from '../../src/puzzlemix/swap.js';

/** Every labelling of `nodes` nodes with `n` labels, in counting order. */
function* labellings(nodes: number, n: number): Generator<Uint8Array> {
  const labels = new Uint8Array(nodes);
  for (;;) {
    yield labels;
    let p = 0;
    while (p < nodes && labels[p] === n - 1) labels[p++] = 0;
    if (p === nodes) return;
    labels[p]++;
  }
}

/** The sorted distinct energies of all labellings (brute force). */
function allEnergies(problem: Labelling): number[] {
  const energies: number[] = [];
  for (const labels of labellings(problem.k * problem.k, problem.prior.length)) energies.push(labellingEnergy(problem, labels));
  return energies.sort((a, b) => a - b);
}

/** Random shares summing to 1. */
function shares(rng: Rng, n: number): Float64Array {
  const v = Float64Array.from({ length: n }, () => rng.uniform() ** 3);
  const total = v.reduce((s, x) => s + x, 0);
  return v.map((x) => x / total);
}

/** A random PuzzleMix labelling on K×K blocks: random saliency, random [0, 1] pixels (2×2 cells per block, 3 channels). */
function randomLabelling(rng: Rng, k: number, labels: number, gamma = 0.5): Labelling {
  const side = 4 * k;
  const pixels = Float32Array.from({ length: 2 * side * side * 3 }, () => rng.uniform());
  const shape = { height: side, width: side, channels: 3 };
  return buildLabelling({
    k,
    ownShares: shares(rng, k * k),
    partnerShares: shares(rng, k * k),
    pixels: { own: poolImage(pixels, 0, shape, 2, 2), partner: poolImage(pixels, 1, shape, 2, 2), perBlock: [2, 2] },
    lambda: rng.uniform(),
    labels,
    // Larger than the default so that the smoothness terms matter at these sizes.
    beta: 1.2 + 10 * rng.uniform(),
    gamma,
    eta: 0.2,
  });
}

/** The spec's worked example: K = 2, γ = 0, λ = 0.5, η = 0.2, β = 1.2 (β_n = 0.0375). */
function workedExample(labels: number, beta = 1.2): Labelling {
  return buildLabelling({
    k: 2,
    ownShares: Float64Array.from([0.4, 0.1, 0.4, 0.1]),
    partnerShares: Float64Array.from([0.1, 0.4, 0.1, 0.4]),
    lambda: 0.5,
    labels,
    beta,
    gamma: 0,
    eta: 0.2,
  });
}

const masks = (labels: Uint8Array, n: number) => Array.from(labels, (l) => maskLevel(l, n));

describe('puzzlemix labelling: worked example (K = 2, γ = 0, λ = 0.5)', () => {
  it('n = 2: the optimum keeps the own salient left column, E = 0.4 + 2·β_n + 4·0.05·ln 2 = 0.6136, next 0.9136', () => {
    const problem = workedExample(2);
    const labels = exactLabels(problem);
    expect(masks(labels, 2)).toEqual([1, 0, 1, 0]);
    expect(Array.from(alphaBetaSwap(problem))).toEqual(Array.from(labels));
    // The prior is −log(π + 1e−8), as the reference's.
    expect(labellingEnergy(problem, labels)).toBeCloseTo(0.4 + 2 * 0.0375 + 4 * 0.05 * -Math.log(0.5 + 1e-8), 12);
    const energies = [...new Set(allEnergies(problem).map((e) => e.toFixed(4)))];
    expect(energies.slice(0, 2)).toEqual(['0.6136', '0.9136']);
  });

  it('n = 3: the same mask, E = 0.7523 (next 0.8489), the minimum of all 81 labellings', () => {
    const problem = workedExample(3);
    const labels = exactLabels(problem);
    expect(masks(labels, 3)).toEqual([1, 0, 1, 0]);
    expect(Array.from(alphaBetaSwap(problem))).toEqual(Array.from(labels));
    const energy = labellingEnergy(problem, labels);
    expect(energy).toBeCloseTo(0.7523, 4);
    const energies = allEnergies(problem);
    expect(energies.length).toBe(81);
    expect(energy).toBeCloseTo(energies[0], 12);
    expect(energies.find((e) => e > energy + 1e-9)).toBeCloseTo(0.8489, 4);
    // λ of the optimum: half the blocks keep the own image.
    expect(masks(labels, 3).reduce((s, m) => s + m, 0) / 4).toBe(0.5);
  });

  it('n = 2: a uniform mask wins exactly when β_n > 0.3 (β > 9.6 at K = 2)', () => {
    const uniform = (beta: number) => new Set(exactLabels(workedExample(2, beta))).size === 1;
    expect(uniform(9.5)).toBe(false);
    expect(uniform(9.7)).toBe(true);
  });

  it('the binomial prior: π = (λ, 1−λ), (λ², 2λ(1−λ), (1−λ)²), (λ³, 3λ²(1−λ), 3λ(1−λ)², (1−λ)³), scaled by η/K²', () => {
    const l = 0.3;
    const expected = {
      2: [l, 1 - l],
      3: [l * l, 2 * l * (1 - l), (1 - l) ** 2],
      4: [l ** 3, 3 * l * l * (1 - l), 3 * l * (1 - l) ** 2, (1 - l) ** 3],
    };
    for (const [n, pi] of Object.entries(expected)) {
      const prior = binomialPrior(l, Number(n), 0.2, 4);
      expect(Array.from(prior)).toEqual(pi.map((p) => expect.closeTo((0.2 / 16) * -Math.log(p + 1e-8), 14) as number));
    }
    // λ = 1: the partner-only label is (almost) forbidden, not infinite.
    expect(binomialPrior(1, 2, 0.2, 2)[1]).toBeCloseTo(0.05 * -Math.log(1e-8), 12);
  });
});

describe('puzzlemix labelling: the smoothness fold is exact', () => {
  it('for 0/1 masks, the folded energy minus the unfolded one (saliency, prior, β_n·[differ] + β_n·γ·D^{uv}) is one constant', () => {
    const rng = createRng('fold');
    for (let trial = 0; trial < 5; trial++) {
      const k = 2;
      const side = 8;
      const pixels = Float32Array.from({ length: 2 * side * side * 2 }, () => rng.uniform());
      const shape = { height: side, width: side, channels: 2 };
      const own = poolImage(pixels, 0, shape, 2, 2);
      const partner = poolImage(pixels, 1, shape, 2, 2);
      const input = { k, ownShares: shares(rng, 4), partnerShares: shares(rng, 4), lambda: 0.4, labels: 2, beta: 5, gamma: 0.8, eta: 0.2 };
      const folded = buildLabelling({ ...input, pixels: { own, partner, perBlock: [2, 2] } });
      const plain = buildLabelling(input);
      const betaN = 5 / 32;
      // D^{uv} by hand, per edge: cells of the pooled 4×4 grid (2 per block side), channels averaged.
      const cell = (img: typeof own, y: number, x: number, ch: number) => img.data[(y * 4 + x) * 2 + ch];
      const gap = (u: typeof own, v: typeof own, pairs: [number, number, number, number][]) =>
        pairs.reduce((s, [y1, x1, y2, x2]) => s + Math.abs(cell(u, y1, x1, 0) - cell(v, y2, x2, 0)) + Math.abs(cell(u, y1, x1, 1) - cell(v, y2, x2, 1)), 0) / (pairs.length * 2);
      const edges: [number, number, [number, number, number, number][]][] = [
        [0, 1, [[0, 1, 0, 2], [1, 1, 1, 2]]],
        [2, 3, [[2, 1, 2, 2], [3, 1, 3, 2]]],
        [0, 2, [[1, 0, 2, 0], [1, 1, 2, 1]]],
        [1, 3, [[1, 2, 2, 2], [1, 3, 2, 3]]],
      ];
      const differences = new Set<string>();
      for (const labels of labellings(4, 2)) {
        let truth = labellingEnergy(plain, labels);
        for (const [p, q, pairs] of edges) truth += betaN * 0.8 * gap(labels[p] === 0 ? own : partner, labels[q] === 0 ? own : partner, pairs);
        differences.add((labellingEnergy(folded, labels) - truth).toFixed(12));
      }
      expect(differences.size).toBe(1);
      forEachEdge(folded, (_p, _q, w) => expect(w).toBeGreaterThanOrEqual(betaN * (1 - 0.8)));
    }
  });
});

describe('puzzlemix labelling: minimum cut and α-β swap', () => {
  it('minCut is exact on random binary problems (all 2^10 labellings, any graph, directed and infinite pair costs)', () => {
    const rng = createRng('cut');
    for (let trial = 0; trial < 20; trial++) {
      const n = 10;
      const pairs: [number, number][] = [];
      for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) if (rng.uniform() < 0.3) pairs.push([p, q]);
      const problem: BinaryProblem = {
        cost0: Float64Array.from({ length: n }, () => rng.uniform() - 0.5),
        cost1: Float64Array.from({ length: n }, () => rng.uniform() - 0.5),
        a: Int32Array.from(pairs, ([p]) => p),
        b: Int32Array.from(pairs, ([, q]) => q),
        forward: Float64Array.from(pairs, () => rng.uniform() * 0.4),
        backward: Float64Array.from(pairs, () => (rng.uniform() < 0.2 ? Infinity : rng.uniform() * 0.4)),
      };
      const energy = (labels: ArrayLike<number>) => {
        let e = 0;
        for (let p = 0; p < n; p++) e += labels[p] === 0 ? problem.cost0[p] : problem.cost1[p];
        pairs.forEach(([p, q], k) => (e += labels[p] === labels[q] ? 0 : labels[p] === 0 ? problem.forward[k] : problem.backward[k]));
        return e;
      };
      let best = Infinity;
      for (const labels of labellings(n, 2)) best = Math.min(best, energy(labels));
      expect(energy(minCut(problem))).toBeCloseTo(best, 12);
    }
  });

  it.each([2, 3, 4])('K = 2, n = %i: the exact solver reaches the minimum of all n^4 labellings; swap never goes below it', (n) => {
    const rng = createRng(`k2-${n}`);
    for (let trial = 0; trial < 30; trial++) {
      const problem = randomLabelling(rng, 2, n);
      const minimum = allEnergies(problem)[0];
      expect(labellingEnergy(problem, exactLabels(problem))).toBeCloseTo(minimum, 12);
      const swapped = labellingEnergy(problem, alphaBetaSwap(problem));
      // Two labels: the one swap move is the global minimum cut.
      if (n === 2) expect(swapped).toBeCloseTo(minimum, 12);
      else expect(swapped).toBeGreaterThanOrEqual(minimum - 1e-12);
    }
  });

  it('K = 4, n = 2: both solvers reach the minimum of all 2^16 labellings', () => {
    const rng = createRng('k4');
    for (let trial = 0; trial < 3; trial++) {
      const problem = randomLabelling(rng, 4, 2);
      let best = Infinity;
      for (const labels of labellings(16, 2)) best = Math.min(best, labellingEnergy(problem, labels));
      const solved = exactLabels(problem);
      expect(labellingEnergy(problem, solved)).toBeCloseTo(best, 12);
      expect(labellingEnergy(problem, alphaBetaSwap(problem))).toBeCloseTo(best, 12);
      // The optimum is not a trivial one: both images show somewhere in some trial.
      if (trial === 0) expect(new Set(solved).size).toBe(2);
    }
  });

  /** ICM from the unary argmin: each block in turn takes its best label given its neighbours, until nothing changes. */
  function icm(problem: Labelling): Uint8Array {
    const n = problem.prior.length;
    const nodes = problem.k * problem.k;
    const labels = Uint8Array.from({ length: nodes }, (_, p) => {
      let best = 0;
      for (let l = 1; l < n; l++) if (unaryCost(problem, p, l) < unaryCost(problem, p, best)) best = l;
      return best;
    });
    for (let changed = true; changed; ) {
      changed = false;
      for (let p = 0; p < nodes; p++) {
        const local = (l: number) => {
          const trial = labels.slice();
          trial[p] = l;
          return labellingEnergy(problem, trial);
        };
        let best = labels[p];
        for (let l = 0; l < n; l++) if (local(l) < local(best) - 1e-15) best = l;
        if (best !== labels[p]) [labels[p], changed] = [best, true];
      }
    }
    return labels;
  }

  /** Whether no α-β swap move from `labels` lowers the energy. */
  function swapLocalMinimum(problem: Labelling, labels: Uint8Array): boolean {
    const energy = labellingEnergy(problem, labels);
    const n = problem.prior.length;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) if (labellingEnergy(problem, swapMove(problem, labels, a, b)) < energy - 1e-12) return false;
    }
    return true;
  }

  it('K = 4, n = 3: exact energy <= ICM and swap energies, no single swap move lowers either result', () => {
    const rng = createRng('k4n3');
    let belowIcm = 0;
    for (let trial = 0; trial < 20; trial++) {
      const problem = randomLabelling(rng, 4, 3, rng.uniform());
      const exact = exactLabels(problem);
      const swapped = alphaBetaSwap(problem);
      const energy = labellingEnergy(problem, exact);
      const icmEnergy = labellingEnergy(problem, icm(problem));
      expect(energy).toBeLessThanOrEqual(icmEnergy + 1e-12);
      expect(energy).toBeLessThanOrEqual(labellingEnergy(problem, swapped) + 1e-12);
      if (energy < icmEnergy - 1e-9) belowIcm++;
      expect(swapLocalMinimum(problem, exact)).toBe(true);
      expect(swapLocalMinimum(problem, swapped)).toBe(true);
    }
    // Not a vacuous comparison: the exact minimum is below ICM's on some of these.
    expect(belowIcm).toBeGreaterThan(0);
  });

  it('K = 16, n = 4: the exact labels are a swap local minimum (the largest grid the strategy draws)', () => {
    const problem = randomLabelling(createRng('k16'), 16, 4);
    const exact = exactLabels(problem);
    expect(swapLocalMinimum(problem, exact)).toBe(true);
    expect(labellingEnergy(problem, exact)).toBeLessThanOrEqual(labellingEnergy(problem, alphaBetaSwap(problem)) + 1e-12);
  });

  it('a swap move changes only blocks labelled α or β, and only between α and β', () => {
    const rng = createRng('move');
    const problem = randomLabelling(rng, 4, 4);
    const labels = Uint8Array.from({ length: 16 }, (_, p) => p % 4);
    const moved = swapMove(problem, labels, 1, 3);
    labels.forEach((l, p) => {
      if (l === 1 || l === 3) expect([1, 3]).toContain(moved[p]);
      else expect(moved[p]).toBe(l);
    });
    expect(labellingEnergy(problem, moved)).toBeLessThanOrEqual(labellingEnergy(problem, labels) + 1e-12);
  });

  it('is deterministic: the same problem gives the same labels', () => {
    const problem = randomLabelling(createRng('det'), 8, 3);
    expect(Array.from(exactLabels(problem))).toEqual(Array.from(exactLabels(problem)));
    expect(Array.from(alphaBetaSwap(problem))).toEqual(Array.from(alphaBetaSwap(problem)));
  });
});

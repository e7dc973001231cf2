import { tf, type ModelMaps, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellMask, topCells } from '../../src/strategies/attentivemix.js';
import { disposeResult, expectError, expectNoLeak, expectReplay, identityLabels, maskRow, read4d, zooOn } from '../helpers.js';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await zooOn('cpu', 7);
});

/** Seeded activation maps on a g×g grid, one per sample, all values distinct. */
function activations(b: number, g: number, seed = 1): ModelMaps {
  return { height: g, width: g, data: Array.from({ length: b }, (_, i) => Array.from({ length: g * g }, (_, k) => Math.sin(seed * 1.7 + i * 2.3 + k * 0.91))) };
}

describe('attentivemix: the plan', () => {
  it('worked example: g = 2, scores [[.1, .9], [.3, .2]], k = 1 on 4×4 keeps the own top-right 2×2 block, λ = 0.25', () => {
    const model = { activation: { height: 2, width: 2, data: [[0.1, 0.9, 0.3, 0.2], [0.1, 0.9, 0.3, 0.2]] } };
    const x = tf.tensor4d(Array.from({ length: 32 }, (_, k) => k), [2, 4, 4, 1]);
    const out = zoo.create('attentivemix', { topK: 1, pairing: 'flip' }).mix({ inputs: x, ...identityLabels(2), model });
    expect(out.plan.lambda).toEqual([0.25, 0.25]);
    const own = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(maskRow(out.plan, 0)).toEqual(own);
    const data = read4d(out.inputs);
    for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) expect(data[0][r][c][0]).toBe(own[r * 4 + c] ? r * 4 + c : 16 + r * 4 + c);
    expect(out.labels!.arraySync()).toEqual([
      [0.25, 0.75],
      [0.75, 0.25],
    ]);
    disposeResult(out);
    x.dispose();
  });

  it('top-k: highest scores first, ties to the lower flat index; the mask is nearest-upsampled (⌊r·g/H⌋) when g does not divide H', () => {
    expect(topCells([0.5, 0.2, 0.5, 0.9, 0.5], 3)).toEqual([3, 0, 2]);
    // g = 3 on 4×5: rows 0,1 | 2 | 3 → cells 0, 0, 1, 2; columns 0,1 | 2,3 | 4 → 0, 0, 1, 1, 2.
    expect(cellMask([4], 3, 4, 5)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('each sample keeps its own k most activated cells; λ = k/g² when g divides the image', () => {
    const [b, g, h, w] = [6, 4, 8, 12];
    const model = { activation: activations(b, g) };
    for (const topK of [1, 6, 16, 40]) {
      const plan = zoo.create('attentivemix', { topK, pairing: 'derangement' }).sample({ batchSize: b, height: h, width: w }, { model });
      const k = Math.min(topK, g * g);
      plan.partner.forEach((_, i) => {
        const best = Array.from(model.activation.data[i].keys()).sort((a, c) => model.activation.data[i][c] - model.activation.data[i][a]).slice(0, k);
        const expected = Array.from({ length: h * w }, (_, p) => (best.includes(Math.floor(Math.floor(p / w) / (h / g)) * g + Math.floor((p % w) / (w / g))) ? 1 : 0));
        expect(maskRow(plan, i)).toEqual(expected);
        expect(plan.lambda[i]).toBeCloseTo(k / (g * g), 12);
      });
    }
  });

  it("topK null ('AttentiveMix+'): k = min(max(1, ⌊g²·λ⌋), g²) with λ ~ Beta(α, α), one λ per batch in 'batch' mode", () => {
    const model = { activation: activations(5, 5) };
    const ks = new Set<number>();
    const mixer = zoo.create('attentivemix', { topK: null, pairing: 'derangement' });
    for (let t = 0; t < 30; t++) {
      const plan = mixer.sample({ batchSize: 5, height: 10, width: 10 }, { model });
      const counts = plan.lambda.map((l) => Math.round(l * 25));
      expect(new Set(counts).size).toBe(1);
      expect(counts[0]).toBeGreaterThanOrEqual(1);
      ks.add(counts[0]);
    }
    expect(ks.size).toBeGreaterThan(5);
  });

  it("option 'grid' resizes the activation map to g×g; non-square maps need it", () => {
    // A 4×4 map hot in its top-left quarter, resized to 2×2, is hottest in cell 0.
    const hot = Array.from({ length: 16 }, (_, k) => (Math.floor(k / 4) < 2 && k % 4 < 2 ? 1 : 0));
    const plan = zoo.create('attentivemix', { topK: 1, grid: 2, pairing: 'flip' }).sample({ batchSize: 2, height: 4, width: 4 }, { model: { activation: { height: 4, width: 4, data: [hot, hot] } } });
    expect(maskRow(plan, 0)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expectError(
      () => zoo.create('attentivemix').sample({ batchSize: 2, height: 4, width: 4 }, { model: { activation: { height: 2, width: 4, data: [new Array(8).fill(0), new Array(8).fill(1)] } } }),
      'E_SHAPE',
      "option 'grid'",
    );
  });
});

describe('attentivemix: replay, leaks, errors', () => {
  it('replays from JSON and leaks nothing; the same seed and maps give the same plan', () => {
    const x = tf.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 2);
    const { labels, numClasses } = identityLabels(4);
    const batch = { inputs: x, labels, numClasses, model: { activation: activations(4, 4) } };
    const mixer = zoo.create('attentivemix', { mode: 'elem', topK: null });
    expectNoLeak(() => {
      const first = mixer.mix(batch);
      expectReplay(mixer, batch, first);
      return first;
    });
    const shape = { batchSize: 4, height: 8, width: 8 };
    expect(zoo.create('attentivemix', {}, { seed: 3 }).sample(shape, batch)).toEqual(zoo.create('attentivemix', {}, { seed: 3 }).sample(shape, batch));
    tf.dispose([x, labels]);
  });

  it('needs the activation maps', () => {
    const x = tf.zeros([2, 4, 4, 1]);
    expectError(() => zoo.create('attentivemix').mix({ inputs: x }), 'E_SHAPE', "'attentivemix' plans from the model", "'activation'");
    expectError(() => zoo.create('attentivemix').mix({ inputs: x, model: { activation: { height: 0, width: 2, data: [] } } }), 'E_SHAPE', "'model.activation'");
    x.dispose();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createModel, disposeModel, modelContext, Patchify, vitAttention, vitPatchSize } from '@mixzoo/lab';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tiny ViT', () => {
  it('picks the smallest patch giving at most 8×8 patches', () => {
    expect(vitPatchSize(28, 28)).toBe(4);
    expect(vitPatchSize(32, 32)).toBe(4);
    expect(vitPatchSize(64, 64)).toBe(8);
    expect(vitPatchSize(8, 8)).toBe(1);
    expect(vitPatchSize(28, 32)).toBe(4);
    expect(vitPatchSize(17, 17)).toBe(17); // prime: one patch
  });

  it('Patchify cuts row-major p×p patches, each patch row by row with channels last', () => {
    // value = 100·row + 10·col + channel, so every position of the output says where it came from
    const [h, w, c, p] = [4, 6, 2, 2];
    const x = tf.tensor4d(Float32Array.from({ length: h * w * c }, (_, k) => 100 * Math.floor(k / (w * c)) + 10 * (Math.floor(k / c) % w) + (k % c)), [1, h, w, c]);
    const out = new Patchify({ patchSize: p }).apply(x) as tf.Tensor;
    expect(out.shape).toEqual([1, (h / p) * (w / p), p * p * c]);
    const rows = out.arraySync() as number[][][];
    for (let patch = 0; patch < 6; patch++) {
      const [pr, pc] = [Math.floor(patch / 3), patch % 3];
      const expected: number[] = [];
      for (let r = 0; r < p; r++) for (let col = 0; col < p; col++) for (let ch = 0; ch < c; ch++) expected.push(100 * (pr * p + r) + 10 * (pc * p + col) + ch);
      expect(rows[0][patch]).toEqual(expected);
    }
    tf.dispose([x, out]);
  });

  it("vitAttention: the class token's attention over a 7×7 grid for 28×28 digits, deterministic, no leaks", () => {
    const x = tf.tensor4d(Float32Array.from({ length: 3 * 28 * 28 }, (_, k) => ((k * 7919) % 97) / 97), [3, 28, 28, 1]);
    const model = createModel('vit', [28, 28, 1], 10, 5);
    const before = tf.memory().numTensors;
    const a = vitAttention(model, x);
    const again = vitAttention(model, x);
    expect(tf.memory().numTensors).toBe(before);
    expect([a.height, a.width, a.data.length, a.data[0].length]).toEqual([7, 7, 3, 49]);
    expect(again).toEqual(a);
    for (const row of a.data) {
      const patches = row.reduce((s, v) => s + v, 0);
      // softmax rows sum to 1 over the class token and the 49 patches; the patches get less than all of it
      expect(patches).toBeGreaterThan(0.5);
      expect(patches).toBeLessThan(1);
      expect(row.every((v) => v > 0)).toBe(true);
    }
    // modelContext reads the same map from any model built of the lab's attention layers
    expect(modelContext(model, { inputs: x }, ['attention']).attention).toEqual(a);
    const other = createModel('vit', [28, 28, 1], 10, 6);
    expect(vitAttention(other, x).data).not.toEqual(a.data);
    disposeModel(other);
    disposeModel(model);
    x.dispose();
  });

  it('vitAttention refuses a model without attention', () => {
    const cnn = createModel('cnn', [8, 8, 1], 2, 0);
    const x = tf.zeros([1, 8, 8, 1]);
    expect(() => vitAttention(cnn, x)).toThrow(expect.objectContaining({ code: 'E_OPTION', message: expect.stringMatching(/no ScaledDotAttention/) }));
    disposeModel(cnn);
    x.dispose();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochBatches, epochBatchTensors, epochOrder, loadDataset } from '@mixzoo/lab';
import { writeCifar10 } from './cifar-writer.js';

const root = mkdtempSync(join(tmpdir(), 'mixzoo-epoch-batches-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => tf.setBackend('cpu'));
writeCifar10(root, 5, 4); // 25 training images

describe('epochBatchTensors', () => {
  it("yields the epoch's seeded batches, also from a streamed split, and leaves the tensors to the caller", async () => {
    const options = { seed: 3, cacheDir: join(root, 'cache') };
    const memory = await loadDataset(`cifar10:${root}`, options);
    const streamed = await loadDataset(`cifar10:${root}`, { ...options, maxMemory: 8 * 3072 * 4 });
    expect(streamed.train.rows).toBeDefined();
    const labelsOf = (split: typeof memory.train, epoch: number) => {
      const out: number[][] = [];
      for (const { inputs, labels } of epochBatchTensors(split, memory.inputShape, { seed: 3, epoch, batchSize: 8 })) {
        expect(inputs.shape.slice(1)).toEqual([32, 32, 3]);
        out.push(Array.from(labels.dataSync()));
        tf.dispose([inputs, labels]);
      }
      return out;
    };
    const before = tf.memory().numTensors;
    const epoch0 = labelsOf(memory.train, 0);
    // 25 samples in batches of 8: 8, 8, 8, and a last single sample dropped.
    expect(epoch0.map((b) => b.length)).toEqual([8, 8, 8]);
    const order = epochBatches(epochOrder(3, 0, 25), 8);
    expect(epoch0).toEqual(order.map((b) => b.map((k) => memory.train.y[k])));
    expect(labelsOf(streamed.train, 0)).toEqual(epoch0);
    expect(labelsOf(memory.train, 1)).not.toEqual(epoch0);
    expect(tf.memory().numTensors).toBe(before);

    const [first] = epochBatchTensors(streamed.train, streamed.inputShape, { seed: 3, epoch: 0, batchSize: 8 });
    const want = memory.train.x.subarray(order[0][0] * 3072, (order[0][0] + 1) * 3072);
    expect(Array.from(first.inputs.dataSync().subarray(0, 3072))).toEqual(Array.from(want));
    tf.dispose([first.inputs, first.labels]);
  });
});

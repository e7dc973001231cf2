import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createAugmenter, createZoo, type Zoo } from 'mixzoo';
import { epochBatches, epochOrder, loadDataset, trainRun, type Dataset, type TrainRunResult } from '@mixzoo/lab';
import { seen, spyPlugin } from './spy-strategy.js';


/** The dataset with every training image mirrored left-right (the test split untouched). */
function mirrored(dataset: Dataset): Dataset {
  const [h, w, c] = dataset.inputShape;
  const src = dataset.train.x;
  const x = new Float32Array(src.length);
  for (let n = 0; n < dataset.train.count; n++) {
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        for (let k = 0; k < c; k++) x[((n * h + r) * w + col) * c + k] = src[((n * h + r) * w + (w - 1 - col)) * c + k];
      }
    }
  }
  return { ...dataset, train: { ...dataset.train, x } };
}

const strip = (r: TrainRunResult) => r.epochs.map(({ seconds: _, ...rest }) => rest);
const alwaysFlip = [{ name: 'flip', options: { horizontal: 1 } }];

let zoo: Zoo;
let digits: Dataset;
let moons: Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'wasm', seed: 0, plugins: [spyPlugin] });
  digits = await loadDataset('mnist', { seed: 0, trainSize: 256, testSize: 128 });
  moons = await loadDataset('moons', { seed: 0, trainSize: 64, testSize: 32 });
});

describe('trainRun with augment', () => {
  it('augments every training batch before mixing: flip with p = 1 trains exactly like the pre-flipped data, for none and cutmix', async () => {
    const options = { zoo, model: 'mlp' as const, epochs: 1, batchSize: 32, seed: 5, learningRate: 0.01 };
    const flippedData = mirrored(digits);
    const before = tf.memory().numTensors;
    for (const strategy of ['none', 'cutmix']) {
      const augmented = await trainRun({ ...options, strategy, dataset: digits, augment: alwaysFlip });
      const preFlipped = await trainRun({ ...options, strategy, dataset: flippedData });
      const plain = await trainRun({ ...options, strategy, dataset: digits });
      // CutMix's boxes do not depend on the pixels, so this equality also needs flip-then-mix:
      // mixing first would paste the partner's box at its mirrored place.
      expect(strip(augmented), strategy).toEqual(strip(preFlipped));
      expect(strip(augmented), strategy).not.toEqual(strip(plain));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draws from the seed\'s own augment stream: the mixer sees createAugmenter(specs, { seed }) of each batch in the seeded order', async () => {
    const augment = ['crop', { name: 'flip', options: { vertical: 0.5 } }];
    seen.length = 0;
    const r = await trainRun({ zoo, strategy: 'spy', dataset: digits, model: 'mlp', epochs: 2, batchSize: 64, seed: 9, augment });
    const expected = createAugmenter(augment, { seed: 9 });
    const size = 28 * 28;
    const batches = [0, 1].flatMap((epoch) => epochBatches(epochOrder(9, epoch, digits.train.count), 64));
    expect(seen).toHaveLength(batches.length);
    batches.forEach((indices, b) => {
      const x = tf.tensor4d(Float32Array.from(indices.flatMap((k) => Array.from(digits.train.x.subarray(k * size, (k + 1) * size)))), [indices.length, 28, 28, 1]);
      const out = expected.augment({ inputs: x }).inputs;
      expect(seen[b], `batch ${b}`).toEqual(out.dataSync());
      tf.dispose([x, out]);
    });
    expect(seen[0]).not.toEqual(Float32Array.from(batches[0].flatMap((k) => Array.from(digits.train.x.subarray(k * size, (k + 1) * size)))));
    // Recorded in the result with the options as resolved, as plain JSON.
    expect(r.augment).toEqual([
      { name: 'crop', options: { padding: 4, paddingMode: 'constant', fill: 0, prob: 1 } },
      { name: 'flip', options: { horizontal: 0.5, vertical: 0.5 } },
    ]);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('gives every strategy of a seed the same augmentations, and none trains like an identity mixer', async () => {
    const options = { zoo, dataset: digits, model: 'mlp' as const, epochs: 1, batchSize: 32, seed: 2, augment: ['crop', 'flip'] };
    const none = await trainRun({ ...options, strategy: 'none' });
    const spyRun = await trainRun({ ...options, strategy: 'spy' });
    const unaugmented = await trainRun({ ...options, strategy: 'none', augment: [] });
    expect(strip(spyRun)).toEqual(strip(none));
    expect(strip(unaugmented)).not.toEqual(strip(none));
    expect(unaugmented.augment).toBeUndefined();
    expect(none.augment?.map((s) => s.name)).toEqual(['crop', 'flip']);
  });

  it('checks the augmentations before training: bad specs, feature vectors, images they do not fit; no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const run = (dataset: Dataset, augment: unknown[]) => trainRun({ zoo, strategy: 'none', dataset, model: 'mlp', epochs: 1, batchSize: 32, seed: 0, augment: augment as never });
    await expect(run(digits, ['flp'])).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringContaining("Did you mean 'flip'?") });
    await expect(run(digits, [{ name: 'crop', options: { padding: -1 } }])).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringContaining('padding') });
    await expect(run(moons, ['flip'])).rejects.toMatchObject({
      code: 'E_SHAPE',
      message: "trainRun: augmentations (flip) transform images, but the samples have shape [2], not [H, W, C].",
    });
    // Quarter turns need square images: refused on 2×3 images before the first batch.
    const wide: Dataset = { name: 'wide', classNames: ['a', 'b'], inputShape: [2, 3, 1], train: { x: new Float32Array(4 * 6), y: Int32Array.from([0, 1, 0, 1]), count: 4 }, test: { x: new Float32Array(12), y: Int32Array.from([0, 1]), count: 2 } };
    await expect(run(wide, ['rot90'])).rejects.toMatchObject({ code: 'E_SHAPE', message: expect.stringContaining('rot90: odd quarter turns need square images') });
    await expect(run(wide, [{ name: 'rot90', options: { turns: [0, 2] } }])).resolves.toMatchObject({ augment: [{ name: 'rot90' }] });
    expect(tf.memory().numTensors).toBe(before);
  });
});

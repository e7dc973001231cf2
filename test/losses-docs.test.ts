import { readFileSync } from 'node:fs';
import { createZoo, lab, tf, type Zoo } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLogitsModel, sgdWithCosine, trainStep, type LossName } from '../docs/examples/hand-written-loop.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

let zoo: Zoo;
let data: lab.Dataset;

beforeAll(async () => {
  zoo = await createZoo({ backend: 'cpu', seed: 5 });
  data = await lab.loadDataset('mnist', { seed: 1, trainSize: 96, testSize: 16 });
});

describe('docs/losses.md', () => {
  const page = read('../docs/losses.md');

  it('shows the hand-written loop verbatim', () => {
    expect(page).toContain('```ts\n' + read('../docs/examples/hand-written-loop.ts') + '```');
  });

  it.each<LossName>(['ce', 'interpolated', 'bce', 'regmixup', 'decoupled'])('the loop trains with loss %s: the clean training loss falls over 30 steps, no tensors left', (loss) => {
    const x = tf.tensor2d(data.train.x, [96, 784]); // the digits flattened
    const y = tf.tensor1d(data.train.y, 'int32');
    const classes = data.classNames.length;
    const model = buildLogitsModel(784, classes);
    const optimizer = sgdWithCosine(1, 30);
    // the clean training cross-entropy, before and after
    const cleanLoss = () => tf.tidy(() => lab.softTargetCrossEntropy(model.predict(x) as tf.Tensor, tf.cast(tf.oneHot(y, classes), 'float32')).dataSync()[0]);
    const start = cleanLoss();
    const before = tf.memory().numTensors;
    const mixer = zoo.create('mixup', { alpha: 0.4 });
    const losses = Array.from({ length: 30 }, () => trainStep(mixer, model, optimizer, x, y, classes, loss));
    expect(losses.every(Number.isFinite)).toBe(true);
    // the optimizer's slots (one momentum buffer per weight) are the only new tensors
    expect(tf.memory().numTensors).toBe(before + model.trainableWeights.length);
    expect(cleanLoss()).toBeLessThan(start - 0.05);
    optimizer.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });

  it("states the worked examples the tests check (decoupled 0.72589, timm's BCE target)", () => {
    expect(page).toContain('0.72589');
    expect(page).toContain('[0.655, 0.025, 0.295, 0.025]');
  });
});

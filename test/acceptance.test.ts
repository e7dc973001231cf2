import { tf } from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { constantImages, optionsFor, patternImages, zooOn } from './strategies.js';
import { viaJson } from './helpers/json.js';
import { withModelContext } from './helpers/model-context.js';

let names: string[] = [];
beforeAll(async () => {
  names = (await zooOn('cpu')).list();
});

describe('every registered strategy, as a new user would use it', () => {
  it('has at least the foundation strategies', () => {
    expect(names).toEqual(expect.arrayContaining(['mixup', 'paired-mixup', 'choice']));
  });

  it('labels match pixels: with constant images, the mean output pixel is the label-weighted mean of the sources', async () => {
    for (const seed of [0, 1, 'x']) {
      const zoo = await zooOn('cpu', seed);
      for (const name of zoo.list()) {
        const m = withModelContext(zoo.create(name, optionsFor(zoo, name)));
        const b = 7;
        const x = constantImages(b, 12, 10, 3);
        const y = tf.range(0, b, 1, 'int32');
        const out = m.mix({ inputs: x, labels: y, numClasses: b });
        const rows = out.labels!.arraySync() as number[][];
        const pixels = tf.tidy(() => tf.mean(tf.reshape(out.inputs, [b, -1]), 1).arraySync()) as number[];
        const { labelWeights, lambda, partner } = out.plan;
        rows.forEach((row, i) => {
          if (labelWeights && !out.plan.partners) {
            // A strategy with its own label rule (e.g. snapmix's CAM weights, not summing to 1): labels follow
            // labelWeights exactly, and the pixels still keep λ of the own sample.
            const p = partner[i];
            const want = row.map((_, c) => (c === i ? labelWeights.own[i] : 0) + (c === p ? labelWeights.partner[i] : 0));
            row.forEach((v, c) => expect(v, `${name} row ${i} follows labelWeights`).toBeCloseTo(want[c], 5));
            expect(pixels[i], `${name} sample ${i}: pixels vs λ`).toBeCloseTo(lambda[i] * (i + 1) + (1 - lambda[i]) * (p + 1), 4);
            return;
          }
          expect(row.reduce((s, v) => s + v, 0), `${name} row ${i} sums to 1`).toBeCloseTo(1, 5);
          const expected = row.reduce((s, v, c) => s + v * (c + 1), 0);
          expect(pixels[i], `${name} sample ${i}: pixels vs labels`).toBeCloseTo(expected, 4);
        });
        tf.dispose([x, y, out.inputs, out.labels!]);
      }
    }
  });

  it('works with batch sizes 0, 1, 2 and 7 and int32 images', async () => {
    const zoo = await zooOn('cpu', 3);
    for (const name of zoo.list()) {
      const m = withModelContext(zoo.create(name, optionsFor(zoo, name)));
      for (const b of [0, 1, 2, 7]) {
        const x = constantImages(b, 9, 11, 1, 'int32');
        const y = tf.zeros([b], 'int32');
        const out = m.mix({ inputs: x, labels: y, numClasses: 3 });
        expect(out.inputs.shape, `${name} B=${b}`).toEqual([b, 9, 11, 1]);
        expect(out.inputs.dtype).toBe('float32');
        expect(out.labels!.shape).toEqual([b, 3]);
        if (b === 1) expect(out.plan.lambda, `${name}: B = 1 is the identity`).toEqual([1]);
        tf.dispose([x, y, out.inputs, out.labels!]);
      }
    }
  });

  it('replays every plan from JSON bit for bit', async () => {
    const zoo = await zooOn('cpu', 5);
    for (const name of zoo.list()) {
      const m = withModelContext(zoo.create(name, optionsFor(zoo, name)));
      const x = patternImages(6, 16, 12);
      const y = tf.range(0, 6, 1, 'int32');
      const out = m.mix({ inputs: x, labels: y, numClasses: 6 });
      const again = m.apply({ inputs: x, labels: y, numClasses: 6 }, viaJson(out.plan));
      expect(Array.from(again.inputs.dataSync()), name).toEqual(Array.from(out.inputs.dataSync()));
      expect(Array.from(again.labels!.dataSync()), name).toEqual(Array.from(out.labels!.dataSync()));
      tf.dispose([x, y, out.inputs, out.labels!, again.inputs, again.labels!]);
    }
  });
});

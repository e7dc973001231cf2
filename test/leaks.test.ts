import { tf, MixzooError } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { optionsFor, patternImages, zooOn } from './strategies.js';
import { withModelContext } from './helpers/model-context.js';

describe.each(['cpu', 'wasm'] as const)('no leaks and untouched inputs on %s', (backend) => {
  it('leaves tf.memory().numTensors at baseline over many calls and on error paths', async () => {
    const zoo = await zooOn(backend, 2);
    for (const name of zoo.list()) {
      const m = withModelContext(zoo.create(name, optionsFor(zoo, name)));
      const x = patternImages(5, 10, 14);
      const t = patternImages(5, 10, 14);
      const y = tf.tensor1d([0, 1, 2, 3, 4], 'int32');
      const before = Array.from(x.dataSync());
      const baseline = tf.memory().numTensors;
      for (let k = 0; k < 10; k++) {
        const out = m.mix({ inputs: x, labels: y, numClasses: 5, targets: { t } });
        tf.dispose([out.inputs, out.labels!, out.targets!.t]);
      }
      expect(tf.memory().numTensors, `${name}: leak over calls`).toBe(baseline);
      const badLabels = tf.tensor1d([0, 1, 2, 3, 9], 'int32');
      const errorBaseline = tf.memory().numTensors;
      expect(() => m.mix({ inputs: x, labels: badLabels, numClasses: 5 }), name).toThrow(MixzooError);
      expect(tf.memory().numTensors, `${name}: leak on error`).toBe(errorBaseline);
      expect(x.isDisposed).toBe(false);
      expect(Array.from(x.dataSync()), `${name} modified its input`).toEqual(before);
      tf.dispose([x, t, y, badLabels]);
    }
  });
});

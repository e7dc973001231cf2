import { tf } from 'mixzoo';
import { describe, expect, it } from 'vitest';
import { optionsFor, patternImages, zooOn } from './strategies.js';
import { withModelContext } from './helpers/model-context.js';

describe('determinism', () => {
  it('the same seed gives identical plans on cpu and wasm and in a fresh zoo; another seed differs', async () => {
    const shape = { batchSize: 8, height: 20, width: 24, channels: 3 };
    const plansFor = async (backend: 'cpu' | 'wasm', seed: number) => {
      const zoo = await zooOn(backend, seed);
      // Strategies that plan from the pixels (needs.inputs) get the same seeded images.
      const inputs = patternImages(shape.batchSize, shape.height, shape.width, shape.channels);
      try {
        return Object.fromEntries(
          zoo.list().map((name) => {
            const m = withModelContext(zoo.create(name, optionsFor(zoo, name)));
            const data = m.strategy.needs?.inputs ? { inputs } : {};
            return [name, [m.sample(shape, data), m.sample(shape, data)]];
          }),
        );
      } finally {
        tf.dispose(inputs);
      }
    };
    const cpu = await plansFor('cpu', 0);
    expect(Object.keys(cpu)).toEqual((await zooOn('cpu')).list());
    expect(await plansFor('wasm', 0)).toEqual(cpu);
    expect(await plansFor('cpu', 0)).toEqual(cpu);
    const other = await plansFor('cpu', 1);
    // 'none' draws nothing: its identity plan is the same for every seed.
    for (const name of Object.keys(cpu).filter((n) => n !== 'none')) expect(other[name], name).not.toEqual(cpu[name]);
  });
});

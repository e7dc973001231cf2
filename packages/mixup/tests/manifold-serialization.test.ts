// A model with MixLayers saves and loads like any tfjs-layers model, and the loaded model trains
// with manifold mixup again once attached.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { MixLayer } from '@mixzoo/mixup';
import { buildModel, handPlan, inputs, manifoldOn, maxAbsDiff, referenceForward } from './manifold-fixture.js';

async function saveToMemory(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler((artifacts) => {
    saved = artifacts;
    return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
  }));
  return saved!;
}

describe('MixLayer serialisation', () => {
  it('saves to an in-memory IOHandler and loads back with loadLayersModel: same layers, same predictions', async () => {
    await tf.setBackend('cpu');
    const model = buildModel();
    const artifacts = await saveToMemory(model);
    const topology = JSON.stringify(artifacts.modelTopology);
    expect(topology).toContain('"class_name":"MixLayer"');
    expect((topology.match(/"depth":/g) ?? []).length).toBe(3);
    const before = tf.memory().numTensors;
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    const mixLayers = loaded.layers.filter((l): l is MixLayer => l instanceof MixLayer);
    expect(mixLayers.map((l) => [l.name, l.depth])).toEqual(model.layers.filter((l): l is MixLayer => l instanceof MixLayer).map((l) => [l.name, l.depth]));
    const x = inputs(4);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('a loaded model attached to a new controller mixes at the drawn depth again', async () => {
    const model = buildModel([1, 2]);
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(await saveToMemory(model)));
    model.dispose();
    const manifold = (await manifoldOn('cpu')).attach(loaded);
    expect(manifold.depths).toEqual([1, 2]);
    const x = inputs(4);
    const y = tf.tensor1d([0, 1, 1, 0], 'int32');
    const plan = handPlan(4, 2);
    manifold.step({ labels: y, numClasses: 2 }, () => {
      const out = loaded.apply(x, { training: true }) as tf.Tensor;
      const expected = referenceForward(loaded, x, plan, 2);
      expect(maxAbsDiff(out, expected)).toBeLessThan(1e-5);
      tf.dispose([out, expected]);
    }, plan);
    tf.dispose([x, y]);
    loaded.dispose();
  });

  it('round-trips a Sequential model with a MixLayer first (model.toJSON / models.modelFromJSON)', async () => {
    const model = tfl.sequential({ layers: [new MixLayer({ depth: 0, inputShape: [3] }), tfl.layers.dense({ units: 2 })] });
    const rebuilt = await tfl.models.modelFromJSON({ modelTopology: model.toJSON(undefined, false) as never });
    const layer = rebuilt.layers[0];
    expect(layer).toBeInstanceOf(MixLayer);
    expect(layer instanceof MixLayer && layer.depth).toBe(0);
    model.dispose();
    rebuilt.dispose();
  });
});

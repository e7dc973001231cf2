import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MixLayer } from '@mixzoo/mixup';
import { createModel, disposeModel, MIX_DEPTHS, registerConv2dFilterGradient } from '@mixzoo/lab';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerConv2dFilterGradient();
});

const weightsOf = (m: LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
/** Class names of the layers, MixLayers shown with their depth. */
const layout = (m: LayersModel) => m.layers.map((l) => (l instanceof MixLayer ? `mix${l.depth}` : l.getClassName()));

describe('createModel with manifoldLayers', () => {
  it('places MixLayers at the input and after each block of the mlp', () => {
    const model = createModel('mlp', [2], 3, 0, { manifoldLayers: [0, 1, 2] });
    expect(layout(model)).toEqual(['InputLayer', 'mix0', 'Dense', 'mix1', 'Dense', 'mix2', 'Dense']);
    const images = createModel('mlp', [4, 4, 1], 3, 0, { manifoldLayers: [0, 2] });
    expect(layout(images)).toEqual(['InputLayer', 'mix0', 'Flatten', 'Dense', 'Dense', 'mix2', 'Dense']);
    disposeModel(model);
    disposeModel(images);
  });

  it('places them after each conv + pool (and the dense layer) of the cnn, and after each stage of the resnet', () => {
    const model = createModel('cnn', [8, 8, 1], 3, 0, { manifoldLayers: [0, 1, 2, 3] });
    expect(layout(model)).toEqual(['InputLayer', 'mix0', 'Conv2D', 'MaxPooling2D', 'mix1', 'Conv2D', 'MaxPooling2D', 'mix2', 'Flatten', 'Dense', 'mix3', 'Dense']);
    const resnet = createModel('resnet', [8, 8, 1], 3, 0, { manifoldLayers: [0, 1, 2] });
    const mixes = resnet.layers.filter((l): l is MixLayer => l instanceof MixLayer);
    expect(mixes.map((l) => l.depth)).toEqual([0, 1, 2]);
    // depth 0 reads the input, 1 the first stage's residual sum, 2 the second's; the pooling reads depth 2
    const inbound = (l: MixLayer) => l.inboundNodes[0].inboundLayers[0].getClassName();
    expect(mixes.map(inbound)).toEqual(['InputLayer', 'Add', 'Add']);
    expect(resnet.layers.find((l) => l.getClassName() === 'GlobalAveragePooling2D')!.inboundNodes[0].inboundLayers[0]).toBe(mixes[2]);
    expect(Object.keys(MIX_DEPTHS)).toEqual(['mlp', 'cnn', 'resnet']);
    disposeModel(model);
    disposeModel(resnet);
  });

  it('gives the same initial weights and the same predictions with or without MixLayers', () => {
    for (const [name, shape] of [['mlp', [2]], ['cnn', [8, 8, 1]], ['resnet', [8, 8, 1]]] as const) {
      const plain = createModel(name, [...shape], 3, 5);
      const mixed = createModel(name, [...shape], 3, 5, { manifoldLayers: [0, 1, 2] });
      expect(weightsOf(mixed), name).toEqual(weightsOf(plain));
      const x = tf.tensor(Float32Array.from({ length: 4 * (shape as readonly number[]).reduce((a, b) => a * b, 1) }, (_, i) => ((i * 37) % 11) / 10), [4, ...shape]);
      const [a, b] = [plain.predict(x) as tf.Tensor, mixed.predict(x) as tf.Tensor];
      expect(Array.from(b.dataSync()), name).toEqual(Array.from(a.dataSync()));
      tf.dispose([x, a, b]);
      disposeModel(plain);
      disposeModel(mixed);
    }
  });

  it('refuses depths the model does not have, and repeats', () => {
    expect(() => createModel('mlp', [2], 2, 0, { manifoldLayers: [3] })).toThrow("createModel: 'manifoldLayers' must be distinct depths among [0, 1, 2] for 'mlp', got [3].");
    expect(() => createModel('cnn', [8, 8, 1], 2, 0, { manifoldLayers: [1, 1] })).toThrow("createModel: 'manifoldLayers' must be distinct depths among [0, 1, 2, 3] for 'cnn', got [1, 1].");
    expect(() => createModel('mlp', [2], 2, 0, { manifoldLayers: 'all' as never })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });
});

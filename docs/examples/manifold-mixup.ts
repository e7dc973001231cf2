import * as tfl from '@tensorflow/tfjs-layers';
import { tf, type Zoo } from 'mixzoo';
import { ManifoldMixup, MixLayer } from '@mixzoo/mixup';

// (Create the zoo first, `const zoo = await createZoo({ seed: 42 })`: it also picks the backend.)

// 1. A MixLayer at each depth where mixing may happen (0 = the input). Outside a manifold step
//    (predict, evaluate, plain calls) a MixLayer is the identity.
export function buildClassifier(features: number, classes: number): tfl.LayersModel {
  const input = tfl.input({ shape: [features] });
  let h = new MixLayer({ depth: 0 }).apply(input) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: 64, activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  h = new MixLayer({ depth: 1 }).apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: 64, activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  h = new MixLayer({ depth: 2 }).apply(h) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: classes, activation: 'softmax' }).apply(h) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

// 2. The controller, attached to the model; 3. each step draws a depth and a plan, mixes there,
//    and hands you the labels mixed by the same plan.
export async function trainWithManifoldMixup(zoo: Zoo, model: tfl.LayersModel, x: tf.Tensor, y: tf.Tensor1D, classes: number, steps: number): Promise<number[]> {
  const manifold = ManifoldMixup.from(zoo.create('manifold-mixup', { alpha: 2 })).attach(model);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const loss = await manifold.step({ labels: y, numClasses: classes }, ({ labels }) => model.trainOnBatch(x, labels));
    losses.push(loss as number);
  }
  return losses;
}

// 4. Save and load like any model (MixLayer is registered with tfjs serialisation): here in
//    memory; 'indexeddb://...' in browsers or 'file://...' with tfjs-node work the same way.
export async function saveAndLoad(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler((artifacts) => {
    saved = artifacts;
    return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
  }));
  return tfl.loadLayersModel(tf.io.fromMemory(saved!));
}

import { createCrossDatasetMixer, createZoo, tf } from 'mixzoo';

// Two datasets whose label spaces partly overlap, under different names for the same classes.
export const street = ['car', 'person', 'bicycle']; // RGB photos, 32×32
export const traffic = ['automobile', 'pedestrian', 'truck']; // gray frames, 24×24

export async function synonymsExample() {
  const zoo = await createZoo({ seed: 7 });
  const mixer = createCrossDatasetMixer(zoo, {
    base: 'mixup',
    baseOptions: { alpha: 0.4, mode: 'elem' },
    spaces: { street, traffic },
    synonyms: [['car', 'automobile'], ['person', 'pedestrian']],
    policy: 'ignore-unlabeled',
    align: {
      size: [32, 32],
      channels: 3,
      normalize: { street: { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] }, traffic: { mean: 0.4, std: 0.2 } },
    },
  });
  console.log(mixer.labelSpace.classes); // ['car', 'person', 'bicycle', 'truck']

  // Stand-ins for one batch of each dataset: constant images, so every pixel shows its mix.
  const streetBatch = { inputs: tf.fill([4, 32, 32, 3], 0.75), labels: tf.tensor1d([0, 1, 2, 0], 'int32') };
  const trafficBatch = { inputs: tf.fill([4, 24, 24, 1], 0.2), labels: tf.tensor1d([0, 1, 2, 2], 'int32') };

  const out = mixer.mix({
    a: { dataset: 'street', ...streetBatch },
    b: { dataset: 'traffic', ...trafficBatch },
  });
  // out.inputs: [4, 32, 32, 3]; street pixels normalise to 1, traffic pixels to -1: each is 2λ − 1.
  // out.labels: [4, 4] over U; a street 'car' mixed with a traffic 'automobile' is all 'car'.
  // out.validity: [4, 4]; 'bicycle' and 'truck' count only where both datasets annotate them or the label says so.
  tf.dispose([streetBatch.inputs, streetBatch.labels, trafficBatch.inputs, trafficBatch.labels]);
  return { mixer, out };
}

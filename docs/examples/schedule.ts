import { createZoo, tf, type PipelinePlan } from 'mixzoo';

// A pipeline whose CutMix turns on at epoch 1, ramps its probability up, and stops at epoch 3.
export async function scheduledEpochs() {
  const zoo = await createZoo({ seed: 42 });
  const pipeline = zoo.pipeline({
    augment: ['flip'],
    mix: 'cutmix',
    schedule: { on: { from: 1 }, prob: { shape: 'linear', from: 0.5, to: 1, epochs: [1, 2] }, off: { from: 3 } },
  });
  const plans: PipelinePlan[] = [];
  const mapFn = pipeline.mapFn({ numClasses: 4, onPlan: (plan) => plans.push(plan) });

  // With tf.data, the pipeline learns the epoch from a callback:
  //   await model.fitDataset(dataset.batch(64).map(mapFn),
  //     { epochs: 4, callbacks: { onEpochBegin: async (epoch) => pipeline.setEpoch(epoch) } });
  // Here one batch per epoch is mapped by hand, the way tf.data does it (inside tf.tidy).
  const xs = tf.randomUniform([8, 16, 16, 3], 0, 1, 'float32', 7);
  const ys = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32');
  for (let epoch = 0; epoch < 4; epoch++) {
    pipeline.setEpoch(epoch);
    const batch = tf.tidy(() => mapFn({ xs, ys }));
    tf.dispose([batch.xs, batch.ys]);
  }
  tf.dispose([xs, ys]);
  // Each plan says its epoch and what the schedule gave it, e.g. plans[2].mixing is
  // { on: true, options: { prob: 1 } }; plans[0].mix and plans[3].mix are null (no mixing).
  return plans;
}

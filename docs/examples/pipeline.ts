import { createZoo, tf, type PipelinePlan } from 'mixzoo';

// 1. Three lines: a zoo, "crop + flip, then CutMix", and the function tf.data maps with.
export async function makeMapFn(log: PipelinePlan[]) {
  const zoo = await createZoo({ seed: 42 });
  const pipeline = zoo.pipeline({ augment: ['crop', 'flip'], mix: 'cutmix' });
  return { pipeline, mapFn: pipeline.mapFn({ numClasses: 10, onPlan: (plan) => log.push(plan) }) };
}

// 2. With tf.data (mixzoo's `tf` includes tfjs-data and tfjs-layers):
//      await model.fitDataset(dataset.batch(64).map(mapFn), { epochs: 10 });
//    Here one batch is mapped by hand, the way tf.data does it (inside tf.tidy).
export async function demo() {
  const log: PipelinePlan[] = [];
  const { pipeline, mapFn } = await makeMapFn(log);
  const xs = tf.randomUniform([8, 32, 32, 3], 0, 1, 'float32', 7);
  const ys = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
  const batch = tf.tidy(() => mapFn({ xs, ys }));

  // 3. Replay: the logged plan (it survives JSON) rebuilds exactly the same batch.
  const plan = JSON.parse(JSON.stringify(log[0])) as PipelinePlan;
  const again = pipeline.replay({ inputs: xs, labels: ys, numClasses: 10 }, plan);
  tf.dispose([xs, ys]);
  return { batch, again, plan }; // batch.xs equals again.inputs, batch.ys equals again.labels
}

import { it } from 'vitest';
import { createZoo, tf } from 'mixzoo';
it('smoke', async () => {
  const zoo = await createZoo({ seed: 1, backend: 'cpu' });
  console.log(zoo.list());
  const x = tf.randomUniform([4, 8, 10, 3]);
  for (const [name, opts] of [['cutmix', {mode:'elem'}], ['cutmix', {numMix: 3, mode:'elem'}], ['resizemix', {mode:'elem'}], ['gridmix', {}], ['saliencymix', {mode:'elem'}]] as const) {
    const m = zoo.create(name, opts);
    const out = m.mix({ inputs: x, labels: tf.tensor1d([0,1,2,3],'int32'), numClasses: 4 });
    console.log(name, JSON.stringify({...out.plan, masks: out.plan.masks ? out.plan.masks.data.length : undefined}), out.labels!.arraySync());
  }
});

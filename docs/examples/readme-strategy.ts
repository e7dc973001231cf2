import { createZoo, defineStrategy, mixingOptions, sampleLerpPlan, z } from 'mixzoo';

// mixup where every sample keeps at least half of itself: the mixup plan, then λ' = max(λ, 1 − λ).
export const myMixup = defineStrategy({
  name: 'my-mixup', family: 'mixup', paper: '...', summary: 'mixup with λ >= 0.5.',
  options: z.strictObject(mixingOptions({ alpha: 0.4 })),
  sample(ctx) {
    const plan = sampleLerpPlan(ctx, 'my-mixup');
    return { ...plan, lambda: plan.lambda.map((l) => Math.max(l, 1 - l)) };
  },
});

export const zoo = await createZoo({ seed: 0 });
zoo.register(myMixup); // or zoo.use({ name: 'my-plugin', register: (zoo) => zoo.register(myMixup) })
export const mixer = zoo.create('my-mixup', { alpha: 1 });

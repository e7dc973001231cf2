import { createZoo, defineStrategy, drawPairing, mixingOptions, tf, z, type Plugin } from 'mixzoo';

// 1. Define: a mixup variant where each sample keeps the larger share, λ' = max(λ, 1 − λ).
export const dominantMixup = defineStrategy({
  name: 'dominant-mixup',
  family: 'mixup',
  paper: 'A custom variant of Zhang et al., ICLR 2018.',
  summary: 'mixup where every sample keeps at least half of itself.',
  options: z.strictObject({
    ...mixingOptions({ alpha: 0.4, mode: 'elem' }),
    floor: z.number().min(0.5).max(1).default(0.5).describe('Smallest own weight.'),
  }),
  sample(ctx) {
    const { alpha, floor } = ctx.options;
    // Partners, draw groups and prob coins; α = 0 is off, and cross-dataset partner batches are handled.
    const pairs = drawPairing(ctx);
    const lambdas = ctx.rng.stream('lambda');
    const perGroup = Array.from({ length: pairs.groups }, () => {
      const lambda = alpha > 0 ? lambdas.beta(alpha, alpha) : 1;
      return Math.max(floor, lambda, 1 - lambda);
    });
    return {
      strategy: 'dominant-mixup',
      partner: pairs.partner,
      lambda: pairs.partner.map((_, i) => (pairs.active[i] ? perGroup[pairs.group[i]] : 1)),
    };
  },
  // No `apply`: the shared kernel mixes pixels, labels and targets from the plan.
});

// 2. Package it as a plugin (a module exporting this also works with `mixzoo --plugin`).
export const myPlugin: Plugin = { name: 'my-variants', register: (zoo) => zoo.register(dominantMixup) };

// 3. Use it by name, exactly like a built-in.
export async function demo() {
  const zoo = await createZoo({ seed: 42, plugins: [myPlugin] });
  const mixer = zoo.create('dominant-mixup', { alpha: 1, floor: 0.6 });
  const x = tf.randomUniform([8, 32, 32, 3]);
  const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
  const out = mixer.mix({ inputs: x, labels: y, numClasses: 10 });
  tf.dispose([x, y]);
  return out; // { inputs, labels, plan }: every plan.lambda >= 0.6
}

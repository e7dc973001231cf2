import { createZoo, defineStrategy, drawPairing, mixingOptions, modelContext, modelNeedsOf, tf, z, type MixPlan } from 'mixzoo';

// A model-aware strategy: mixup whose λ is each image's share of the pair's total saliency, so
// the image the model finds more telling keeps more of itself. `ctx.model.saliency` is typed and
// always there: the mixer refuses calls without it.
export const salientMixup = defineStrategy({
  name: 'salient-mixup', family: 'mixup', summary: 'mixup with λ = own saliency / pair saliency.',
  options: z.strictObject(mixingOptions({ alpha: 1 })),
  needs: { model: ['saliency'] },
  sample(ctx) {
    const draw = drawPairing(ctx);
    const total = (i: number) => ctx.model.saliency.data[i].reduce((s, v) => s + v, 0);
    const lambda = draw.partner.map((p, i) => (p === i ? 1 : total(i) / (total(i) + total(p) || 1)));
    return { strategy: 'salient-mixup', partner: draw.partner, lambda };
  },
});

/** 16×16 gray images of 4 classes: class k is a bright square in quadrant k (seeded by the step). */
function batch(step: number, size = 8): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const labels = Array.from({ length: size }, (_, i) => (i + step) % 4);
  const pixels = labels.flatMap((k, i) =>
    Array.from({ length: 256 }, (_, p) => {
      const [r, c] = [Math.floor(p / 16), p % 16];
      const inSquare = Math.floor(r / 8) === Math.floor(k / 2) && Math.floor(c / 8) === k % 2 && r % 8 > 1 && c % 8 > 1;
      return (inSquare ? 0.8 : 0.1) + 0.05 * Math.sin(p * 0.3 + i + step);
    }),
  );
  return { x: tf.tensor4d(pixels, [size, 16, 16, 1]), y: tf.tensor1d(labels, 'int32') };
}

// A hand-written training loop: compute what the mixer needs from the model, then mix and train.
export async function train(strategy: string, steps = 4): Promise<{ losses: number[]; plans: MixPlan[] }> {
  const zoo = await createZoo({ seed: 0, backend: 'cpu' });
  zoo.register(salientMixup);
  const mixer = zoo.create(strategy, { mode: 'elem' });
  const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
  // Conv → global average pooling → dense: modelContext finds this CAM head by structure.
  const net = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [16, 16, 1], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: seeded(1) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: seeded(2) }),
    ],
  });
  net.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  const plans: MixPlan[] = [];
  for (let step = 0; step < steps; step++) {
    const { x, y } = batch(step);
    // Only what the mixer needs ([] for static strategies: nothing is computed).
    const model = modelContext(net, { inputs: x, labels: y, numClasses: 4 }, modelNeedsOf(mixer));
    const out = mixer.mix({ inputs: x, labels: y, numClasses: 4, model });
    losses.push((await net.trainOnBatch(out.inputs, out.labels!)) as number);
    plans.push(out.plan); // plain JSON: mixer.apply({ inputs: x, ... }, plan) replays it without the model
    tf.dispose([x, y, out.inputs, out.labels!]);
  }
  net.optimizer.dispose();
  net.dispose();
  return { losses, plans };
}

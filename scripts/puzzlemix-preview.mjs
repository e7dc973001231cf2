// Regenerates docs/images/puzzlemix.png, the preview on the puzzlemix page. Like `mixzoo preview`,
// but puzzlemix plans from the model's saliency, so a small CNN is trained one epoch on 2,000
// MNIST digits first, and the saliency of each previewed digit is the magnitude of the gradient
// of its cross-entropy with respect to the pixels. Run after `npx tsc -b`.
import { writeFileSync } from 'node:fs';
import { createZoo, lab, tf } from '../packages/mixzoo/dist/index.js';
import { loadMnist } from '../packages/mixzoo/dist/data/mnist.js';

const zoo = await createZoo({ seed: 1, backend: 'cpu' });
// The lab's fast convolution gradients, as its training runs use them.
lab.registerTrainingGradients();
const oneHot = (labels) => tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();

const train = await loadMnist({ count: 2000, seed: 2 });
const model = lab.createModel('cnn', train.shape.slice(1), 10, 1);
const [xs, ys] = [tf.tensor4d(train.images, train.shape), oneHot(train.labels)];
await model.fit(xs, ys, { epochs: 1, batchSize: 64, shuffle: false, verbose: 0 });
tf.dispose([xs, ys]);

const batch = await loadMnist({ count: 8, seed: 1 });
const [n, height, width, channels] = batch.shape;
const saliency = tf.tidy(() => {
  const y = oneHot(batch.labels);
  const loss = (x) => tf.metrics.categoricalCrossentropy(y, model.apply(x)).mean();
  const g = tf.grad(loss)(tf.tensor4d(batch.images, batch.shape));
  // s(h, w) = sqrt(mean over channels of g²), one map per image.
  return g.square().mean(3).sqrt().reshape([n, height * width]).arraySync();
});
const context = { saliency: { height, width, data: saliency } };
const mixer = zoo.create('puzzlemix');
const { png } = await lab.renderMixPreview({ mix: (b) => mixer.mix({ ...b, model: context }) }, batch);
writeFileSync('docs/images/puzzlemix.png', png);
console.log(`wrote docs/images/puzzlemix.png (${n} puzzlemix mixes of mnist, ${channels} channel, saliency of a CNN after one epoch)`);
lab.disposeModel(model);

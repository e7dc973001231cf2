import { createCrossDatasetMixer, createZoo, lab, maskedSoftCrossEntropy, maskTargets, tf } from 'mixzoo';

// Debian's dataset-fashion-mnist installs the four IDX .gz files here.
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const GARMENTS = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

/** Mixes MNIST digits with Fashion-MNIST garments into one 20-class problem. */
export async function mnistFashionExample(dirs: { mnist: string; fashion?: string }, batchSize = 32) {
  const zoo = await createZoo({ seed: 0 });
  const mixer = createCrossDatasetMixer(zoo, {
    base: 'cutmix',
    baseOptions: { mode: 'elem' },
    spaces: { mnist: DIGITS, fashion: GARMENTS },
    labelMode: 'disjoint', // 20 classes: 'mnist/0' ... 'mnist/9', 'fashion/T-shirt/top' ... 'fashion/Ankle boot'
    align: { normalize: { mnist: { mean: 0.1307, std: 0.3081 }, fashion: { mean: 0.286, std: 0.353 } } },
  });

  // float32 [N, 28, 28, 1] in [0, 1] and int32 labels, from `t10k-*-idx?-ubyte(.gz)`.
  const digits = await lab.loadIdxDataset(dirs.mnist, { count: batchSize });
  const garments = await lab.loadIdxDataset(dirs.fashion ?? FASHION_MNIST_DIR, { count: batchSize });

  const out = mixer.mix({
    a: { dataset: 'mnist', inputs: digits.images, labels: digits.labels },
    b: { dataset: 'fashion', inputs: garments.images, labels: garments.labels },
  });

  // The target of a 20-way classifier: validity travels inside yTrue, so a tfjs-layers model
  // takes it as is: model.compile({ optimizer: 'adam', loss: maskedSoftCrossEntropy() }).
  const yTrue = maskTargets(out.labels!, out.validity!);
  const logits = tf.zeros([batchSize, 20]); // stand-in for model.predict(out.inputs) without its softmax
  const loss = maskedSoftCrossEntropy({ fromLogits: true })(yTrue, logits);

  tf.dispose([digits.images, digits.labels, garments.images, garments.labels, logits]);
  return { mixer, out, yTrue, loss };
}

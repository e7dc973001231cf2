import { loadMnist as loadLabMnist, type ImageBatch, type MnistOptions } from '@mixzoo/lab';

export { MNIST_SIZE, type MnistOptions } from '@mixzoo/lab';

/** `count` digits of the bundled MNIST set, drawn with the seeded rng (the lab's reader, typed as an ImageBatch). */
export function loadMnist(options: MnistOptions = {}): Promise<ImageBatch> {
  return loadLabMnist(options);
}

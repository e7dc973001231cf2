// Regenerates docs/images/<augmentation>.png, the preview on the pages of the op-chain and erasing
// augmentations: four MNIST digits (top row) and three augmented draws of each below them, each
// captioned with what its plan drew.
import { writeFileSync } from 'node:fs';
import { createAugmenter, lab, tf } from 'mixzoo';

const DIGITS = 4;
const DRAWS = 3;
const short = (v) => String(Math.round(v * 100) / 100);
const previews = {
  randaugment: { options: {}, caption: (p) => p.ops.map((s) => s.op).join('+') },
  trivialaugment: { options: {}, caption: (p) => `${p.ops[0].op} ${short(p.ops[0].value)}` },
  augmix: { options: {}, caption: (p) => `m ${short(p.m)}, ${p.chains.flat().length} ops` },
  // A gray value shows the boxes on MNIST's black background as well as on the digits.
  'random-erasing': { options: { prob: 1, value: 0.5, maxCount: 2 }, caption: (p) => `${p.boxes.length} box${p.boxes.length === 1 ? '' : 'es'}` },
};

await tf.setBackend('cpu');
const digits = await lab.loadMnist({ count: DIGITS, seed: 1 });
const [, h, w, c] = digits.shape;
const size = h * w * c;
const repeated = new Float32Array(DIGITS * DRAWS * size);
for (let k = 0; k < DRAWS; k++) repeated.set(digits.images, k * DIGITS * size);

for (const [name, { options, caption }] of Object.entries(previews)) {
  const inputs = tf.tensor4d(repeated, [DIGITS * DRAWS, h, w, c]);
  const { inputs: out, plans } = createAugmenter([{ name, options }], { seed: 1 }).augment({ inputs });
  const pixels = new Float32Array((DRAWS + 1) * DIGITS * size);
  pixels.set(digits.images);
  pixels.set(out.dataSync(), DIGITS * size);
  const captions = [...Array.from(digits.labels, (d) => `digit ${d}`), ...plans[0].params.map((p) => (p ? caption(p) : 'unchanged'))];
  writeFileSync(`docs/images/${name}.png`, await lab.renderGrid(pixels, [(DRAWS + 1) * DIGITS, h, w, c], captions));
  tf.dispose([inputs, out]);
  process.stdout.write(`wrote docs/images/${name}.png\n`);
}

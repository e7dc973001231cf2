// Regenerates docs/images/robustness.png for docs/robustness.md: one MNIST test digit under every
// corruption of the lab's robustness suite, clean and at severities 1 to 5 (seed 0, as a study's seed 0 would).
import sharp from 'sharp';
import { createZoo } from '../packages/mixzoo/dist/index.js';
import { CORRUPTIONS, corruptImages, loadDataset } from '../packages/lab/dist/index.js';

const SCALE = 4; // 28 px → 112 px tiles
const GAP = 6;
const LABEL = 130; // the corruption names' column
const HEADER = 24;
const SIDE = 28 * SCALE;

const zoo = await createZoo({ backend: 'cpu', seed: 0 });
const mnist = await loadDataset('mnist', { seed: 0, trainSize: 2, testSize: 2 });
const digit = { x: mnist.test.x.subarray(0, 784), count: 1, height: 28, width: 28, channels: 1 };

const columns = 6;
const width = LABEL + columns * (SIDE + GAP) + GAP;
const height = HEADER + CORRUPTIONS.length * (SIDE + GAP) + GAP;
const raw = Buffer.alloc(width * height * 3, 255);
const paint = (pixels, left, top) => {
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const v = Math.round(Math.min(1, Math.max(0, pixels[Math.floor(y / SCALE) * 28 + Math.floor(x / SCALE)])) * 255);
      raw.fill(v, ((top + y) * width + left + x) * 3, ((top + y) * width + left + x + 1) * 3);
    }
  }
};
const texts = ['clean', ...[1, 2, 3, 4, 5].map((s) => `severity ${s}`)].map(
  (t, c) => `<text x="${LABEL + GAP + c * (SIDE + GAP) + SIDE / 2}" y="${HEADER - 7}" text-anchor="middle">${t}</text>`,
);
CORRUPTIONS.forEach((corruption, row) => {
  const top = HEADER + GAP + row * (SIDE + GAP);
  texts.push(`<text x="${LABEL - 8}" y="${top + SIDE / 2 + 5}" text-anchor="end">${corruption.name}</text>`);
  paint(digit.x, LABEL + GAP, top);
  for (let severity = 1; severity <= 5; severity++) paint(corruptImages(digit, corruption.name, severity, 0, zoo.kernels), LABEL + GAP + severity * (SIDE + GAP), top);
});
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><g font-family="DejaVu Sans, Arial, sans-serif" font-size="14" fill="#222">${texts.join('')}</g></svg>`;
await sharp(raw, { raw: { width, height, channels: 3 } })
  .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
  .removeAlpha()
  .png()
  .toFile('docs/images/robustness.png');
console.log(`docs/images/robustness.png: ${width}×${height}`);

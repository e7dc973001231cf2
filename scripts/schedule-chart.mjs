// Regenerates docs/images/schedule-chart.png, the picture of docs/schedules.md: the report's
// schedule chart for the example study of that page. Run after the build:
//   node scripts/schedule-chart.mjs [out.png]
import { scheduleSpec, vegaLiteToSvg } from '@mixzoo/lab';
import sharp from 'sharp';

const file = process.argv[2] ?? 'docs/images/schedule-chart.png';
const config = {
  strategies: [
    { name: 'none' },
    { name: 'mixup', schedule: { alpha: { shape: 'cosine', from: 1, to: 0.2, epochs: [0, 8] }, off: { from: 8 } } },
    { name: 'cutmix', schedule: { on: { from: 2 }, prob: { shape: 'linear', from: 0.2, to: 1, epochs: [2, 6] } } },
  ],
  seeds: [1],
  dataset: 'moons',
  model: 'mlp',
  epochs: 10,
  batchSize: 64,
};
const svg = await vegaLiteToSvg(scheduleSpec(config, config.strategies.map((s) => s.name)));
await sharp(Buffer.from(svg), { density: 144 }).png().toFile(file);
console.log(`wrote ${file}`);

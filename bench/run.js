// `npm run bench`: runs every bench module below, in order. Add yours to the array.
// `npm run bench -- masks` (or `node bench/run.js masks`) runs only the sections named.
import '@mixzoo/kernels';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';

const MODULES = ['./lerp.js', './masks.js', './training.js', './datasets.js', './model-context.js', './augment.js', './bundle-size.js', './scale.js'];
// `node bench/run.js lerp masks` runs only the named sections (file names without .js), in order.
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !MODULES.includes(`./${name}.js`));
if (unknown.length > 0) {
  console.error(`bench/run.js: unknown section(s) ${unknown.join(', ')}; expected some of ${MODULES.map((m) => m.slice(2, -3)).join(', ')}.`);
  process.exit(2);
}
const selected = wanted.length > 0 ? MODULES.filter((m) => wanted.includes(m.slice(2, -3))) : MODULES;

await tf.ready();
console.log(`mixzoo bench — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}, default tfjs backend: ${tf.getBackend()}`);
for (const spec of selected) {
  const mod = await import(spec);
  await mod.run();
}

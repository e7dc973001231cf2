// `npm run bench`: runs every bench module below, in order. Add yours to the array.
import '@mixzoo/kernels';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';

const MODULES = ['./lerp.js', './masks.js', './training.js', './model-context.js', './augment.js', './bundle-size.js', './scale.js'];

await tf.ready();
console.log(`mixzoo bench — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}, default tfjs backend: ${tf.getBackend()}`);
for (const spec of MODULES) {
  const mod = await import(spec);
  await mod.run();
}

// `npm run bench`: runs every bench module below, in order. Add yours to the array.
import '@mixzoo/kernels';
import * as tf from '@tensorflow/tfjs-core';

const MODULES = ['./lerp.js'];

await tf.ready();
console.log(`mixzoo bench — node ${process.version}, default tfjs backend: ${tf.getBackend()}`);
for (const spec of MODULES) {
  const mod = await import(spec);
  await mod.run();
}

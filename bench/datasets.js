// Datasets: loading + training throughput of an image folder vs the bundled MNIST at equal size and
// channels (the same digits written as 28×28 grey PNGs), and the decode cache: decoding every file
// (--no-cache), building the cache, reading it. Images/s = training images / (load + one epoch),
// loads timed in the same process, the folder's from a warm cache (the second run of a study).
// MIXZOO_BENCH_DATASET_IMAGES sets the number of digits (default 3,000).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs-core';
import { createZoo } from 'mixzoo';
import { loadDataset, loadMnist, trainRun } from '@mixzoo/lab';
import { median, ms, printTable } from './lib.js';

const IMAGES = Number(process.env.MIXZOO_BENCH_DATASET_IMAGES ?? 3000);
const TEST = Math.round(IMAGES * 0.2);
const BATCH = 64;

/** The first IMAGES digits of the bundled MNIST (seed 0), as one grey PNG per digit in class folders. */
async function writeDigits(dir) {
  const { images, labels, classNames } = await loadMnist({ count: IMAGES, seed: 0 });
  for (const name of classNames) mkdirSync(join(dir, name), { recursive: true });
  const bytes = Buffer.alloc(784);
  for (let i = 0; i < IMAGES; i++) {
    for (let p = 0; p < 784; p++) bytes[p] = Math.round(images[i * 784 + p] * 255);
    await sharp(bytes, { raw: { width: 28, height: 28, channels: 1 } }).toColourspace('b-w').png().toFile(join(dir, classNames[labels[i]], `${String(i).padStart(5, '0')}.png`));
  }
}

/** Median ms of `fn` over `reps` calls. */
async function timed(fn, reps) {
  const times = [];
  let last;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), last };
}

export async function run() {
  console.log(`\n## Datasets: an image folder vs bundled MNIST, ${IMAGES.toLocaleString('en-US')} 28×28 grey digits (${TEST} held out), small CNN, batch ${BATCH}, wasm\n`);
  const previous = tf.getBackend();
  const root = mkdtempSync(join(tmpdir(), 'mixzoo-bench-datasets-'));
  try {
    const folder = join(root, 'digits');
    await writeDigits(folder);
    const spec = `folder:${folder}`;
    const cacheDir = join(root, 'cache');
    const sizes = { seed: 0, testSize: TEST, trainSize: IMAGES - TEST };

    const noCache = await timed(() => loadDataset(spec, { ...sizes, cache: false }), 2);
    const build = await timed(() => loadDataset(spec, { ...sizes, cacheDir }), 1);
    const hit = await timed(() => loadDataset(spec, { ...sizes, cacheDir }), 5);
    const mnist = await timed(() => loadDataset('mnist', sizes), 3);
    printTable(
      ['load', 'ms', 'vs cache hit'],
      [
        ['folder, --no-cache (decode every file)', ms(noCache.ms), `${(noCache.ms / hit.ms).toFixed(1)}×`],
        ['folder, first run (decode + write the cache)', ms(build.ms), `${(build.ms / hit.ms).toFixed(1)}×`],
        ['folder, cache hit', ms(hit.ms), '1.0×'],
        ['bundled mnist', ms(mnist.ms), `${(mnist.ms / hit.ms).toFixed(1)}×`],
      ],
    );
    const folderData = hit.last;
    console.log(`\nfolder dataset: ${folderData.inputShape.join('×')} (grey stays 1 channel), ${folderData.train.count} train / ${folderData.test.count} test`);

    await tf.setBackend('wasm');
    const zoo = await createZoo({ backend: 'wasm', seed: 0 });
    // Room for the test split only: the training split is read from the cache file batch by batch.
    const streamed = await loadDataset(spec, { ...sizes, cacheDir, maxMemory: folderData.test.x.byteLength + 1 });
    // An untimed epoch first: the first training of a process also pays for warming the kernels.
    await trainRun({ zoo, strategy: 'mixup', dataset: mnist.last, model: 'cnn', epochs: 1, batchSize: BATCH, seed: 0 });
    const rows = [];
    const throughput = {};
    for (const [name, data, loadMs] of [
      ['bundled mnist', mnist.last, mnist.ms],
      ['folder (cache hit)', folderData, hit.ms],
      ['folder (streamed from the cache)', streamed, hit.ms],
    ]) {
      const result = await trainRun({ zoo, strategy: 'mixup', dataset: data, model: 'cnn', epochs: 1, batchSize: BATCH, seed: 0 });
      const seconds = loadMs / 1000 + result.secondsPerEpoch;
      throughput[name] = data.train.count / seconds;
      rows.push([name, ms(loadMs), result.secondsPerEpoch.toFixed(2), Math.round(data.train.count / result.secondsPerEpoch), Math.round(throughput[name])]);
    }
    printTable(['dataset', 'load ms', 's/epoch', 'train images/s', 'load + train images/s'], rows);
    const ratio = throughput['bundled mnist'] / throughput['folder (cache hit)'];
    console.log(`\nload + one epoch: the folder takes ${ratio.toFixed(2)}× the time of bundled mnist (target ≤ 1.3×); a cache hit loads ${(noCache.ms / hit.ms).toFixed(1)}× faster than --no-cache.`);
  } finally {
    rmSync(root, { recursive: true, force: true });
    if (previous) await tf.setBackend(previous);
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Writes CIFAR files in the published binary layout, independently of the reader: per record the
// label byte(s), then the red plane, the green plane and the blue plane, each 32 rows of 32 bytes.

/** The byte at (image, channel, row, column): every axis changes it, so a reader that swaps any two axes reads other values. */
export const cifarPixel = (image: number, channel: number, row: number, col: number): number => (image * 31 + channel * 85 + row * 7 + col * 3) & 255;

function record(labels: number[], image: number): Buffer {
  const buf = Buffer.alloc(labels.length + 3 * 1024);
  labels.forEach((label, i) => (buf[i] = label));
  for (let c = 0; c < 3; c++) for (let r = 0; r < 32; r++) for (let col = 0; col < 32; col++) buf[labels.length + c * 1024 + r * 32 + col] = cifarPixel(image, c, r, col);
  return buf;
}

/** CIFAR-10: data_batch_1..5.bin with `perBatch` images each, test_batch.bin with `test`; image k (counted across train, then test) has label k % 10. */
export function writeCifar10(dir: string, perBatch: number, test: number, names = true): void {
  mkdirSync(dir, { recursive: true });
  let k = 0;
  const file = (name: string, n: number) => writeFileSync(join(dir, name), Buffer.concat(Array.from({ length: n }, () => record([k % 10], k++))));
  for (let b = 1; b <= 5; b++) file(`data_batch_${b}.bin`, perBatch);
  file('test_batch.bin', test);
  if (names) writeFileSync(join(dir, 'batches.meta.txt'), `${['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'].join('\n')}\n\n`);
}

/** CIFAR-100: train.bin and test.bin; image k has coarse label k % 20 and fine label (k * 7) % 100. */
export function writeCifar100(dir: string, train: number, test: number): void {
  mkdirSync(dir, { recursive: true });
  let k = 0;
  const file = (name: string, n: number) => writeFileSync(join(dir, name), Buffer.concat(Array.from({ length: n }, () => record([k % 20, (k * 7) % 100], k++))));
  file('train.bin', train);
  file('test.bin', test);
  writeFileSync(join(dir, 'coarse_label_names.txt'), Array.from({ length: 20 }, (_, i) => `super${i}`).join('\n'));
  writeFileSync(join(dir, 'fine_label_names.txt'), Array.from({ length: 100 }, (_, i) => `class${i}`).join('\n'));
}

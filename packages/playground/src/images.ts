// The batches the playground mixes: MNIST digits shipped with the page, or the user's own images.
import { tf } from 'mixzoo';
import { context2d } from './dom.js';

/** A batch as plain data (tensors are made on the active backend when mixing). */
export interface Images {
  pixels: Float32Array;
  /** [B, H, W, C] */
  shape: [number, number, number, number];
  /** Class index of each image. */
  labels: number[];
  /** Display name of each class. */
  classNames: string[];
}

/** Digits per class in digits.bin (see vite-plugins.ts: class-major, 28×28 bytes each). */
const DIGITS_PER_CLASS = 16;
const SIDE = 28;

/** 16 digits: classes 0–9, then 0–5 again (other samples of those classes). */
export async function mnistBatch(url: string, count = 16): Promise<Images> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the MNIST digits (${url}): HTTP ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const pixels = new Float32Array(count * SIDE * SIDE);
  const labels = Array.from({ length: count }, (_, i) => i % 10);
  labels.forEach((digit, i) => {
    const start = (digit * DIGITS_PER_CLASS + Math.floor(i / 10)) * SIDE * SIDE;
    for (let p = 0; p < SIDE * SIDE; p++) pixels[i * SIDE * SIDE + p] = bytes[start + p] / 255;
  });
  return { pixels, shape: [count, SIDE, SIDE, 1], labels, classNames: labels.map(String).slice(0, 10) };
}

/** The user's images, each its own class, center-cropped and scaled to `side`×`side` RGB. */
export async function ownBatch(files: readonly File[], side = 64): Promise<Images> {
  const canvas = Object.assign(document.createElement('canvas'), { width: side, height: side });
  const context = context2d(canvas, { willReadFrequently: true });
  const pixels = new Float32Array(files.length * side * side * 3);
  for (const [i, file] of files.entries()) {
    const bitmap = await createImageBitmap(file);
    const crop = Math.min(bitmap.width, bitmap.height);
    context.drawImage(bitmap, (bitmap.width - crop) / 2, (bitmap.height - crop) / 2, crop, crop, 0, 0, side, side);
    bitmap.close();
    const rgba = context.getImageData(0, 0, side, side).data;
    for (let p = 0; p < side * side; p++) for (let c = 0; c < 3; c++) pixels[(i * side * side + p) * 3 + c] = rgba[p * 4 + c] / 255;
  }
  const classNames = files.map((f) => f.name.replace(/\.[^.]+$/, '').slice(0, 10));
  return { pixels, shape: [files.length, side, side, 3], labels: files.map((_, i) => i), classNames };
}

/** The batch as tensors on the active backend (the caller disposes them). */
export function toTensors(images: Images): { inputs: tf.Tensor4D; labels: tf.Tensor1D } {
  return { inputs: tf.tensor4d(images.pixels, images.shape), labels: tf.tensor1d(images.labels, 'int32') };
}

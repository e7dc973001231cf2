import { MixzooError, modelNeedsOf, type Mixer, type ModelContext, type ModelContextKind, type ModelMaps, type Seed } from '@mixzoo/core';
import * as tf from '@tensorflow/tfjs-core';
import { modelContext } from '../model-context/index.js';
import { createModel, disposeModel } from '../models/create.js';
import type { ModelName } from '../types.js';
import type { ImageBatch } from './image-batch.js';

/**
 * The model context a preview of a model-aware mixer plans from (undefined for other mixers):
 * computed on the batch by the lab's `model` architecture with the initial weights of `seed`, what
 * the first training step of a run with that seed computes. The model is disposed.
 */
export function previewModelContext(mixer: Mixer, batch: ImageBatch, model: ModelName | undefined, seed: Seed): ModelContext | undefined {
  const needs = modelNeedsOf(mixer);
  if (needs.length === 0) return undefined;
  if (model === undefined) {
    throw new MixzooError('E_USAGE', `preview: '${mixer.name}' plans from the model (${needs.join(', ')}): name the model architecture to compute it with ('cnn', 'resnet').`);
  }
  const net = createModel(model, batch.shape.slice(1), batch.classNames.length, seed);
  const inputs = tf.tensor4d(batch.images, batch.shape, 'float32');
  const labels = tf.tensor1d(batch.labels, 'int32');
  try {
    return modelContext(net, { inputs, labels, numClasses: batch.classNames.length }, needs);
  } finally {
    tf.dispose([inputs, labels]);
    disposeModel(net);
  }
}

/** The map kind a preview shows beside each mixed image: the first map the mixer needs ('features' are no map). */
export function shownMapKind(mixer: Mixer): Exclude<ModelContextKind, 'features'> | undefined {
  return modelNeedsOf(mixer).find((k): k is Exclude<ModelContextKind, 'features'> => k !== 'features');
}

/** "Hot" colours for v in [0, 1]: black → red → yellow → white. */
function hot(v: number): [number, number, number] {
  const c = (x: number) => Math.min(1, Math.max(0, x));
  return [c(3 * v), c(3 * v - 1), c(3 * v - 2)];
}

/** Sample i's map as an H×W×3 heat image: nearest-resized, scaled to its own min–max (a flat map is black). */
export function heatTile(maps: ModelMaps, i: number, height: number, width: number): Float32Array {
  const row = maps.data[i];
  const min = Math.min(...row);
  const span = Math.max(...row) - min;
  const out = new Float32Array(height * width * 3);
  for (let r = 0; r < height; r++) {
    const mr = Math.min(maps.height - 1, Math.floor(((r + 0.5) * maps.height) / height));
    for (let c = 0; c < width; c++) {
      const mc = Math.min(maps.width - 1, Math.floor(((c + 0.5) * maps.width) / width));
      const v = span > 0 ? (row[mr * maps.width + mc] - min) / span : 0;
      out.set(hot(v), (r * width + c) * 3);
    }
  }
  return out;
}

/**
 * Each mixed image followed by the heat tile of its map (2n RGB tiles, gray images repeated over
 * the three channels), with the map's kind as the heat tile's caption.
 */
export function withHeatTiles(pixels: Float32Array, shape: readonly [number, number, number, number], captions: readonly string[], maps: ModelMaps, kind: string): { pixels: Float32Array; shape: [number, number, number, number]; captions: string[] } {
  const [n, h, w, c] = shape;
  const out = new Float32Array(2 * n * h * w * 3);
  for (let i = 0; i < n; i++) {
    const tile = (2 * i) * h * w * 3;
    for (let p = 0; p < h * w; p++) {
      for (let ch = 0; ch < 3; ch++) out[tile + p * 3 + ch] = pixels[(i * h * w + p) * c + (c < 3 ? 0 : ch)];
    }
    out.set(heatTile(maps, i, h, w), (2 * i + 1) * h * w * 3);
  }
  return { pixels: out, shape: [2 * n, h, w, 3], captions: captions.flatMap((caption) => [caption, kind]) };
}

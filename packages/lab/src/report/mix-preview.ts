import * as tf from '@tensorflow/tfjs-core';
import type { Mixer, MixPlan, ModelContext } from '@mixzoo/core';
import { gridLayout, renderGrid } from './grid.js';
import type { ImageBatch } from './image-batch.js';
import { shownMapKind, withHeatTiles } from './model-maps.js';

/** Mixes a batch with a mixer (a model-aware one planning from `model`); returns the mixed pixels and the plan, with every tensor disposed. */
export function mixBatch(mixer: Mixer, batch: ImageBatch, model?: ModelContext): { pixels: Float32Array; plan: MixPlan } {
  const inputs = tf.tensor4d(batch.images, batch.shape, 'float32');
  const labels = tf.tensor1d(batch.labels, 'int32');
  try {
    const out = mixer.mix({ inputs, labels, numClasses: batch.classNames.length, model });
    // A copy: some backends hand out their own storage.
    const pixels = new Float32Array(out.inputs.dataSync());
    tf.dispose([out.inputs, out.labels ?? [], ...Object.values(out.targets ?? {})]);
    return { pixels, plan: out.plan };
  } finally {
    tf.dispose([inputs, labels]);
  }
}

/** `text` cut to `max` characters, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * One caption per tile: "λ 0.62 · 3←7" (own weight · own class ← partner's class); k-way plans
 * list every partner ("λ 0.40 · 3←7,1,4"); unmixed samples show "λ 1.00 · 3". Plans labelling by
 * their own weights (`labelWeights`, e.g. snapmix) show them instead: "y 0.55+0.40 · 3←7".
 * Class names are shortened to fit `maxChars`.
 */
export function tileCaptions(plan: MixPlan, labels: Int32Array, classNames: readonly string[], maxChars = Infinity): string[] {
  return plan.lambda.map((lambda, i) => {
    const others = (plan.partners?.[i] ?? [plan.partner[i]]).filter((p) => p !== i);
    const weights = plan.labelWeights;
    const prefix = weights && others.length > 0 ? `y ${weights.own[i].toFixed(2)}+${weights.partner[i].toFixed(2)} · ` : `λ ${lambda.toFixed(2)} · `;
    const room = maxChars - prefix.length;
    const name = (k: number, max: number) => clip(classNames[labels[k]] ?? String(labels[k]), Math.max(1, max));
    if (others.length === 0) return prefix + name(i, room);
    // The own class gets at most half the room; the partners get the rest.
    const own = name(i, Math.floor((room - 1) / 2));
    const share = Math.floor((room - own.length - 1 - (others.length - 1)) / others.length);
    return `${prefix}${own}←${clip(others.map((p) => name(p, share)).join(','), Math.max(1, room - own.length - 1))}`;
  });
}

/**
 * Mixes the batch and renders it as a captioned PNG grid. A model-aware mixer plans from `model`
 * (see previewModelContext), and each mixed image is followed by a heat tile of the map its plan read.
 */
export async function renderMixPreview(mixer: Mixer, batch: ImageBatch, model?: ModelContext): Promise<{ png: Buffer; plan: MixPlan; width: number; height: number }> {
  const { pixels, plan } = mixBatch(mixer, batch, model);
  const [n, h, w] = batch.shape;
  const kind = shownMapKind(mixer);
  const maps = kind && model?.[kind];
  if (kind && maps) {
    const columns = 2 * Math.ceil(Math.sqrt(n));
    const layout = gridLayout(2 * n, h, w, columns);
    const tiles = withHeatTiles(pixels, batch.shape, tileCaptions(plan, batch.labels, batch.classNames, layout.captionChars), maps, kind);
    return { png: await renderGrid(tiles.pixels, tiles.shape, tiles.captions, columns), plan, width: layout.width, height: layout.height };
  }
  const layout = gridLayout(n, h, w);
  const png = await renderGrid(pixels, batch.shape, tileCaptions(plan, batch.labels, batch.classNames, layout.captionChars));
  return { png, plan, width: layout.width, height: layout.height };
}

import * as tf from '@tensorflow/tfjs-core';
import type { Mixer, MixPlan } from '@mixzoo/core';
import { gridLayout, renderGrid } from './grid.js';
import type { ImageBatch } from './image-batch.js';

/** Mixes a batch with a mixer; returns the mixed pixels and the plan, with every tensor disposed. */
export function mixBatch(mixer: Mixer, batch: ImageBatch): { pixels: Float32Array; plan: MixPlan } {
  const inputs = tf.tensor4d(batch.images, batch.shape, 'float32');
  const labels = tf.tensor1d(batch.labels, 'int32');
  try {
    const out = mixer.mix({ inputs, labels, numClasses: batch.classNames.length });
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
 * list every partner ("λ 0.40 · 3←7,1,4"); unmixed samples show "λ 1.00 · 3".
 * Class names are shortened to fit `maxChars`.
 */
export function tileCaptions(plan: MixPlan, labels: Int32Array, classNames: readonly string[], maxChars = Infinity): string[] {
  return plan.lambda.map((lambda, i) => {
    const others = (plan.partners?.[i] ?? [plan.partner[i]]).filter((p) => p !== i);
    const prefix = `λ ${lambda.toFixed(2)} · `;
    const room = maxChars - prefix.length;
    const name = (k: number, max: number) => clip(classNames[labels[k]] ?? String(labels[k]), Math.max(1, max));
    if (others.length === 0) return prefix + name(i, room);
    // The own class gets at most half the room; the partners get the rest.
    const own = name(i, Math.floor((room - 1) / 2));
    const share = Math.floor((room - own.length - 1 - (others.length - 1)) / others.length);
    return `${prefix}${own}←${clip(others.map((p) => name(p, share)).join(','), Math.max(1, room - own.length - 1))}`;
  });
}

/** Mixes the batch and renders it as a captioned PNG grid. */
export async function renderMixPreview(mixer: Mixer, batch: ImageBatch): Promise<{ png: Buffer; plan: MixPlan; width: number; height: number }> {
  const { pixels, plan } = mixBatch(mixer, batch);
  const [n, h, w] = batch.shape;
  const layout = gridLayout(n, h, w);
  const png = await renderGrid(pixels, batch.shape, tileCaptions(plan, batch.labels, batch.classNames, layout.captionChars));
  return { png, plan, width: layout.width, height: layout.height };
}

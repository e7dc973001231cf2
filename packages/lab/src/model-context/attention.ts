import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { MixzooError, type ModelMaps } from '@mixzoo/core';
import { vitAttention } from '../models/vit/attention.js';
import { ScaledDotAttention } from '../models/vit/layers.js';
import { toMaps } from './labels.js';
import { lastIndex, submodel } from './structure.js';

/**
 * The convention by which a model exposes its attention to `modelContext(model, batch, ['attention'])`:
 * the lab's ScaledDotAttention layers (the tiny 'vit': the last one's class-token row, averaged
 * over heads, see vitAttention), or a layer whose **name contains `mixzoo_attention`** that outputs the attention to use, either
 * `[B, N]` over N = g·g patches in row-major order (e.g. a ViT's class-token row of the last
 * block's softmax(QKᵀ/√d), averaged over heads, patch columns only) or `[B, g_h, g_w]`. The last
 * such layer of `model.layers` is read, in inference mode. Names survive saving and loading; wrap
 * an attention tensor in any identity layer with that name if the attention layer has another output.
 */
export const ATTENTION_LAYER_MARK = 'mixzoo_attention';

export function attentionMaps(model: tfl.LayersModel, inputs: tf.Tensor): ModelMaps {
  if (model.layers.some((l) => l instanceof ScaledDotAttention)) return vitAttention(model, inputs);
  const layer = model.layers[lastIndex(model.layers, (l) => l.name.includes(ATTENTION_LAYER_MARK))] as tfl.layers.Layer | undefined;
  const output = layer?.output;
  if (!layer || !output || Array.isArray(output)) {
    throw new MixzooError('E_USAGE', `modelContext: 'attention' needs ScaledDotAttention layers (the lab's 'vit') or a layer whose name contains '${ATTENTION_LAYER_MARK}' (output [B, N] or [B, gh, gw]); '${model.name}' has neither.`);
  }
  const shape = output.shape;
  const n = shape[1] ?? 0;
  const side = Math.round(Math.sqrt(n));
  if (!(shape.length === 3 || (shape.length === 2 && side * side === n))) {
    throw new MixzooError('E_USAGE', `modelContext: attention layer '${layer.name}' must output [B, N] with N a square number of patches or [B, gh, gw], got [${shape.join(', ')}].`);
  }
  const maps = tf.tidy(() => {
    const a = submodel(model, output).predict(inputs) as tf.Tensor;
    return shape.length === 2 ? tf.reshape(a, [a.shape[0], side, side]) : a;
  });
  try {
    return toMaps(maps);
  } finally {
    maps.dispose();
  }
}

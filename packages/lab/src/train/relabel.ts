import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { MixzooError, type Mixer, type MixResult } from '@mixzoo/core';
import { modelContext } from '../model-context/index.js';
import type { ModelName } from '../types.js';

/** The model context of the mixed batch a strategy relabels from (`needs.mixedModel`), or none. */
const mixedKinds = (mixer: Mixer | undefined) => mixer?.strategy.needs?.mixedModel ?? [];

/** E_OPTION before training when a strategy relabels from context this model cannot give (TransMix needs the ViT's attention). */
export function checkRelabelModel(mixer: Mixer | undefined, model: ModelName, where: string): void {
  const kinds = mixedKinds(mixer);
  if (kinds.length === 0) return;
  const unsupported = kinds.filter((k) => k !== 'attention');
  if (unsupported.length > 0 || model !== 'vit') {
    throw new MixzooError('E_OPTION', `${where}: '${mixer?.name ?? ''}' labels from the model's ${kinds.map((k) => `'${k}'`).join(', ')} on the mixed images; train it with model 'vit' (the lab's attention model), got model '${model}'.`);
  }
}

/**
 * For strategies that label from the model's view of the mixed batch (TransMix): reads the
 * model's attention on the mixed images (one inference pass; the tiny ViT has no dropout, so
 * it is the training pass's attention), relabels the plan and mixes the labels again with it.
 * Returns the result unchanged for other strategies; disposes the labels it replaces.
 */
export function relabelMixed(mixer: Mixer | undefined, model: LayersModel, batch: { inputs: tf.Tensor; labels: tf.Tensor; numClasses: number }, mixed: MixResult): MixResult {
  if (!mixer?.relabel || mixedKinds(mixer).length === 0) return mixed;
  try {
    const plan = mixer.relabel(mixed.plan, modelContext(model, { inputs: mixed.inputs }, mixedKinds(mixer)));
    const again = mixer.apply(batch, plan);
    again.inputs.dispose(); // equal to mixed.inputs: the pixels do not depend on the label weights
    mixed.labels?.dispose();
    return { ...mixed, labels: again.labels, plan };
  } catch (error) {
    tf.dispose([mixed.inputs, ...(mixed.labels ? [mixed.labels] : [])]);
    throw error;
  }
}

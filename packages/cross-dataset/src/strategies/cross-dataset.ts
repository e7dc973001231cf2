import { defineStrategy, modelNeedsOf, MixzooError } from '@mixzoo/core';
import { CrossDatasetMixer, type CrossDatasetState } from '../cross-mixer.js';
import { alignmentFromOptions } from '../label-options.js';
import { crossDatasetOptions } from '../options.js';

/**
 * Cross-dataset mixing: every sample of dataset a is mixed with a partner from dataset b by any
 * two-way base strategy (its pairing runs in 'external' mode), after both are aligned; labels are
 * projected to a unified label space, with validity masks and a soft domain label.
 */
export const crossDataset = defineStrategy({
  name: 'cross-dataset',
  family: 'cross-dataset',
  // Plans are the base strategy's, so they may carry its labelWeights (e.g. cutmix lambdaMode 'sampled').
  labelRule: 'weights',
  paper:
    'Zhong, Zhu, Luo, Li, Yang, Sebe. OpenMix: Reviving Known Knowledge for Discovering Novel Visual Categories in an Open World. CVPR 2021 (disjoint label union); ' +
    'Xu, Zhang, Ni, Li, Wang, Tian, Zhang. Adversarial Domain Adaptation with Domain Mixup. AAAI 2020 (soft domain label).',
  summary: "Mixes a batch of one dataset with a batch of another through any two-way base strategy, with inputs aligned and labels in a unified label space (validity masks, domain λ).",
  options: crossDatasetOptions,
  setup(options, env): CrossDatasetState {
    if (options.base === 'cross-dataset') {
      throw new MixzooError('E_OPTION', `cross-dataset: option 'base' must be another strategy (whose geometry mixes the datasets), got 'cross-dataset'.`);
    }
    const labels = alignmentFromOptions(options);
    const base = env.create(options.base, options.baseOptions);
    const smoothing = base.options.labelSmoothing;
    if (typeof smoothing === 'number' && smoothing > 0) {
      throw new MixzooError('E_OPTION', `cross-dataset: option 'baseOptions.labelSmoothing' must be 0 (use option 'labelSmoothing', applied in each dataset's own label space), got ${smoothing}.`);
    }
    return { base, labels };
  },
  // The base plans; it may plan from the model (e.g. attentivemix).
  modelNeeds: (_options, state) => modelNeedsOf(state.base),
  sample(ctx) {
    const { base } = ctx.state;
    const shape = { batchSize: ctx.batchSize, height: ctx.height, width: ctx.width, channels: ctx.channels, partnerBatchSize: ctx.external };
    return { ...base.sample(shape, { inputs: ctx.inputs, partnerInputs: ctx.partnerInputs, model: ctx.model, partnerModel: ctx.partnerModel }), strategy: 'cross-dataset' };
  },
  // Pixels are the base's: its own apply (or the shared default), partners read from the other dataset.
  apply: (x, plan, ctx) => ctx.state.base.applyPixels(x, plan, ctx.tensorName, ctx.partnerInputs),
  wrapMixer: (mixer, _options, state) => new CrossDatasetMixer(mixer, state),
});

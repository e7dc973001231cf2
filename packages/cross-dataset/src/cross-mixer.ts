import * as tf from '@tensorflow/tfjs-core';
import { isObject, mixLabelRows, MixzooError, validatePlan, type MixBatch, type Mixer, type MixPlan, type MixResult, type SampleData, type SampleShape, type Zoo } from '@mixzoo/core';
import { alignInputs, resizeTarget } from './align-inputs.js';
import type { LabelAlignment } from './align-labels.js';
import { checkCrossBatch, isCrossDatasetBatch, type CheckedBatch, type CheckedSide, type CrossDatasetBatch } from './cross-batch.js';
import { crossValidity, unifiedRows } from './cross-labels.js';
import type { LabelSpace } from './label-space.js';
import type { CrossDatasetOptions, CrossDatasetOptionsInput } from './options.js';

/** What the strategy's `setup` built: the base mixer and, with option 'spaces', the label alignment. */
export interface CrossDatasetState {
  base: Mixer;
  labels?: LabelAlignment;
}

export interface CrossDatasetResult extends MixResult {
  /** float32 [B, |U|]: y' = λ·P_a y_a + (1 − λ)·P_b y_partner (classes both datasets share get both contributions). */
  labels?: tf.Tensor2D;
  /** float32 [B, |U|] of 0/1: the classes each mixed sample is supervised on (option 'policy'). */
  validity?: tf.Tensor2D;
  /** float32 [B]: the share of dataset a in each sample (= plan.lambda), a soft domain label (DM-ADA). */
  domainLambda: tf.Tensor1D;
  /** The unified label space U (columns of labels and validity). */
  labelSpace: LabelSpace;
  datasets: { a: string; b: string };
}

const WHERE = 'cross-dataset';

/** Cross-dataset plans are two-way: k-way plans (ricap, mosaic, multi-box cutmix) have no single partner in b. */
function checkTwoWay(plan: MixPlan, base: string): void {
  if (isObject(plan) && (plan.partners !== undefined || plan.weights !== undefined)) {
    throw new MixzooError('E_PLAN', `${WHERE}: the plan has k-way 'partners'/'weights' (base '${base}'); cross-dataset mixing needs a two-way base (mixup, cutmix with numMix 1, fmix, resizemix, gridmix, saliencymix, smoothmix).`);
  }
}

/**
 * The mixer `zoo.create('cross-dataset', ...)` returns. `mix({ a, b })` / `apply({ a, b }, plan)`
 * align both datasets, pair every sample of a with a partner in b, mix with the base strategy's
 * plan and return unified labels, validity and the domain share. Given a plain batch
 * `{ inputs, labels, numClasses }`, it mixes within that batch exactly like its base strategy.
 */
export class CrossDatasetMixer implements Mixer {
  constructor(
    private readonly inner: Mixer,
    private readonly state: CrossDatasetState,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get options(): Readonly<CrossDatasetOptions> {
    return this.inner.options as Readonly<CrossDatasetOptions>;
  }

  get strategy(): Mixer['strategy'] {
    return this.inner.strategy;
  }

  get modelNeeds(): Mixer['modelNeeds'] {
    return this.inner.modelNeeds;
  }

  /** The label alignment built from options 'spaces', 'mode', 'synonyms' and 'mappings'. */
  get alignment(): LabelAlignment {
    if (!this.state.labels) {
      throw new MixzooError('E_OPTION', `${WHERE}: declare option 'spaces' ({ dataset: [class names] }) to mix two datasets with mix({ a, b }).`);
    }
    return this.state.labels;
  }

  /** The unified label space U. */
  get labelSpace(): LabelSpace {
    return this.alignment.space;
  }

  sample(shape: SampleShape, data?: SampleData): MixPlan {
    return this.inner.sample(shape, data);
  }

  applyPixels(x: tf.Tensor, plan: MixPlan, tensorName?: string, xb?: tf.Tensor): tf.Tensor {
    return this.inner.applyPixels(x, plan, tensorName, xb);
  }

  mix(batch: CrossDatasetBatch): CrossDatasetResult;
  mix(batch: MixBatch): MixResult;
  mix(batch: CrossDatasetBatch | MixBatch): CrossDatasetResult | MixResult {
    return isCrossDatasetBatch(batch) ? this.mixDatasets(batch) : this.inner.mix(batch);
  }

  apply(batch: CrossDatasetBatch, plan: MixPlan): CrossDatasetResult;
  apply(batch: MixBatch, plan: MixPlan): MixResult;
  apply(batch: CrossDatasetBatch | MixBatch, plan: MixPlan): CrossDatasetResult | MixResult {
    return isCrossDatasetBatch(batch) ? this.mixDatasets(batch, plan) : this.inner.apply(batch, plan);
  }

  /** One dataset's inputs as the mixer aligns them (option 'align'): use it on that dataset's evaluation data too. */
  alignInputs(dataset: string, inputs: tf.Tensor): tf.Tensor {
    const name = this.alignment.spaceOf(dataset, `${WHERE}.alignInputs`).name;
    const { size, channels, normalize } = this.options.align ?? {};
    return alignInputs(inputs, { size, channels, mean: normalize?.[name]?.mean, std: normalize?.[name]?.std }, `${WHERE}.alignInputs`);
  }

  /** One dataset's labels as float32 rows [B, |U|] of the unified space (no smoothing), e.g. for evaluation. */
  projectLabels(dataset: string, labels: tf.Tensor): tf.Tensor2D {
    return this.alignment.project(dataset, labels);
  }

  private mixDatasets(batch: CrossDatasetBatch, given?: MixPlan): CrossDatasetResult {
    const labels = this.alignment;
    const checked = checkCrossBatch(WHERE, batch, labels, this.options);
    if (given !== undefined) checkTwoWay(given, this.options.base);
    const owned: tf.Tensor[] = [];
    const own = <T extends tf.Tensor>(t: T): T => {
      owned.push(t);
      return t;
    };
    const align = (side: CheckedSide) => ({
      inputs: own(alignInputs(side.inputs, side.alignment, WHERE, `${side.key}.inputs`)),
      targets: Object.fromEntries(Object.entries(side.targets).map(([name, t]) => [name, own(resizeTarget(t, this.options.align?.size))])),
    });
    try {
      const a = align(checked.a);
      const b = align(checked.b);
      const [height, width, channels] = checked.sampleShape.length === 3 ? checked.sampleShape : [];
      const n = checked.batchSize;
      // partnerBatchSize makes the base pair externally: every sample of a gets a partner in b.
      const plan = given ?? this.inner.sample({ batchSize: n, height, width, channels, partnerBatchSize: n > 0 ? n : undefined }, { inputs: a.inputs, partnerInputs: b.inputs, model: batch.a.model, partnerModel: batch.b.model });
      checkTwoWay(plan, this.options.base);
      validatePlan(plan, { batchSize: n, partnerBatchSize: n, height, width });
      const unified = this.unifiedRows(checked, plan);
      const mixed = this.inner.apply({ inputs: a.inputs, targets: a.targets, partner: b }, plan);
      const out: CrossDatasetResult = {
        inputs: mixed.inputs,
        plan,
        domainLambda: tf.tensor1d(Float32Array.from(plan.lambda), 'float32'),
        labelSpace: labels.space,
        datasets: { a: checked.a.dataset, b: checked.b.dataset },
      };
      if (mixed.targets) out.targets = mixed.targets;
      if (unified) {
        out.labels = mixLabelRows(unified.a, unified.b, labels.space.size, plan);
        out.validity = tf.tensor2d(unified.validity, [n, labels.space.size], 'float32');
      }
      return out;
    } finally {
      tf.dispose(owned);
    }
  }

  /** Both sides' rows in U and the validity by policy (plain arrays; undefined without labels). */
  private unifiedRows(checked: CheckedBatch, plan: MixPlan): { a: Float64Array; b: Float64Array; validity: Float32Array } | undefined {
    const { a, b, batchSize } = checked;
    if (!a.raw || !b.raw) return undefined;
    const labels = this.alignment;
    const smoothing = this.options.labelSmoothing;
    const rowsA = unifiedRows(labels, a.dataset, a.raw, batchSize, smoothing);
    const rowsB = unifiedRows(labels, b.dataset, b.raw, batchSize, smoothing);
    const validity = crossValidity(
      this.options.policy,
      plan,
      { a: labels.validity[a.dataset], b: labels.validity[b.dataset] },
      { a: rowsA.positive, b: rowsB.positive },
    );
    return { a: rowsA.rows, b: rowsB.rows, validity };
  }
}

export function isCrossDatasetMixer(mixer: unknown): mixer is CrossDatasetMixer {
  return mixer instanceof CrossDatasetMixer;
}

/** `zoo.create('cross-dataset', options)`, typed: `mix({ a, b })` returns a CrossDatasetResult. */
export function createCrossDatasetMixer(zoo: Zoo, options: CrossDatasetOptionsInput): CrossDatasetMixer {
  const mixer = zoo.create('cross-dataset', options);
  if (!isCrossDatasetMixer(mixer)) {
    throw new MixzooError('E_PLUGIN', `createCrossDatasetMixer: the zoo's 'cross-dataset' is not the @mixzoo/cross-dataset strategy.`);
  }
  return mixer;
}

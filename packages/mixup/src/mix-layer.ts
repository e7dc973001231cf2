import { serialization, type Tensor } from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError } from '@mixzoo/core';

type LayerArgs = NonNullable<ConstructorParameters<typeof layers.Layer>[0]>;
type Kwargs = Parameters<InstanceType<typeof layers.Layer>['call']>[1];

export interface MixLayerArgs extends LayerArgs {
  /** Where the layer sits: 0 = on the input, then 1, 2, ... deeper. Manifold mixup draws one depth per step. */
  depth: number;
}

/** What an armed layer does to its input during a training step: the step's plan, applied by the kernel. */
export type MixFn = (x: Tensor) => Tensor;

// Kept outside the layer (not in its config): arming is per step, never saved with the model.
const armed = new WeakMap<MixLayer, MixFn>();

/**
 * Manifold mixup's mixing point in a tfjs-layers model. The identity, except during a training
 * call (`training: true`: fit, trainOnBatch, `apply(x, { training: true })`) while a ManifoldMixup
 * controller has armed it for the current step: then it mixes its input with the step's plan.
 * predict / evaluate / a plain apply never mix. Saved and loaded with the model (registered
 * with tfjs serialization as 'mixzoo>MixLayer'); a loaded model is re-attached to a controller.
 */
export class MixLayer extends layers.Layer {
  static className = 'MixLayer';
  readonly depth: number;

  constructor(args: MixLayerArgs) {
    const depth = (args as MixLayerArgs | undefined)?.depth; // plain-JS callers may pass nothing
    if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 0) {
      throw new MixzooError('E_OPTION', `MixLayer: 'depth' must be an integer >= 0 (0 = the input), got ${describeValue(depth)}.`);
    }
    super(args);
    this.depth = depth;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length !== 1) {
      throw new MixzooError('E_SHAPE', `MixLayer '${this.name}': expected one input tensor, got ${list.length}.`);
    }
    const mix = armed.get(this);
    return mix && (kwargs as Kwargs | undefined)?.training === true ? mix(list[0]) : list[0];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), depth: this.depth };
  }
}

serialization.registerClass(MixLayer, 'mixzoo');

/** Arms a layer for one step (the controller's business); `null` disarms it. */
export function armMixLayer(layer: MixLayer, mix: MixFn | null): void {
  if (mix) armed.set(layer, mix);
  else armed.delete(layer);
}

export function isArmed(layer: MixLayer): boolean {
  return armed.has(layer);
}

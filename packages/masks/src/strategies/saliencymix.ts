import { defineStrategy, mixingOptions, MixzooError, drawPairing, shapeText, type Strategy } from '@mixzoo/core';
import { z } from 'zod';
import { boxPlan, lambdaModeOption } from '../boxes/box-plan.js';
import { centredBox, cutRatio, cutSize } from '../boxes/box-sampling.js';
import { modelSaliencyPeak } from '../model-saliency.js';
import { saliencyPeak, spectralResidualSaliency, type SaliencyProvider } from '../saliency.js';

const options = z.strictObject({
  ...mixingOptions({ alpha: 1, mode: 'batch', modes: ['batch', 'elem'] }),
  lambdaMode: lambdaModeOption(),
  saliency: z
    .enum(['image', 'model'])
    .default('image')
    .describe("Where the partner's saliency comes from: 'image' (the provider, from the pixels) or 'model' (the model context's 'saliency', |∂loss/∂input| of the model being trained)."),
});

/**
 * A SaliencyMix strategy with the given saliency provider, registered under `name`. Options stay
 * JSON-only, so a custom provider makes a new strategy: `zoo.register(createSaliencyMix(myMap, 'my-saliencymix'))`.
 * The box is CutMix's (λ ~ Beta(α, α), sides floor(H·√(1−λ))) centred on the partner's saliency
 * peak; one box per batch from the first mixed sample's partner ('batch', as the reference), or
 * one per sample ('elem'). Planning reads the pixels (`inputs.dataSync()`): plans depend on the data.
 */
export function createSaliencyMix(provider: SaliencyProvider, name: string): Strategy {
  if (typeof provider !== 'function') {
    throw new MixzooError('E_PLUGIN', `createSaliencyMix: 'provider' must be a function (image, height, width, channels) => Float32Array, got ${typeof provider}.`);
  }
  return defineStrategy({
    name,
    family: 'masks',
    paper: 'Uddin, Monira, Shin, Chung, Bae. SaliencyMix: A Saliency Guided Data Augmentation Strategy for Better Regularization. ICLR 2021.',
    summary: "Pastes a CutMix-sized box of the partner centred on the partner's most salient pixel (spectral residual saliency by default).",
    needs: { spatial: true, inputs: true },
    labelRule: 'weights',
    options,
    modelNeeds: (o) => (o.saliency === 'model' ? ['saliency'] : []),
    sample(ctx) {
      const { alpha, lambdaMode } = ctx.options;
      const { height, width } = ctx;
      const source = ctx.partnerInputs ?? ctx.inputs;
      // needs.inputs: the mixer passes them (or has thrown E_SHAPE already).
      if (source === undefined) throw new MixzooError('E_SHAPE', `${name}: sample needs the inputs, got none.`);
      // Partners index the partner batch when there is one.
      const batch = ctx.partnerInputs ? ctx.partnerBatchSize : ctx.batchSize;
      const [sb, sh, sw, channels] = source.shape;
      if (source.rank !== 4 || sb !== batch || sh !== height || sw !== width) {
        throw new MixzooError('E_SHAPE', `${name}.sample: the images must be NHWC [${batch}, ${height}, ${width}, C] like the sample shape, got ${shapeText(source.shape)}.`);
      }
      let pixels: Float32Array | Int32Array | Uint8Array | undefined;
      const peaks = new Map<number, { cy: number; cx: number }>();
      const peakOf = (index: number) => {
        let peak = peaks.get(index);
        if (!peak && ctx.options.saliency === 'model') peaks.set(index, (peak = modelSaliencyPeak(name, ctx, index, height, width)));
        if (!peak) {
          pixels ??= source.dataSync();
          const size = height * width * channels;
          const image = Float32Array.from(pixels.subarray(index * size, (index + 1) * size));
          peaks.set(index, (peak = saliencyPeak(name, provider, image, height, width, channels)));
        }
        return peak;
      };
      const lambdas = ctx.rng.stream('lambda');
      const draw = drawPairing(ctx);
      return boxPlan(
        name,
        draw,
        (members) => {
          const lambda = lambdas.beta(alpha, alpha);
          const { cy, cx } = peakOf(draw.partner[members[0]]);
          const { cutH, cutW } = cutSize(height, width, cutRatio(lambda));
          return { box: centredBox(cy, cx, cutH, cutW, height, width), sampled: lambda };
        },
        { height, width },
        lambdaMode,
      );
    },
  });
}

/** SaliencyMix with the default spectral residual saliency. */
export const saliencymix = createSaliencyMix(spectralResidualSaliency, 'saliencymix');

import { defineStrategy, z, type Plugin } from 'mixzoo';

/** Every batch of inputs the spy strategy was given, in order (reset it per test). */
export const seen: Float32Array[] = [];

/** A strategy that records the inputs of each batch and mixes nothing (identity plans). */
export const spyPlugin: Plugin = {
  name: 'spy',
  register: (zoo) =>
    zoo.register(
      defineStrategy({
        name: 'spy',
        family: 'test',
        paper: '-',
        summary: 'records its batches',
        options: z.strictObject({}),
        needs: { inputs: true },
        sample: (ctx) => {
          seen.push(new Float32Array(ctx.inputs!.dataSync()));
          return { strategy: 'spy', partner: Array.from({ length: ctx.batchSize }, (_, i) => i), lambda: new Array<number>(ctx.batchSize).fill(1) };
        },
      }),
    ),
};

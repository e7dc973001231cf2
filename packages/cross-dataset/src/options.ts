import { labelSmoothingOption } from '@mixzoo/core';
import { z } from 'zod';

export const POLICIES = ['and', 'or', 'ignore-unlabeled'] as const;
/** Which unified classes a mixed sample is supervised on (see docs/cross-dataset.md). */
export type ValidityPolicy = (typeof POLICIES)[number];

const side = z.number().int().min(1);
const stat = z.union([z.number(), z.array(z.number()).min(1)]);
const positiveStat = z.union([z.number().gt(0), z.array(z.number().gt(0)).min(1)]);
/** A dataset's classes: the names in label-index order, or a LabelSpace (any { name, classes }, e.g. its toJSON()). */
const classList = z.union([z.array(z.string()), z.object({ name: z.string(), classes: z.array(z.string()).readonly() })], {
  error: 'must be an array of class names or a LabelSpace',
});

/** Options of the 'cross-dataset' strategy; every one has a default so `zoo.create('cross-dataset')` works. */
export const crossDatasetOptions = z.strictObject({
  base: z.string().default('mixup').describe("Registered two-way strategy whose plans (partners, λ, boxes, masks) mix the datasets: 'mixup', 'cutmix', 'fmix', ..."),
  baseOptions: z.record(z.string(), z.unknown()).optional().describe("Options of the base strategy, validated at creation (its 'labelSmoothing' must stay 0: use this strategy's)."),
  spaces: z
    .record(z.string(), classList)
    .optional()
    .describe("Each dataset's class names in label-index order (or its LabelSpace), e.g. { mnist: ['0', ...], fashion: ['T-shirt/top', ...] }; mix({ a, b }) needs it."),
  labelMode: z.enum(['union', 'disjoint']).default('union').describe("'union': classes with the same name (or synonyms) merge; 'disjoint': each dataset keeps its own classes, named 'dataset/class'."),
  synonyms: z.array(z.array(z.string())).optional().describe("Groups of names of one class, e.g. [['car', 'automobile']]; the unified class takes the group's first name ('union' only)."),
  mappings: z
    .record(z.string(), z.record(z.string(), z.union([z.array(z.string()), z.record(z.string(), z.number())])))
    .optional()
    .describe("1:many: { dataset: { class: ['a', 'b'] (equal shares) or { a: 0.7, b: 0.3 } } } over unified classes ('union' only)."),
  policy: z.enum(POLICIES).default('or').describe("Supervised classes of each mixed sample: 'or' every class either dataset annotates; 'and' those every contributing dataset annotates; 'ignore-unlabeled' those plus the classes its label puts mass on."),
  labelSmoothing: labelSmoothingOption().describe("Label smoothing s in each dataset's own space, before projection: on = 1 - s + s/K_d, off = s/K_d."),
  align: z
    .strictObject({
      size: z.tuple([side, side]).optional().describe('Common [height, width]; other sizes are resized bilinearly (half-pixel centres), image targets too.'),
      channels: z.literal([1, 3]).optional().describe('Common channel count: gray → RGB repeats the channel, RGB → gray takes the BT.601 luma.'),
      normalize: z
        .record(z.string(), z.strictObject({ mean: stat.optional(), std: positiveStat.optional() }))
        .optional()
        .describe("Per dataset: x' = (x - mean) / std with its own statistics, one number or one per channel."),
    })
    .optional()
    .describe('Input alignment applied to each dataset before mixing: normalise, convert channels, resize.'),
});

export type CrossDatasetOptions = z.output<typeof crossDatasetOptions>;
/** What callers may pass (defaults filled in by the zoo). */
export type CrossDatasetOptionsInput = z.input<typeof crossDatasetOptions>;

import { describeValue, isObject, MixzooError, valueAt } from '@mixzoo/core';
import type { z } from 'zod';

/**
 * The plan of one augmentation step for one batch: JSON-serializable and replayable.
 * `params[i]` are sample i's drawn parameters, or null when the sample is left as it is.
 */
export interface AugmentPlan {
  augmentation: string;
  /** Plan format version (AUGMENT_PLAN_VERSION for sampled plans); absent = format 1, from before plans were versioned. */
  version?: number;
  /** Height and width the params were drawn for. */
  height: number;
  width: number;
  params: (Record<string, unknown> | null)[];
}

/** The format augmentation plans and pipeline plans carry in `version`. 2 added `version` itself. */
export const AUGMENT_PLAN_VERSION = 2;

function planError(where: string, message: string): MixzooError {
  return new MixzooError('E_PLAN', `${where}: plan ${message}`);
}

/**
 * Checks the `version` of an augmentation or pipeline plan: absent is format 1 (before plans were
 * versioned), the current format without the field, so it migrates as it is; a version this
 * mixzoo does not know is E_PLAN naming it.
 */
export function checkAugmentPlanVersion(where: string, version: unknown): void {
  if (version === undefined) return;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw planError(where, `'version' must be an integer from 1 to ${AUGMENT_PLAN_VERSION}, got ${describeValue(version)}.`);
  }
  if (version > AUGMENT_PLAN_VERSION) {
    throw planError(where, `'version' is ${version}: this plan was written by a newer mixzoo (this one reads plan versions up to ${AUGMENT_PLAN_VERSION}); upgrade mixzoo to apply it.`);
  }
}

/**
 * Checks a (possibly deserialized) plan against the step that will apply it and the batch:
 * the name, the batch size, the image size and every sample's params (with `schema`).
 */
export function validateAugmentPlan(
  plan: unknown, name: string, shape: { batchSize: number; height: number; width: number }, schema: z.ZodType,
): AugmentPlan {
  const p = plan as AugmentPlan;
  if (!isObject(p) || Array.isArray(p)) throw planError(name, `must be an object { augmentation, height, width, params }, got ${describeValue(plan)}.`);
  checkAugmentPlanVersion(name, p.version);
  if (p.augmentation !== name) throw planError(name, `'augmentation' must be '${name}' (the step applying it), got ${describeValue(p.augmentation)}.`);
  if (p.height !== shape.height || p.width !== shape.width) {
    throw planError(name, `was drawn for ${describeValue(p.height)}×${describeValue(p.width)} images, inputs are ${shape.height}×${shape.width}.`);
  }
  if (!Array.isArray(p.params) || p.params.length !== shape.batchSize) {
    throw planError(name, `'params' must be an array of length ${shape.batchSize} (the batch size), got ${describeValue(p.params)}.`);
  }
  p.params.forEach((row, i) => {
    if (row === null) return;
    const result = schema.safeParse(row);
    if (result.success) return;
    const issue = result.error.issues[0];
    const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    throw planError(name, `'params[${i}]${path}' is invalid (${issue.message}), got ${describeValue(valueAt(row, issue.path))}.`);
  });
  return p;
}

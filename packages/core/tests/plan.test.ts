import { describe, expect, it } from 'vitest';
import { identityPlan, migratePlan, PLAN_VERSION, restrictPlan, validatePlan, type MixPlan } from '@mixzoo/core';
import { mixzooMessageOf } from '../../../test/helpers/tensors.js';
import { viaJson } from '../../../test/helpers/json.js';

const base: MixPlan = { strategy: 'cutmix', partner: [1, 0, 2], lambda: [0.75, 0.75, 1], boxes: [{ y0: 0, x0: 0, y1: 2, x1: 2 }, { y0: 0, x0: 0, y1: 2, x1: 2 }, null], height: 4, width: 4 };

const planError = (plan: unknown, bounds = { batchSize: 3 }): string => mixzooMessageOf(() => validatePlan(plan as MixPlan, bounds), 'E_PLAN');

describe('validatePlan', () => {
  it('accepts a valid plan and its JSON round trip', () => {
    expect(() => validatePlan(base, { batchSize: 3 })).not.toThrow();
    expect(() => validatePlan(viaJson(base), { batchSize: 3 })).not.toThrow();
  });

  it('names the offending field', () => {
    expect(planError({ ...base, partner: [1, 0] })).toContain("'partner' must be an array of length 3");
    expect(planError({ ...base, partner: [1, 0, 3] })).toContain("'partner[2]' must be an integer in [0, 3), got 3.");
    expect(planError({ ...base, lambda: [0.5, 1.2, 1] })).toContain("'lambda[1]' must be a number in [0, 1], got 1.2.");
    expect(planError({ ...base, lambda: [0.5, Number.NaN, 1] })).toContain('got NaN');
    expect(planError({ ...base, boxes: [{ y0: 0, x0: 0, y1: 5, x1: 2 }, null, null] })).toContain("'boxes[0]'");
    expect(planError({ ...base, boxes: [{ y0: 2, x0: 0, y1: 1, x1: 2 }, null, null] })).toContain("'boxes[0]'");
    expect(planError({ ...base, masks: { height: 4, width: 4, data: [[1, 0, 1]] } })).toContain("'masks.data[0]' must have 4×4 = 16 values");
    expect(planError({ strategy: 'fmix', partner: [1, 0, 2], lambda: [1, 1, 1], masks: { height: 1, width: 2, data: [[1, 2]] } })).toContain('values must be numbers in [0, 1]');
    expect(planError({ ...base, partners: [[0], [1], [2]] })).toContain("'partners' and 'weights' come together");
    expect(planError({ ...base, partners: [[0, 1], [1], [2]], weights: [[0.5, 0.4], [1], [1]] })).toContain("'weights[0]' must sum to 1");
    expect(planError(null)).toContain('expected an object');
  });

  it('checks partners against the partner batch size (cross-dataset)', () => {
    const plan = { strategy: 'mixup', partner: [4, 0], lambda: [0.5, 0.5] };
    expect(() => validatePlan(plan, { batchSize: 2, partnerBatchSize: 5 })).not.toThrow();
    expect(planError(plan, { batchSize: 2 })).toContain("'partner[0]'");
  });

  it('accepts the empty plan of B = 0', () => {
    expect(() => validatePlan(identityPlan('mixup', 0), { batchSize: 0 })).not.toThrow();
  });
});

describe('plan versions', () => {
  it('a plan without version is format 1 and migrates as is; the current version is accepted', () => {
    expect(PLAN_VERSION).toBe(2);
    expect(migratePlan(base)).toBe(base);
    const v2 = { ...base, version: PLAN_VERSION };
    expect(migratePlan(viaJson(v2))).toEqual(v2);
    expect(() => validatePlan(v2, { batchSize: 3 })).not.toThrow();
  });

  it('refuses a newer or malformed version, naming it', () => {
    expect(planError({ ...base, version: 3 })).toContain("'version' is 3: this plan was written by a newer mixzoo");
    expect(planError({ ...base, version: 1.5 })).toContain("'version' must be an integer from 1 to 2, got 1.5.");
    expect(planError({ ...base, version: '2' })).toContain("got '2'");
    expect(mixzooMessageOf(() => migratePlan({ ...base, version: 9 }), 'E_PLAN')).toContain('newer mixzoo');
  });

  it('refuses unknown top-level fields, smuggled JSON keys included', () => {
    expect(planError({ ...base, lamda: [1, 1, 1] })).toContain("unknown field 'lamda'. Did you mean 'lambda'?");
    expect(planError(JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(base).slice(1)}`))).toContain("unknown field '__proto__'");
    expect(() => validatePlan({ ...base, extra: { anything: 1 } }, { batchSize: 3 })).not.toThrow();
  });
});

describe('lenient values and label/pixel consistency', () => {
  const maskPlan = (row: unknown[], lambda = 0.5): unknown => ({ strategy: 'fmix', partner: [1, 0, 2], lambda: [lambda, lambda, 1], masks: { height: 2, width: 2, data: [row, row, null] } });

  it('refuses null (NaN after JSON) and string mask values, and non-positive mask sizes', () => {
    expect(planError(maskPlan([1, null, 0, 0]))).toContain("'masks.data[0]' values must be numbers in [0, 1], got null.");
    expect(planError(maskPlan([1, '0.5', 0, 0.5]))).toContain("got '0.5'");
    expect(planError({ strategy: 'fmix', partner: [0, 1, 2], lambda: [1, 1, 1], masks: { height: 0, width: 2, data: [] } })).toContain('integer height and width >= 1');
    expect(planError({ strategy: 'fmix', partner: [0, 1, 2], lambda: [1, 1, 1], masks: { height: -1, width: -2, data: [[1, 1]] } })).toContain('integer height and width >= 1');
  });

  it('masks must have the size of the images', () => {
    expect(planError(maskPlan([1, 0, 1, 0]), { batchSize: 3, height: 4, width: 4 } as never)).toContain("'masks' are 2×2 but the images are 4×4");
    expect(() => validatePlan(maskPlan([1, 0, 1, 0]) as MixPlan, { batchSize: 3, height: 2, width: 2 })).not.toThrow();
  });

  it('lambda must be the share of own pixels kept: the mask mean, or 1 − box area/(H·W)', () => {
    expect(planError(maskPlan([1, 0, 1, 0], 0.7))).toContain("'lambda[0]' is 0.7 but the pixels keep 0.5 of the own sample (the mean of its mask)");
    expect(planError({ ...base, lambda: [0.5, 0.75, 1] })).toContain("'lambda[0]' is 0.5 but the pixels keep 0.75");
    // Within 1e-6 is fine; a sample paired with itself is untouched, so any λ labels it as itself.
    expect(() => validatePlan({ ...base, lambda: [0.75 + 5e-7, 0.75, 1] }, { batchSize: 3 })).not.toThrow();
    expect(() => validatePlan({ ...base, partner: [0, 1, 2], lambda: [0.1, 0.2, 1] }, { batchSize: 3 })).not.toThrow();
    // With an external partner batch the partner always differs, even at the same index.
    expect(planError({ ...base, partner: [0, 1, 2], lambda: [0.1, 0.75, 1] }, { batchSize: 3, partnerBatchSize: 3 } as never)).toContain("'lambda[0]' is 0.1");
  });

  it('labelWeights: length B, finite, >= 0, not with k-way rows', () => {
    const ok = { ...base, labelWeights: { own: [0.3, 0.6, 1], partner: [0.7, 0.4, 0] } };
    expect(() => validatePlan(ok, { batchSize: 3 })).not.toThrow();
    expect(planError({ ...ok, labelWeights: { own: [0.3], partner: [0.7, 0.4, 0] } })).toContain("'labelWeights.own' must be an array of length 3");
    expect(planError({ ...ok, labelWeights: { own: [0.3, -1, 1], partner: [0.7, 0.4, 0] } })).toContain("'labelWeights.own[1]' must be a finite number >= 0, got -1.");
    expect(planError({ ...ok, labelWeights: { own: [0.3, 0.6, 1], partner: [0.7, null, 0] } })).toContain("'labelWeights.partner[1]'");
    expect(planError({ ...ok, boxes: undefined, lambda: [0.5, 0.5, 1], partners: [[0, 1], [1, 0], [2]], weights: [[0.5, 0.5], [0.5, 0.5], [1]] })).toContain("'labelWeights' cannot be combined");
  });
});

describe('restrictPlan', () => {
  it('turns unkept samples into the identity', () => {
    const shared: MixPlan = { ...base, boxes: undefined, masks: { height: 1, width: 2, data: [[1, 0]] } };
    const r = restrictPlan(shared, [true, false, true]);
    expect(r.partner).toEqual([1, 1, 2]);
    expect(r.lambda).toEqual([0.75, 1, 1]);
    expect(r.masks!.data).toEqual([[1, 0], null, [1, 0]]);
    const b = restrictPlan(base, [false, true, false]);
    expect(b.boxes).toEqual([null, base.boxes![1], null]);
    expect(b.partner).toEqual([0, 0, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { identityPlan, restrictPlan, validatePlan, type MixPlan } from '@mixzoo/core';
import { mixzooMessageOf } from '../../../test/helpers/tensors.js';

const base: MixPlan = { strategy: 'cutmix', partner: [1, 0, 2], lambda: [0.75, 0.75, 1], boxes: [{ y0: 0, x0: 0, y1: 2, x1: 2 }, { y0: 0, x0: 0, y1: 2, x1: 2 }, null], height: 4, width: 4 };

const planError = (plan: unknown, bounds = { batchSize: 3 }): string => mixzooMessageOf(() => validatePlan(plan as MixPlan, bounds), 'E_PLAN');

describe('validatePlan', () => {
  it('accepts a valid plan and its JSON round trip', () => {
    expect(() => validatePlan(base, { batchSize: 3 })).not.toThrow();
    expect(() => validatePlan(JSON.parse(JSON.stringify(base)), { batchSize: 3 })).not.toThrow();
  });

  it('names the offending field', () => {
    expect(planError({ ...base, partner: [1, 0] })).toContain("'partner' must be an array of length 3");
    expect(planError({ ...base, partner: [1, 0, 3] })).toContain("'partner[2]' must be an integer in [0, 3), got 3.");
    expect(planError({ ...base, lambda: [0.5, 1.2, 1] })).toContain("'lambda[1]' must be a number in [0, 1], got 1.2.");
    expect(planError({ ...base, lambda: [0.5, Number.NaN, 1] })).toContain('got NaN');
    expect(planError({ ...base, boxes: [{ y0: 0, x0: 0, y1: 5, x1: 2 }, null, null] })).toContain("'boxes[0]'");
    expect(planError({ ...base, boxes: [{ y0: 2, x0: 0, y1: 1, x1: 2 }, null, null] })).toContain("'boxes[0]'");
    expect(planError({ ...base, masks: { height: 2, width: 2, data: [[1, 0, 1]] } })).toContain("'masks.data[0]' must have 2×2 = 4 values");
    expect(planError({ ...base, masks: { height: 1, width: 2, data: [[1, 2]] } })).toContain('values must be in [0, 1]');
    expect(planError({ ...base, partners: [[0], [1], [2]] })).toContain("'partners' and 'weights' come together");
    expect(planError({ ...base, partners: [[0, 1], [1], [2]], weights: [[0.5, 0.4], [1], [1]] })).toContain("'weights[0]' must sum to 1");
    expect(planError(null)).toContain('expected an object');
  });

  it('checks partners against the partner batch size (cross-dataset)', () => {
    const plan = { strategy: 'mixup', partner: [4, 0], lambda: [0.5, 0.5] };
    expect(() => validatePlan(plan, { batchSize: 2, partnerBatchSize: 5 })).not.toThrow();
    expect(planError(plan, { batchSize: 2 } as never)).toContain("'partner[0]'");
  });

  it('accepts the empty plan of B = 0', () => {
    expect(() => validatePlan(identityPlan('mixup', 0), { batchSize: 0 })).not.toThrow();
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

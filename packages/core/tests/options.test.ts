import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mixingOptions, MixzooError, parseOptions } from '@mixzoo/core';

const schema = z.strictObject({ ...mixingOptions({ alpha: 1 }), minmax: z.tuple([z.number(), z.number()]).optional() });

function errorOf(input: unknown): MixzooError {
  try {
    parseOptions('cutmix', schema, input);
  } catch (e) {
    return e as MixzooError;
  }
  throw new Error('expected parseOptions to throw');
}

describe('parseOptions', () => {
  it('fills defaults', () => {
    expect(parseOptions('cutmix', schema, undefined)).toEqual({ alpha: 1, mode: 'batch', pairing: 'random', prob: 1, labelSmoothing: 0 });
    expect(parseOptions('cutmix', schema, { alpha: 0.2, mode: 'elem' })).toMatchObject({ alpha: 0.2, mode: 'elem' });
  });

  it('names the option, the requirement and the received value', () => {
    const e = errorOf({ alpha: -1 });
    expect(e).toBeInstanceOf(MixzooError);
    expect(e.code).toBe('E_OPTION');
    expect(e.message).toBe("cutmix: option 'alpha' must be >= 0, got -1.");
  });

  it.each([
    [{ alpha: Number.NaN }, "option 'alpha' must be a finite number, got NaN."],
    [{ alpha: Number.POSITIVE_INFINITY }, "option 'alpha' must be a finite number, got Infinity."],
    [{ alpha: '1' }, "option 'alpha' must be a finite number, got '1'."],
    [{ prob: 1.5 }, "option 'prob' must be <= 1, got 1.5."],
    [{ mode: 'sample' }, "option 'mode' must be one of 'batch', 'elem', 'pair', got 'sample'."],
  ])('rejects %j', (input, message) => {
    expect(errorOf(input).message).toContain(message);
  });

  it('suggests the closest known option for a typo', () => {
    const e = errorOf({ alhpa: 2 });
    expect(e.message).toContain("unknown option 'alhpa'. Did you mean 'alpha'?");
    expect(e.message).toContain('Known options: alpha, mode, pairing, prob, labelSmoothing, minmax.');
  });

  it('rejects non-object options', () => {
    expect(errorOf(3).message).toBe('cutmix: options must be an object, got 3.');
    expect(errorOf([1]).code).toBe('E_OPTION');
  });
});

import { describe, expect, it } from 'vitest';
import { MixzooError, parseSchedule, rampAt, scheduleAt, type MixSchedule } from '../src/index.js';

const W = 'test';

function optionError(run: () => unknown, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MixzooError);
    expect((error as MixzooError).code).toBe('E_OPTION');
    expect((error as Error).message).toMatch(message);
    return;
  }
  expect.fail(`expected an E_OPTION matching ${String(message)}`);
}

describe('ramps', () => {
  it('linear: from before the start, to at and after the end, straight in between (hand-checked values)', () => {
    const ramp = { shape: 'linear', from: 0.2, to: 1, epochs: [2, 6] } as const;
    expect([0, 1, 2].map((t) => rampAt(ramp, t))).toEqual([0.2, 0.2, 0.2]);
    expect(rampAt(ramp, 3)).toBeCloseTo(0.4, 15);
    expect(rampAt(ramp, 4)).toBeCloseTo(0.6, 15);
    expect(rampAt(ramp, 4.5)).toBeCloseTo(0.7, 15); // half-way through epoch 4
    expect([6, 7, 100].map((t) => rampAt(ramp, t))).toEqual([1, 1, 1]); // exactly `to`
    // Downwards too.
    expect(rampAt({ shape: 'linear', from: 1, to: 0, epochs: [0, 4] }, 1)).toBe(0.75);
  });

  it('cosine: to + ½(from − to)(1 + cos πf), flat at both ends, the mid-point half-way', () => {
    const ramp = { shape: 'cosine', from: 1, to: 0, epochs: [0, 10] } as const;
    expect(rampAt(ramp, 0)).toBe(1);
    expect(rampAt(ramp, 5)).toBeCloseTo(0.5, 15);
    // f = 0.25: ½(1 + cos π/4) = ½ + √2/4.
    expect(rampAt(ramp, 2.5)).toBeCloseTo(0.5 + Math.SQRT2 / 4, 15);
    expect(rampAt(ramp, 10)).toBe(0);
    expect(rampAt(ramp, 12)).toBe(0);
    // Slower than linear near the ends: after 1 of 10 epochs it has moved less than a tenth.
    expect(1 - rampAt(ramp, 1)).toBeLessThan(0.1);
    expect(1 - rampAt(ramp, 1)).toBeGreaterThan(0);
  });

  it('step and constant', () => {
    const step = { shape: 'step', from: 0.4, to: 0, at: 3 } as const;
    expect([0, 2, 2.99, 3, 4].map((t) => rampAt(step, t))).toEqual([0.4, 0.4, 0.4, 0, 0]);
    expect(rampAt({ shape: 'constant', value: 0.3 }, 17)).toBe(0.3);
  });
});

describe('scheduleAt', () => {
  it('off from epoch N: epochs 0..N−1 mix, N and later do not (timm --mixup-off-epoch N)', () => {
    const s = parseSchedule(W, { off: { from: 3 } });
    expect([0, 1, 2, 3, 4, 50].map((e) => scheduleAt(s, e).on)).toEqual([true, true, true, false, false, false]);
    expect(scheduleAt(s, 0).options).toEqual({});
  });

  it('on from epoch N: off at epoch 0 and until N, then on; with a window both ways', () => {
    const s = parseSchedule(W, { on: { from: 1 } });
    expect(scheduleAt(s, 0).on).toBe(false);
    expect([1, 2, 9].map((e) => scheduleAt(s, e).on)).toEqual([true, true, true]);
    const window = parseSchedule(W, { on: { from: 2 }, off: { from: 4 } });
    expect([0, 1, 2, 3, 4, 5].map((e) => scheduleAt(window, e).on)).toEqual([false, false, true, true, false, false]);
  });

  it('ramps alpha and prob from their own numbers (no compounding): any epoch alone gives the same values as in sequence', () => {
    const s: MixSchedule = parseSchedule(W, {
      alpha: { shape: 'cosine', from: 0.2, to: 1, epochs: [0, 10] },
      prob: { shape: 'linear', from: 0, to: 1, epochs: [0, 4] },
    });
    const sequence = Array.from({ length: 12 }, (_, e) => scheduleAt(s, e));
    expect(scheduleAt(s, 7)).toEqual(sequence[7]);
    expect(sequence[2].options).toEqual({ alpha: 1 + 0.5 * (0.2 - 1) * (1 + Math.cos(Math.PI * 0.2)), prob: 0.5 });
    expect(sequence[11].options).toEqual({ alpha: 1, prob: 1 });
    expect(scheduleAt(s, 1, 0.5).options.prob).toBe(0.375); // within an epoch: t = 1.5
    expect(sequence.every((m) => m.on)).toBe(true);
  });

  it('refuses bad epochs and fractions', () => {
    const s = parseSchedule(W, { off: { from: 2 } });
    optionError(() => scheduleAt(s, -1), /'epoch' must be an integer >= 0, got -1/);
    optionError(() => scheduleAt(s, 1.5), /'epoch' must be an integer >= 0, got 1.5/);
    optionError(() => scheduleAt(s, 1, 1), /'fraction' must be a number in \[0, 1\), got 1/);
  });
});

describe('parseSchedule', () => {
  it('returns a copy: changing the input later changes nothing', () => {
    const input = { alpha: { shape: 'linear', from: 0.2, to: 1, epochs: [0, 5] } };
    const s = parseSchedule(W, input);
    input.alpha.epochs[1] = 9;
    expect(s.alpha).toEqual({ shape: 'linear', from: 0.2, to: 1, epochs: [0, 5] });
  });

  it.each([
    [null, /a schedule must be an object with some of alpha, prob, on, off, got null/],
    [{}, /must set at least one of alpha, prob, on, off, got \{\}/],
    [{ alhpa: { shape: 'constant', value: 1 } }, /'schedule' has an unknown field 'alhpa'\. Did you mean 'alpha'\?/],
    [{ alpha: 1 }, /'alpha' must be a ramp \{ shape, \.\.\. \}, e\.g\. .*, got 1/],
    [{ alpha: { shape: 'cosin', from: 0, to: 1, epochs: [0, 1] } }, /'alpha\.shape' must be one of 'constant', 'linear', 'cosine', 'step', got 'cosin'\. Did you mean 'cosine'\?/],
    [{ alpha: { shape: 'constant', value: -1 } }, /'alpha\.value' must be a finite number >= 0, got -1/],
    [{ alpha: { shape: 'constant', value: Infinity } }, /'alpha\.value' must be a finite number >= 0, got Infinity/],
    [{ prob: { shape: 'step', from: 0.5, to: 1.5, at: 2 } }, /'prob\.to' must be a number in \[0, 1\], got 1\.5/],
    [{ prob: { shape: 'step', from: 0.5, to: 1, at: 2.5 } }, /'prob\.at' must be an epoch \(an integer >= 0\), got 2\.5/],
    [{ prob: { shape: 'linear', from: 0, to: 1, epochs: [3, 3] } }, /'prob\.epochs' must be \[start, end\].*start < end, got \[3, 3\]/],
    [{ prob: { shape: 'linear', from: 0, to: 1, epochs: [0] } }, /'prob\.epochs' must be \[start, end\]/],
    [{ prob: { shape: 'linear', from: 0, to: 1, epochs: [0, 2], at: 1 } }, /'prob' has an unknown field 'at'\. .*Expected shape, from, to, epochs/],
    [{ off: 3 }, /'off' must be \{ "from": epoch \}, got 3/],
    [{ off: { after: 3 } }, /'off' has an unknown field 'after'/],
    [{ on: { from: -1 } }, /'on\.from' must be an epoch \(an integer >= 0\), got -1/],
    [{ off: { from: 0 } }, /never mixes: 'off\.from' \(0\) must be after epoch 0; train with the strategy 'none'/],
    [{ on: { from: 4 }, off: { from: 4 } }, /never mixes: 'off\.from' \(4\) must be after 'on\.from' \(4\)/],
  ])('refuses %j', (value, message) => {
    optionError(() => parseSchedule(W, value), message);
  });
});

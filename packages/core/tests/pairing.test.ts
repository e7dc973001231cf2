import { describe, expect, it } from 'vitest';
import { createRng, drawCoins, drawPairing, pairingOptionsOf, samplePairing, type Mode, type Pairing } from '@mixzoo/core';

const draw = (b: number, mode: Mode, pairing: Pairing, prob = 1, seed = 3) => samplePairing(createRng(seed), b, { mode, pairing, prob });

describe('samplePairing', () => {
  it('gives empty arrays for B = 0 and the identity for B = 1', () => {
    expect(draw(0, 'elem', 'random')).toMatchObject({ partner: [], group: [], active: [] });
    for (const pairing of ['random', 'derangement', 'flip', 'roll'] as const) {
      expect(draw(1, 'batch', pairing)).toMatchObject({ partner: [0], active: [false] });
    }
  });

  it('random is a permutation and derangement has no fixed points', () => {
    for (let seed = 0; seed < 50; seed++) {
      expect([...draw(7, 'elem', 'random', 1, seed).partner].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const d = draw(7, 'elem', 'derangement', 1, seed).partner;
      expect(d.every((p, i) => p !== i)).toBe(true);
      expect([...d].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
  });

  it('flip and roll are fixed patterns', () => {
    expect(draw(5, 'elem', 'flip').partner).toEqual([4, 3, 2, 1, 0]);
    expect(draw(5, 'elem', 'flip').active).toEqual([true, true, false, true, true]);
    expect(draw(4, 'elem', 'roll').partner).toEqual([3, 0, 1, 2]);
  });

  it('pair mode is symmetric, pairs share a draw group, odd B leaves one sample unmixed', () => {
    for (const pairing of ['random', 'derangement', 'flip', 'roll'] as const) {
      for (let seed = 0; seed < 20; seed++) {
        const { partner, group, active } = draw(7, 'pair', pairing, 1, seed);
        partner.forEach((p, i) => {
          expect(partner[p]).toBe(i);
          expect(group[p]).toBe(group[i]);
        });
        expect(active.filter((a) => !a)).toHaveLength(1);
      }
    }
    expect(draw(4, 'pair', 'roll').partner).toEqual([1, 0, 3, 2]);
    expect(draw(6, 'pair', 'flip').partner).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('batch mode has one group, elem mode one per sample', () => {
    expect(draw(6, 'batch', 'random')).toMatchObject({ groups: 1, group: [0, 0, 0, 0, 0, 0] });
    expect(draw(3, 'elem', 'random')).toMatchObject({ groups: 3, group: [0, 1, 2] });
  });

  it('applies prob once per batch in batch mode and per sample in elem mode', () => {
    let batchesMixed = 0;
    let samplesMixed = 0;
    let partial = 0;
    const runs = 2000;
    for (let seed = 0; seed < runs; seed++) {
      const b = draw(8, 'batch', 'derangement', 0.3, seed).active;
      batchesMixed += b[0] ? 1 : 0;
      expect(new Set(b).size).toBe(1); // all or nothing
      const e = draw(8, 'elem', 'derangement', 0.3, seed).active;
      samplesMixed += e.filter(Boolean).length;
      if (new Set(e).size > 1) partial++;
    }
    // 0.3 ± 5 standard errors; p² = 0.09 would fail.
    const se = Math.sqrt((0.3 * 0.7) / runs);
    expect(Math.abs(batchesMixed / runs - 0.3)).toBeLessThan(5 * se);
    expect(Math.abs(samplesMixed / (8 * runs) - 0.3)).toBeLessThan(5 * se);
    expect(partial).toBeGreaterThan(runs / 2);
  });

  it('inactive samples are their own partner', () => {
    const { partner, active } = draw(8, 'elem', 'derangement', 0.5, 11);
    partner.forEach((p, i) => expect(p === i).toBe(!active[i]));
    expect(draw(6, 'elem', 'derangement', 0).partner).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('is deterministic per seed', () => {
    expect(draw(16, 'elem', 'random', 0.5, 0)).toEqual(draw(16, 'elem', 'random', 0.5, 0));
    expect(draw(16, 'elem', 'random', 1, 0).partner).not.toEqual(draw(16, 'elem', 'random', 1, 1).partner);
  });

  it('draws external partners (cross-dataset): every sample active, indices into the other batch', () => {
    const same = samplePairing(createRng(4), 6, { mode: 'elem', pairing: 'random', prob: 1, external: 6 });
    expect([...same.partner].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(same.active.every(Boolean)).toBe(true);
    const other = samplePairing(createRng(4), 7, { mode: 'pair', pairing: 'random', prob: 1, external: 3 });
    expect(other.partner.every((p) => p >= 0 && p < 3)).toBe(true);
    expect(other.groups).toBe(7);
    expect(samplePairing(createRng(4), 3, { mode: 'batch', pairing: 'flip', prob: 1, external: 3 }).partner).toEqual([2, 1, 0]);
    expect(samplePairing(createRng(4), 1, { mode: 'batch', pairing: 'random', prob: 1, external: 1 }).active).toEqual([true]);
    expect(samplePairing(createRng(4), 4, { mode: 'elem', pairing: 'random', prob: 0, external: 4 }).partner).toEqual([0, 1, 2, 3]);
  });
});

describe('drawPairing (the pairing of a sample context)', () => {
  const ctx = (options: { alpha?: number; prob?: number; mode?: Mode }, external?: number) => ({
    batchSize: 5,
    external,
    rng: createRng(9),
    options: { mode: options.mode ?? 'elem', pairing: 'random' as Pairing, prob: options.prob ?? 1, alpha: options.alpha },
  });

  it('α = 0 is off: the identity, also with an external partner batch', () => {
    expect(drawPairing(ctx({ alpha: 0 })).active).toEqual([false, false, false, false, false]);
    // Unmixed samples keep valid indices into the 3-sample partner batch.
    expect(drawPairing(ctx({ alpha: 0 }, 3)).partner).toEqual([0, 1, 2, 0, 1]);
    expect(drawPairing(ctx({ alpha: 1 }), false).active.some(Boolean)).toBe(false);
  });

  it('passes the external partner batch on, so partners index into it', () => {
    const draw = drawPairing(ctx({ alpha: 1, mode: 'pair' }, 2));
    expect(draw.active.every(Boolean)).toBe(true);
    expect(draw.partner.every((p) => p >= 0 && p < 2)).toBe(true);
    expect(pairingOptionsOf(ctx({ alpha: 0.4, prob: 0.3 }, 2))).toEqual({ mode: 'elem', pairing: 'random', prob: 0.3, external: 2 });
  });

  it('draws exactly what samplePairing draws (strategies without alpha are always on)', () => {
    const c = ctx({ prob: 0.5 });
    expect(drawPairing(c)).toEqual(samplePairing(createRng(9), 5, { mode: 'elem', pairing: 'random', prob: 0.5 }));
  });

  it('drawCoins draws one coin per group from the prob stream', () => {
    expect(drawCoins(createRng(1), 3, 1)).toEqual([true, true, true]);
    expect(drawCoins(createRng(1), 4, 0)).toEqual([false, false, false, false]);
    expect(drawCoins(createRng(1), 64, 0.5).filter(Boolean).length).toBeGreaterThan(16);
  });
});

import type { Mode, Pairing } from './options.js';
import type { Rng } from './rng.js';

/**
 * Who mixes with whom, and which samples share one draw (λ, geometry).
 * `group[i]` is the draw index of sample i; inactive samples (prob, odd middle in pair mode)
 * have λ = 1 and partner = self (see unmixedPartner), the "not mixed" plan that keeps shapes static.
 */
export interface PairingDraw {
  partner: number[];
  group: number[];
  groups: number;
  active: boolean[];
  /** Size of the external partner batch the partners index into, if any. */
  external?: number;
}

function basePartners(rng: Rng, n: number, pairing: Pairing): number[] {
  switch (pairing) {
    case 'random':
      return rng.permutation(n);
    case 'derangement':
      return rng.derangement(n);
    case 'flip':
      return Array.from({ length: n }, (_, i) => n - 1 - i);
    case 'roll':
      return Array.from({ length: n }, (_, i) => (i - 1 + n) % n);
  }
}

/** Symmetric pairs: random/derangement pair a permutation's neighbours, flip pairs i with B-1-i, roll pairs (2k, 2k+1). */
function symmetricPairs(rng: Rng, n: number, pairing: Pairing): number[] {
  const partner = Array.from({ length: n }, (_, i) => i);
  const order =
    pairing === 'flip'
      ? Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i / 2 : n - 1 - (i - 1) / 2))
      : pairing === 'roll'
        ? partner.slice()
        : rng.permutation(n);
  for (let k = 0; k + 1 < n; k += 2) {
    partner[order[k]] = order[k + 1];
    partner[order[k + 1]] = order[k];
  }
  return partner;
}

/** Partners in another batch of `m` samples: a permutation when sizes match, else uniform indices. */
function externalPartners(rng: Rng, n: number, m: number, pairing: Pairing): number[] {
  if (pairing === 'flip') return Array.from({ length: n }, (_, i) => (m - 1 - (i % m) + m) % m);
  if (pairing === 'roll') return Array.from({ length: n }, (_, i) => (i + m - 1) % m);
  return n === m ? rng.permutation(n) : Array.from({ length: n }, () => rng.int(m));
}

export interface PairingOptions {
  mode: Mode;
  pairing: Pairing;
  prob: number;
  /**
   * Size of an external partner batch (cross-dataset): partners index into it, a sample is never
   * "its own partner", and 'pair' mode draws per sample. Pass `ctx.external` from the sample context.
   */
  external?: number;
}

/**
 * The partner index of an unmixed sample (λ = 1): itself, or in an external partner batch of
 * `external` samples, which has no "itself", index `i mod external`, so the index stays valid.
 */
export function unmixedPartner(i: number, external?: number): number {
  return external === undefined ? i : i % external;
}

/** One prob coin per draw group, from the 'prob' stream (prob >= 1 draws nothing, so the stream is untouched). */
export function drawCoins(rng: Rng, groups: number, prob: number): boolean[] {
  const coins = rng.stream('prob');
  return Array.from({ length: groups }, () => prob >= 1 || coins.uniform() < prob);
}

/** What a pairing-based `sample` reads from its context (a SampleContext fits). */
export interface PairingContext {
  batchSize: number;
  external?: number;
  rng: Rng;
  options: { mode: Mode; pairing: Pairing; prob: number; alpha?: number };
}

/**
 * The pairing options of a sample context: its mode, pairing and prob, plus the external partner
 * batch (cross-dataset) when there is one, so no strategy can forget it. `enabled` false turns
 * mixing off (prob 0: every sample is its own partner with λ = 1, the identity plan); it defaults
 * to α ≠ 0, since α = 0 means "off" for every Beta(α, α) strategy.
 */
export function pairingOptionsOf(ctx: PairingContext, enabled = ctx.options.alpha !== 0): PairingOptions {
  const { mode, pairing, prob } = ctx.options;
  return { mode, pairing, prob: enabled ? prob : 0, external: ctx.external };
}

/** `samplePairing` for a sample context: partners, draw groups and prob coins (see pairingOptionsOf). */
export function drawPairing(ctx: PairingContext, enabled?: boolean): PairingDraw {
  return samplePairing(ctx.rng, ctx.batchSize, pairingOptionsOf(ctx, enabled));
}

/**
 * Draws partners from the 'pairing' stream and prob coins from the 'prob' stream.
 * B = 0 gives empty arrays; B = 1 the identity (unless the partner batch is external).
 */
export function samplePairing(rng: Rng, batchSize: number, options: PairingOptions): PairingDraw {
  const n = batchSize;
  const { pairing, prob, external } = options;
  const mode = external !== undefined && options.mode === 'pair' ? 'elem' : options.mode;
  const stream = rng.stream('pairing');
  const partner =
    external !== undefined
      ? externalPartners(stream, n, external, pairing)
      : n < 2
        ? Array.from({ length: n }, (_, i) => i)
        : mode === 'pair'
          ? symmetricPairs(stream, n, pairing)
          : basePartners(stream, n, pairing);
  let group: number[];
  if (mode === 'batch') group = new Array<number>(n).fill(0);
  else if (mode === 'elem') group = Array.from({ length: n }, (_, i) => i);
  else {
    // A pair's group is its smaller index, so both members share one draw.
    group = partner.map((p, i) => Math.min(p, i));
  }
  const groups = mode === 'batch' ? Math.min(n, 1) : n;
  const drawn = drawCoins(rng, groups, prob);
  const active = partner.map((p, i) => (external !== undefined || p !== i) && drawn[group[i]]);
  return { partner: partner.map((p, i) => (active[i] ? p : unmixedPartner(i, external))), group, groups, active, external };
}

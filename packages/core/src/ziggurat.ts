/**
 * Marsaglia & Tsang's ziggurat for N(0, 1) (J. Stat. Softw. 5(8), 2000), 128 layers of equal
 * area V under f(x) = exp(−x²/2). One 32-bit uniform per draw in ~99% of cases and no logarithm:
 * twice as fast as the polar method on FMix's 50k-value spectra. As Doornik (2005) advises, the
 * layer, the sign and the position come from disjoint bits (7, 1 and 24), so they are independent.
 */
const LAYERS = 128;
/** Right edge of the base layer, where the tail starts, and the layers' common area. */
const R = 3.442619855899;
const V = 9.91256303526217e-3;

const f = (x: number) => Math.exp(-0.5 * x * x);

/** Layer edges: layer i spans x in [0, EDGE[i]) and heights [f(EDGE[i]), f(EDGE[i + 1])]. */
const EDGE = new Float64Array(LAYERS + 1);
const HEIGHT = new Float64Array(LAYERS + 1);
// The base layer's rectangle-equivalent width V / f(R) holds the tail beyond R; the top edge is 0.
EDGE[0] = V / f(R);
EDGE[1] = R;
for (let i = 1; i < LAYERS - 1; i++) EDGE[i + 1] = Math.sqrt(-2 * Math.log(f(EDGE[i]) + V / EDGE[i]));
EDGE[LAYERS] = 0;
for (let i = 0; i <= LAYERS; i++) HEIGHT[i] = i === 0 ? 0 : f(EDGE[i]);

/** EDGE[i + 1] / EDGE[i]: a position below it lies in layer i's rectangle, under the curve. */
const INSIDE = EDGE.map((edge, i) => (i < LAYERS ? EDGE[i + 1] / edge : 0));

/** One N(0, 1) draw; `next` returns uniforms in [0, 1) with (at least) 32 random bits. */
export function zigguratNormal(next: () => number): number {
  for (;;) {
    const bits = (next() * 4294967296) >>> 0;
    const layer = bits & (LAYERS - 1);
    // ±1 from bit 7 without a branch: a coin-flip branch mispredicts half the time, which
    // measured as costly as the rest of the draw.
    const sign = 1 - ((bits >>> 6) & 2);
    const position = (bits >>> 8) / 16777216;
    // Inside the rectangle below the curve: the common case.
    if (position < INSIDE[layer]) return sign * position * EDGE[layer];
    const x = position * EDGE[layer];
    if (layer === 0) {
      // The tail beyond R, by Marsaglia's exponential rejection.
      let a: number;
      let b: number;
      do {
        a = -Math.log(1 - next()) / R;
        b = -Math.log(1 - next());
      } while (b + b < a * a);
      return sign * (R + a);
    }
    // The wedge between the rectangle and the curve: accept under f.
    if (HEIGHT[layer] + next() * (HEIGHT[layer + 1] - HEIGHT[layer]) < f(x)) return sign * x;
  }
}

// Sampled λ against the Beta density the strategy draws from: a 20-bin density histogram in SVG.
import { betaDensity } from './beta.js';

const [WIDTH, HEIGHT, PAD, BINS, Y_MAX] = [420, 180, 24, 20, 5];

/** Draws the histogram of `lambdas` and, when `beta` is given, the density of Beta(beta[0], beta[1]). */
export function drawHistogram(svg: SVGSVGElement, lambdas: number[], beta: [number, number] | undefined): void {
  const counts = new Array<number>(BINS).fill(0);
  for (const l of lambdas) counts[Math.min(BINS - 1, Math.floor(l * BINS))]++;
  const density = counts.map((n) => (n / Math.max(1, lambdas.length)) * BINS);
  const top = Math.min(Y_MAX, Math.max(1.5, ...density));
  const px = (x: number) => PAD + x * (WIDTH - 2 * PAD);
  const py = (y: number) => HEIGHT - PAD - (Math.min(y, top) / top) * (HEIGHT - 2 * PAD);
  const bars = density.map((d, i) => `<rect x="${px(i / BINS) + 1}" y="${py(d)}" width="${(WIDTH - 2 * PAD) / BINS - 2}" height="${py(0) - py(d)}" fill="#90caf9"/>`);
  let curve = '';
  if (beta) {
    const points = Array.from({ length: 199 }, (_, k) => (k + 1) / 200).map((x) => `${px(x).toFixed(1)},${py(betaDensity(x, ...beta)).toFixed(1)}`);
    curve = `<polyline points="${points.join(' ')}" fill="none" stroke="#d84315" stroke-width="2"/><text x="${WIDTH - PAD}" y="${PAD - 8}" text-anchor="end" font-size="11" fill="#d84315">Beta(${beta[0]}, ${beta[1]})</text>`;
  }
  const axis = `<line x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(0)}" stroke="#444"/>` +
    [0, 0.5, 1].map((x) => `<text x="${px(x)}" y="${HEIGHT - 6}" text-anchor="middle" font-size="11">${x}</text>`).join('') +
    `<text x="${PAD}" y="${PAD - 8}" font-size="11">${lambdas.length} λ, density (clipped at ${top.toFixed(1)})</text>`;
  svg.innerHTML = bars.join('') + curve + axis;
}

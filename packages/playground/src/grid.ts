// The mixed batch as a grid of tiles, each captioned "λ 0.62 · 3←7" (own share · own class ← partner class).
import type { MixPlan } from 'mixzoo';
import { context2d } from './dom.js';

const CAPTION = 16;
const TILE = 96;

/** The caption of sample `i`: λ and classes from the plan (k-way plans list every partner). */
export function caption(plan: MixPlan, i: number, classOf: (sample: number) => string): string {
  const kway = plan as MixPlan & { partners?: number[][]; weights?: number[][] };
  if (kway.partners && kway.weights) {
    return `λ ${kway.weights[i][0].toFixed(2)} · ${classOf(i)}←${kway.partners[i].slice(1).map(classOf).join(',')}`;
  }
  const lambda = plan.lambda[i];
  return lambda >= 1 ? `λ 1.00 · ${classOf(i)}` : `λ ${lambda.toFixed(2)} · ${classOf(i)}←${classOf(plan.partner[i])}`;
}

/** Draws `pixels` ([B, H, W, C], values in [0, 1]) on `canvas`, 8 tiles a row, with `captions`. */
export function drawGrid(canvas: HTMLCanvasElement, pixels: Float32Array, [B, H, W, C]: number[], captions: string[]): void {
  const columns = Math.min(8, B);
  canvas.width = columns * TILE;
  canvas.height = Math.ceil(B / columns) * (TILE + CAPTION);
  const context = context2d(canvas);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const tile = Object.assign(document.createElement('canvas'), { width: W, height: H });
  const tileContext = context2d(tile);
  context.imageSmoothingEnabled = false;
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  for (let b = 0; b < B; b++) {
    const image = tileContext.createImageData(W, H);
    for (let p = 0; p < H * W; p++) {
      for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.round(255 * Math.min(1, Math.max(0, pixels[(b * H * W + p) * C + (C === 1 ? 0 : c)])));
      image.data[p * 4 + 3] = 255;
    }
    tileContext.putImageData(image, 0, 0);
    const [x, y] = [(b % columns) * TILE, Math.floor(b / columns) * (TILE + CAPTION)];
    context.drawImage(tile, x + 2, y + 2, TILE - 4, TILE - 4);
    context.fillStyle = '#222';
    context.fillText(captions[b], x + TILE / 2, y + TILE + CAPTION - 4);
  }
}

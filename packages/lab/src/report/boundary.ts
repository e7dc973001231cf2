import sharp from 'sharp';
import type { DecisionBoundary } from '../metrics/decision-boundary.js';
import type { Split } from '../types.js';

/** Class colours (RGB) of the decision-boundary pictures. */
const CLASS_COLORS: [number, number, number][] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];
const EDGE = 40;

const colorOf = (k: number) => CLASS_COLORS[k % CLASS_COLORS.length];

export interface BoundaryPictureOptions {
  /** Side of the square picture in pixels; default 260. */
  size?: number;
  /** Points of the split drawn on top (the first ones); default 300. */
  maxPoints?: number;
}

/**
 * The predicted class over the plane, shaded by confidence (pale = unsure), the boundary between
 * classes in dark gray and the points of `split` (features in the boundary's ranges) on top.
 */
export async function renderBoundaryPng(boundary: DecisionBoundary, split: Split, options: BoundaryPictureOptions = {}): Promise<Buffer> {
  const { size = 260, maxPoints = 300 } = options;
  const { resolution, argmax, confidence, numClasses, xRange, yRange } = boundary;
  // Cell under each pixel; picture row 0 is the top, the boundary's row 0 the lowest y.
  const cellOf = (px: number, py: number) => (resolution - 1 - Math.floor((py * resolution) / size)) * resolution + Math.floor((px * resolution) / size);
  const raw = Buffer.alloc(size * size * 3);
  const chance = 1 / numClasses;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const cell = cellOf(px, py);
      const k = argmax[cell];
      const edge = (px + 1 < size && argmax[cellOf(px + 1, py)] !== k) || (py + 1 < size && argmax[cellOf(px, py + 1)] !== k);
      const strength = 0.15 + 0.55 * Math.max(0, (confidence[cell] - chance) / (1 - chance));
      const o = (py * size + px) * 3;
      colorOf(k).forEach((c, j) => (raw[o + j] = edge ? EDGE : Math.round(255 + (c - 255) * strength)));
    }
  }
  const circles: string[] = [];
  for (let i = 0; i < Math.min(split.count, maxPoints); i++) {
    const x = ((split.x[2 * i] - xRange[0]) / (xRange[1] - xRange[0])) * size;
    const y = (1 - (split.x[2 * i + 1] - yRange[0]) / (yRange[1] - yRange[0])) * size;
    circles.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.6" fill="rgb(${colorOf(split.y[i]).join(',')})"/>`);
  }
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g stroke="white" stroke-width="0.8">${circles.join('')}</g></svg>`);
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .composite([{ input: overlay, top: 0, left: 0 }])
    .removeAlpha()
    .png()
    .toBuffer();
}

// Decision boundaries of a small MLP on two moons and spirals trained without mixing, with input
// mixup and with manifold mixup: one picture, a row per dataset and a column per strategy
// (scripts/manifold-boundaries.mjs draws docs/images/manifold-boundaries.png with it).
import { writeFile } from 'node:fs/promises';
import sharp, { type OverlayOptions } from 'sharp';
import { MixzooError, type Zoo } from '@mixzoo/core';
import { loadDataset } from '../datasets/load.js';
import { decisionBoundary } from '../metrics/decision-boundary.js';
import { disposeModel } from '../models/create.js';
import { renderBoundaryPng } from './boundary.js';
import { trainRun } from '../train/train-run.js';

export interface BoundaryStrategy {
  name: string;
  options?: Record<string, unknown>;
  title: string;
}

/** The comparison of the manifold-mixup docs: none, input mixup, manifold mixup at depths 0, 1, 2. */
export const BOUNDARY_STRATEGIES: readonly BoundaryStrategy[] = [
  { name: 'none', title: 'no mixing' },
  { name: 'mixup', options: { alpha: 1 }, title: 'input mixup (α = 1)' },
  { name: 'manifold-mixup', options: { alpha: 2, layers: [0, 1, 2] }, title: 'manifold mixup (α = 2)' },
];

export interface BoundaryComparisonOptions {
  datasets?: readonly ('moons' | 'spirals')[];
  strategies?: readonly BoundaryStrategy[];
  /** Default 200 epochs of batches of 32, Adam 0.01, seed 0 (mixup needs many epochs to fit the spirals). */
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** Training points per dataset (default 1,000) and held-out points drawn on the panels (default 300). */
  trainSize?: number;
  testSize?: number;
  /** Side of one panel in pixels; default 240. */
  size?: number;
}

export interface BoundaryPanel {
  dataset: string;
  strategy: string;
  /** Held-out accuracy after the last epoch. */
  accuracy: number;
}

const CAPTION = 34;
const GAP = 6;

/** Two centred lines of text above a panel. */
function caption(lines: [string, string], width: number): Buffer {
  const text = lines.map((line, k) => {
    const escaped = line.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return `<text x="${width / 2}" y="${13 + 15 * k}" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="middle" fill="#222">${escaped}</text>`;
  });
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${CAPTION}">${text.join('')}</svg>`);
}

/**
 * Trains the MLP once per dataset × strategy with trainRun (same seed, data order and initial
 * weights), draws each decision boundary with the held-out points, and tiles the panels.
 */
export async function boundaryComparison(zoo: Zoo, options: BoundaryComparisonOptions = {}): Promise<{ png: Buffer; panels: BoundaryPanel[] }> {
  const { datasets = ['moons', 'spirals'], strategies = BOUNDARY_STRATEGIES, epochs = 200, batchSize = 32, learningRate = 0.01, seed = 0, size = 240 } = options;
  const panels: BoundaryPanel[] = [];
  const tiles: OverlayOptions[] = [];
  for (const [row, name] of datasets.entries()) {
    const dataset = await loadDataset(name, { seed, trainSize: options.trainSize, testSize: options.testSize ?? 300 });
    for (const [column, strategy] of strategies.entries()) {
      const run = await trainRun({ zoo, strategy: strategy.name, strategyOptions: strategy.options, dataset, model: 'mlp', epochs, batchSize, learningRate, seed, keepModel: true });
      const model = run.trainedModel;
      if (!model) throw new MixzooError('E_OPTION', `boundaryComparison: trainRun kept no model for '${strategy.name}' on '${name}' although keepModel was set.`);
      let png: Buffer;
      try {
        png = await renderBoundaryPng(decisionBoundary(model), dataset.test, { size });
      } finally {
        disposeModel(model);
      }
      panels.push({ dataset: name, strategy: strategy.name, accuracy: run.final.accuracy });
      const left = GAP + column * (size + GAP);
      const top = GAP + row * (size + CAPTION + GAP);
      tiles.push({ input: caption([`${name}: ${strategy.title}`, `held-out accuracy ${run.final.accuracy.toFixed(3)}`], size), left, top });
      tiles.push({ input: png, left, top: top + CAPTION });
    }
  }
  const width = GAP + strategies.length * (size + GAP);
  const height = GAP + datasets.length * (size + CAPTION + GAP);
  const png = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(tiles).png({ palette: true }).toBuffer();
  return { png, panels };
}

/** boundaryComparison written to `file`. */
export async function writeBoundaryComparison(zoo: Zoo, file: string, options?: BoundaryComparisonOptions): Promise<BoundaryPanel[]> {
  const { png, panels } = await boundaryComparison(zoo, options);
  await writeFile(file, png);
  return panels;
}

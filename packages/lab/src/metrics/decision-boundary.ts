import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError } from '@mixzoo/core';
import { argmaxRow } from './classification.js';

export interface DecisionBoundaryOptions {
  /** Default [0, 1] (the synthetic sets' range). */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Cells per side; default 100. */
  resolution?: number;
}

export interface DecisionBoundary {
  /** Class probabilities at the cell centres, row-major [resolution (y), resolution (x), numClasses]; row 0 is the lowest y. */
  grid: Float32Array;
  /** Most probable class of each cell, [resolution (y), resolution (x)]. */
  argmax: Int32Array;
  /** Probability of that class (confidence), same layout. */
  confidence: Float32Array;
  numClasses: number;
  resolution: number;
  xRange: [number, number];
  yRange: [number, number];
}

/** Evaluates a 2-D-input model on a regular grid of cell centres (for decision-boundary pictures). */
export function decisionBoundary(model: LayersModel, options: DecisionBoundaryOptions = {}): DecisionBoundary {
  const { xRange = [0, 1], yRange = [0, 1], resolution = 100 } = options;
  const inputShape = model.inputs[0].shape.slice(1);
  if (inputShape.length !== 1 || inputShape[0] !== 2) {
    throw new MixzooError('E_SHAPE', `decisionBoundary: needs a model of 2-D inputs, this one takes [${inputShape.join(', ')}].`);
  }
  if (!Number.isInteger(resolution) || resolution < 1 || resolution > 2000) {
    throw new MixzooError('E_OPTION', `decisionBoundary: 'resolution' must be an integer in [1, 2000], got ${describeValue(resolution)}.`);
  }
  for (const [name, [lo, hi]] of [['xRange', xRange], ['yRange', yRange]] as const) {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new MixzooError('E_OPTION', `decisionBoundary: '${name}' must be [lo, hi] with lo < hi, got ${describeValue([lo, hi])}.`);
  }
  const cells = resolution * resolution;
  const points = new Float32Array(cells * 2);
  const dx = (xRange[1] - xRange[0]) / resolution;
  const dy = (yRange[1] - yRange[0]) / resolution;
  for (let r = 0; r < resolution; r++) {
    for (let c = 0; c < resolution; c++) {
      points[2 * (r * resolution + c)] = xRange[0] + (c + 0.5) * dx;
      points[2 * (r * resolution + c) + 1] = yRange[0] + (r + 0.5) * dy;
    }
  }
  const grid = tf.tidy(() => (model.predict(tf.tensor2d(points, [cells, 2])) as tf.Tensor).dataSync() as Float32Array);
  const numClasses = grid.length / cells;
  const argmax = new Int32Array(cells);
  const confidence = new Float32Array(cells);
  for (let i = 0; i < cells; i++) {
    argmax[i] = argmaxRow(grid, i * numClasses, numClasses);
    confidence[i] = grid[i * numClasses + argmax[i]];
  }
  return { grid, argmax, confidence, numClasses, resolution, xRange: [...xRange], yRange: [...yRange] };
}

import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { MixzooError, type Mixer, type MixPlan } from '@mixzoo/core';

/** A batch of 2-D points (moons, spirals): `points` row-major [n, 2]. */
export interface PointBatch {
  points: Float32Array;
  labels: Int32Array;
  classNames: string[];
}

const SIZE = 320;
const PAD = 16;

/** Class k's colour: hues spread evenly over the classes. */
const hue = (k: number, classes: number) => (360 * k) / classes;

/** The colour of a soft label: the circular mean of the class hues, weighted by the label. */
function labelColour(weights: ArrayLike<number>): string {
  let x = 0;
  let y = 0;
  for (let k = 0; k < weights.length; k++) {
    const a = (hue(k, weights.length) * Math.PI) / 180;
    x += weights[k] * Math.cos(a);
    y += weights[k] * Math.sin(a);
  }
  const h = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
  return `hsl(${h.toFixed(0)},75%,${(75 - 30 * Math.hypot(x, y)).toFixed(0)}%)`; // paler when the classes balance out
}

/**
 * Mixes the points and draws them: each point as a ring in its class colour, a line to its mixed
 * point, and the mixed point filled with the colour of its mixed label.
 */
export async function renderPointMix(mixer: Mixer, batch: PointBatch): Promise<{ png: Buffer; plan: MixPlan; width: number; height: number }> {
  const n = batch.labels.length;
  const classes = batch.classNames.length;
  const inputs = tf.tensor2d(batch.points, [n, 2], 'float32');
  const labels = tf.tensor1d(batch.labels, 'int32');
  let mixed: Float32Array;
  let soft: Float32Array;
  let plan: MixPlan;
  try {
    const out = mixer.mix({ inputs, labels, numClasses: classes });
    const outLabels = out.labels;
    try {
      // Labels were given, so they come back mixed.
      if (!outLabels) throw new MixzooError('E_LABELS', `preview: '${mixer.name}' returned no mixed labels for labelled inputs.`);
      mixed = new Float32Array(out.inputs.dataSync());
      soft = new Float32Array(outLabels.dataSync());
      plan = out.plan;
    } finally {
      tf.dispose([out.inputs, ...(outLabels ? [outLabels] : []), ...Object.values(out.targets ?? {})]);
    }
  } finally {
    tf.dispose([inputs, labels]);
  }
  const xs = batch.points.filter((_, i) => i % 2 === 0);
  const ys = batch.points.filter((_, i) => i % 2 === 1);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (SIZE - 2 * PAD) / Math.max(x1 - x0, y1 - y0, 1e-9);
  // Centred, same scale on both axes (mixed points lie between their pair, inside these bounds).
  const [cx, cy] = [(SIZE - (x1 - x0) * scale) / 2, (SIZE - (y1 - y0) * scale) / 2];
  const px = (x: number) => (cx + (x - x0) * scale).toFixed(1);
  const py = (y: number) => (SIZE - cy - (y - y0) * scale).toFixed(1);
  const shapes: string[] = [];
  for (let i = 0; i < n; i++) {
    const [ox, oy, mx, my] = [batch.points[2 * i], batch.points[2 * i + 1], mixed[2 * i], mixed[2 * i + 1]];
    shapes.push(`<line x1="${px(ox)}" y1="${py(oy)}" x2="${px(mx)}" y2="${py(my)}" stroke="#bbb" stroke-width="1"/>`);
    shapes.push(`<circle cx="${px(ox)}" cy="${py(oy)}" r="4" fill="none" stroke="hsl(${hue(batch.labels[i], classes)},75%,45%)" stroke-width="1.5"/>`);
    shapes.push(`<circle cx="${px(mx)}" cy="${py(my)}" r="3" fill="${labelColour(soft.subarray(i * classes, (i + 1) * classes))}"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}"><rect width="100%" height="100%" fill="white"/>${shapes.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
  return { png, plan, width: SIZE, height: SIZE };
}

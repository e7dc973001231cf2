// Reference resampling with tf.image.transform's conventions (TensorFlow's ImageProjectiveTransform):
// output pixel (c, r) reads the input at the continuous point (x, y) = map(c, r); integer
// coordinates are pixel centres; 'constant' reads the fill value for every neighbour outside the
// image, so borders blend with it; nearest rounds half up.
import { at, build } from '../helpers.js';

export type PointMap = (c: number, r: number, h: number, w: number) => [number, number];

/** Counter-clockwise (as displayed) rotation by `degrees` about ((W−1)/2, (H−1)/2). */
export const rotation = (degrees: number): PointMap => (c, r, h, w) => {
  const t = (degrees * Math.PI) / 180;
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  const [dx, dy] = [c - cx, r - cy];
  return [cx + Math.cos(t) * dx - Math.sin(t) * dy, cy + Math.sin(t) * dx + Math.cos(t) * dy];
};

/** Zoom by `factor` about the centre: the output point at distance d from the centre shows the input at d / factor. */
export const zoom = (factor: number): PointMap => (c, r, h, w) => {
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  return [cx + (c - cx) / factor, cy + (r - cy) / factor];
};

export function refWarp(
  data: ArrayLike<number>, shape: number[], maps: (PointMap | null)[], interpolation: 'bilinear' | 'nearest', fill: number,
): Float64Array {
  const [, h, w] = shape;
  return build(shape, (i, r, c, ch) => {
    const map = maps[i];
    if (!map) return at(data, shape, i, r, c, ch);
    const [x, y] = map(c, r, h, w);
    const read = (yy: number, xx: number) => (yy >= 0 && yy < h && xx >= 0 && xx < w ? at(data, shape, i, yy, xx, ch) : fill);
    if (interpolation === 'nearest') return read(Math.round(y), Math.round(x));
    const [y0, x0] = [Math.floor(y), Math.floor(x)];
    const [fy, fx] = [y - y0, x - x0];
    return (1 - fy) * ((1 - fx) * read(y0, x0) + fx * read(y0, x0 + 1)) + fy * ((1 - fx) * read(y0 + 1, x0) + fx * read(y0 + 1, x0 + 1));
  });
}

import {
  add, cast, clipByValue, concat, div, equal, floor, logicalAnd, maximum, minimum, mod, mul, notEqual, onesLike, scalar, split, sub, where,
  type Tensor,
} from '@tensorflow/tfjs-core';

// torchvision's float RGB <-> HSV (functional_tensor _rgb2hsv / _hsv2rgb), written with
// functional tfjs ops on [B, H, W, 1] channel planes. Values in [0, 1]. Call inside tidy.

const isTrue = (t: Tensor) => cast(t, 'float32');

function rgbToHsv(rgb: Tensor): [Tensor, Tensor, Tensor] {
  const [r, g, b] = split(rgb, 3, 3);
  const maxc = maximum(maximum(r, g), b);
  const minc = minimum(minimum(r, g), b);
  const eqc = equal(maxc, minc);
  const cr = sub(maxc, minc);
  const ones = onesLike(maxc);
  const s = div(cr, where(eqc, ones, maxc));
  const divisor = where(eqc, ones, cr);
  const rc = div(sub(maxc, r), divisor);
  const gc = div(sub(maxc, g), divisor);
  const bc = div(sub(maxc, b), divisor);
  const isR = equal(maxc, r);
  const isG = logicalAnd(equal(maxc, g), notEqual(maxc, r));
  const isB = logicalAnd(notEqual(maxc, g), notEqual(maxc, r));
  const h = add(add(mul(isTrue(isR), sub(bc, gc)), mul(isTrue(isG), add(scalar(2), sub(rc, bc)))), mul(isTrue(isB), add(scalar(4), sub(gc, rc))));
  return [mod(add(div(h, scalar(6)), scalar(1)), scalar(1)), s, maxc];
}

function hsvToRgb(h: Tensor, s: Tensor, v: Tensor): Tensor {
  const h6 = mul(h, scalar(6));
  const i0 = floor(h6);
  const f = sub(h6, i0);
  const i = mod(i0, scalar(6));
  const unit = (t: Tensor) => clipByValue(t, 0, 1);
  const p = unit(mul(v, sub(scalar(1), s)));
  const q = unit(mul(v, sub(scalar(1), mul(s, f))));
  const t = unit(mul(v, sub(scalar(1), mul(s, sub(scalar(1), f)))));
  const select = (sectors: Tensor[]) => sectors.reduce((acc, value, k) => (k === 0 ? value : where(equal(i, scalar(k)), value, acc)));
  return concat([select([v, q, p, p, t, v]), select([t, v, v, q, p, p]), select([p, p, t, v, v, q])], 3);
}

/** Shifts the hue of RGB images by `hue` (per sample, [B, 1, 1, 1], in turns): h' = (h + hue) mod 1. */
export function shiftHue(rgb: Tensor, hue: Tensor): Tensor {
  const [h, s, v] = rgbToHsv(rgb);
  return hsvToRgb(mod(add(h, hue), scalar(1)), s, v);
}

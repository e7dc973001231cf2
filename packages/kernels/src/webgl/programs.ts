import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { GpuPlan, ProgramKind } from '../gpu/plan.js';
import { BOX_FIELDS } from '../gpu/plan.js';
import { PATCH_FIELDS } from '../patches.js';
import { MAP_FIELDS } from '../remap.js';

// GLSL ES 3.00 bodies of the fused programs. tfjs generates `get<Name>(coords)` for every input
// (tables are 1-D: `getP(i)`), `getOutputCoords()` and `setOutput(float)`. Textures hold floats,
// so integer table entries are read back with `int(round(.))` (exact below 2^24), and int32
// images are copied as floats, exact for |v| ≤ 2^24. Every output element is written once, from
// the inputs: one pass, no intermediate texture.

/** Integer table entry. */
const INT = 'int at(float v) { return int(round(v)); }';

const bodies: Record<ProgramKind, (plan: GpuPlan) => string> = {
  // out[b, s] = λ_b x[b, s] + (1 − λ_b) xb[p_b, s]; λ ∈ {0, 1} copies (as the cpu kernel does).
  mixLerp: () => `${INT}
    void main() {
      ivec2 o = getOutputCoords();
      float l = getL(2 * o.x);
      float a = getX(o.x, o.y);
      float b = getY(at(getP(o.x)), o.y);
      setOutput(l == 1.0 ? a : l == 0.0 ? b : l * a + getL(2 * o.x + 1) * b);
    }`,
  // out[b, s] = Σ_t w_t xb[index_t, s] over the terms of row b (zero weights skipped).
  mixLerpK: () => `${INT}
    void main() {
      ivec2 o = getOutputCoords();
      float sum = 0.0;
      for (int t = at(getS(o.x)); t < at(getS(o.x + 1)); t++) {
        float w = getW(t);
        if (w != 0.0) sum += w * getY(at(getI(t)), o.y);
      }
      setOutput(sum);
    }`,
  // Per-pixel weight m broadcast over channels; 1 and 0 are exact copies, int32 is a select.
  maskBlend: (plan) => `${INT}
    void main() {
      ivec4 o = getOutputCoords();
      float m = getM(${plan.variant.endsWith('shared') ? '0' : 'o.x'}, o.y, o.z);
      float a = getX(o.x, o.y, o.z, o.w);
      float b = getY(at(getP(o.x)), o.y, o.z, o.w);
      setOutput(m == 1.0 ? a : m == 0.0 ? b : m * a + (1.0 - m) * b);
    }`,
  // The last patch of sample b that covers the pixel wins (patches apply in order).
  pastePatches: () => `${INT}
    void main() {
      ivec4 o = getOutputCoords();
      int src = -1;
      int sy = 0;
      int sx = 0;
      for (int t = at(getS(o.x)); t < at(getS(o.x + 1)); t++) {
        int r = ${PATCH_FIELDS} * t;
        int y0 = at(getR(r + 1));
        int x0 = at(getR(r + 2));
        if (o.y >= y0 && o.y < at(getR(r + 3)) && o.z >= x0 && o.z < at(getR(r + 4))) {
          src = at(getR(r));
          sy = at(getR(r + 5)) + o.y - y0;
          sx = at(getR(r + 6)) + o.z - x0;
        }
      }
      setOutput(src < 0 ? getX(o.x, o.y, o.z, o.w) : getY(src, sy, sx, o.w));
    }`,
  // Inside the box: the partner image sampled at the tabulated rows/columns (bilinear, or
  // nearest for int32); outside: a copy.
  pasteResized: (plan) => `${INT}
    void main() {
      ivec4 o = getOutputCoords();
      int q = ${BOX_FIELDS} * o.x;
      int y0 = at(getQ(q + 1));
      int x0 = at(getQ(q + 2));
      int y1 = at(getQ(q + 3));
      if (y0 < 0 || o.y < y0 || o.y >= y1 || o.z < x0 || o.z >= at(getQ(q + 4))) {
        setOutput(getX(o.x, o.y, o.z, o.w));
        return;
      }
      int p = at(getQ(q));
      int row = at(getQ(q + 5)) + o.y - y0;
      int col = at(getQ(q + 5)) + (y1 - y0) + o.z - x0;
      int top = at(getK(2 * row));
      int left = at(getK(2 * col));
      ${plan.dtype === 'int32' ? 'setOutput(getY(p, top, left, o.w));' : `
      int bottom = at(getK(2 * row + 1));
      int right = at(getK(2 * col + 1));
      float tl = getY(p, top, left, o.w);
      float bl = getY(p, bottom, left, o.w);
      float up = tl + (getY(p, top, right, o.w) - tl) * getF(col);
      float down = bl + (getY(p, bottom, right, o.w) - bl) * getF(col);
      setOutput(up + (down - up) * getF(row));`}
    }`,
  // Source (y, x) from the sample's map; offsets are pre-normalised so indices stay ≥ 0 for reflect.
  remap: (plan) => {
    const [, height, width] = plan.shape;
    const border = plan.variant.split('_')[1];
    const fold = border === 'constant' ? 'return -1;'
      : border === 'edge' ? 'return i < 0 ? 0 : n - 1;'
        : 'if (n == 1) return 0; int period = 2 * (n - 1); int m = imod(i, period); return m < n ? m : period - m;';
    return `${INT}
    int fold(int i, int n) {
      if (i >= 0 && i < n) return i;
      ${fold}
    }
    void main() {
      ivec4 o = getOutputCoords();
      int q = ${MAP_FIELDS} * o.x;
      int sy = fold(at(getQ(q)) * o.y + at(getQ(q + 1)) * o.z + at(getQ(q + 2)), ${height});
      int sx = fold(at(getQ(q + 3)) * o.y + at(getQ(q + 4)) * o.z + at(getQ(q + 5)), ${width});
      setOutput(sy < 0 || sx < 0 ? fill : getX(o.x, sy, sx, o.w));
    }`;
  },
};

/** The GPGPU program of a plan; `kernel` names it (tests count the runs of mixzoo programs). */
export function webglProgram(plan: GpuPlan): GPGPUProgram & { kernel: string } {
  return {
    kernel: `mixzoo:${plan.kind}`,
    variableNames: [...plan.views.map((v) => v.name), ...plan.tables.map((t) => t.name)],
    outputShape: plan.programShape,
    userCode: bodies[plan.kind](plan),
    ...(plan.fill === undefined ? {} : { customUniforms: [{ name: 'fill', type: 'float' as const }] }),
  };
}

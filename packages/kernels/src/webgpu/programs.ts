import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { GpuPlan, ProgramKind } from '../gpu/plan.js';
import { BOX_FIELDS } from '../gpu/plan.js';
import { PATCH_FIELDS } from '../patches.js';
import { MAP_FIELDS } from '../remap.js';

// WGSL bodies of the fused programs: one invocation per output element, flat index `index`.
// Inputs are raw storage arrays named as the plan's views and tables (array<f32> or array<i32>,
// by dtype), so int32 data is copied as i32: exact over the whole int32 range. Blends convert to
// f32. `result` is the output array; tfjs adds the `uniforms` struct (size + ours).

/** Decomposes `index` of an NHWC output into b, h, w, c (and the per-sample size). */
const PIXEL = `
      let H = uniforms.height;
      let W = uniforms.width;
      let C = uniforms.channels;
      let size = H * W * C;
      let b = index / size;
      let rest = index - b * size;
      let h = rest / (W * C);
      let w = (rest / C) % W;
      let c = rest % C;`;

/** Decomposes `index` of a [B, S] output into b, s. */
const SAMPLE = `
      let n = uniforms.sampleSize;
      let b = index / n;
      let s = index - b * n;`;

const main = (body: string, extra = '') => `${extra}
  fn main(index : i32) {
    if (index < uniforms.size) {${body}
    }
  }`;

const bodies: Record<ProgramKind, (plan: GpuPlan) => string> = {
  mixLerp: () => main(`${SAMPLE}
      let l = L[2 * b];
      let a = f32(X[index]);
      let v = f32(Y[P[b] * n + s]);
      var r = l * a + L[2 * b + 1] * v;
      if (l == 1.0) { r = a; } else if (l == 0.0) { r = v; }
      result[index] = r;`),
  mixLerpK: () => main(`${SAMPLE}
      var sum = 0.0;
      for (var t = S[b]; t < S[b + 1]; t = t + 1) {
        let wt = W[t];
        if (wt != 0.0) { sum = sum + wt * f32(Y[I[t] * n + s]); }
      }
      result[index] = sum;`),
  maskBlend: (plan) => main(`${PIXEL}
      let m = M[${plan.variant.endsWith('shared') ? '0' : 'b * H * W'} + rest / C];
      let a = X[index];
      let v = Y[P[b] * size + rest];
      ${plan.dtype === 'int32' ? 'result[index] = select(v, a, m == 1.0);' : `
      var r = m * a + (1.0 - m) * v;
      if (m == 1.0) { r = a; } else if (m == 0.0) { r = v; }
      result[index] = r;`}`),
  pastePatches: () => main(`${PIXEL}
      var src = -1;
      var sy = 0;
      var sx = 0;
      for (var t = S[b]; t < S[b + 1]; t = t + 1) {
        let r = ${PATCH_FIELDS} * t;
        if (h >= R[r + 1] && h < R[r + 3] && w >= R[r + 2] && w < R[r + 4]) {
          src = R[r];
          sy = R[r + 5] + h - R[r + 1];
          sx = R[r + 6] + w - R[r + 2];
        }
      }
      if (src < 0) { result[index] = X[index]; } else { result[index] = Y[((src * H + sy) * W + sx) * C + c]; }`),
  pasteResized: (plan) => main(`${PIXEL}
      let q = ${BOX_FIELDS} * b;
      let y0 = Q[q + 1];
      let x0 = Q[q + 2];
      let y1 = Q[q + 3];
      if (y0 < 0 || h < y0 || h >= y1 || w < x0 || w >= Q[q + 4]) {
        result[index] = X[index];
        return;
      }
      let base = Q[q] * size;
      let row = Q[q + 5] + h - y0;
      let col = Q[q + 5] + (y1 - y0) + w - x0;
      let top = K[2 * row];
      let left = K[2 * col];
      ${plan.dtype === 'int32' ? 'result[index] = Y[base + (top * W + left) * C + c];' : `
      let bottom = K[2 * row + 1];
      let right = K[2 * col + 1];
      let tl = Y[base + (top * W + left) * C + c];
      let bl = Y[base + (bottom * W + left) * C + c];
      let up = tl + (Y[base + (top * W + right) * C + c] - tl) * F[col];
      let down = bl + (Y[base + (bottom * W + right) * C + c] - bl) * F[col];
      result[index] = up + (down - up) * F[row];`}`),
  remap: (plan) => {
    const border = plan.variant.split('_')[1];
    const fold = border === 'constant' ? 'return -1;'
      : border === 'edge' ? 'return select(n - 1, 0, i < 0);'
        : 'if (n == 1) { return 0; } let period = 2 * (n - 1); let m = i % period; return select(period - m, m, m < n);';
    return main(`${PIXEL}
      let q = ${MAP_FIELDS} * b;
      let sy = fold(Q[q] * h + Q[q + 1] * w + Q[q + 2], H);
      let sx = fold(Q[q + 3] * h + Q[q + 4] * w + Q[q + 5], W);
      if (sy < 0 || sx < 0) { result[index] = uniforms.fill; } else { result[index] = X[((b * H + sy) * W + sx) * C + c]; }`, `
  fn fold(i : i32, n : i32) -> i32 {
    if (i >= 0 && i < n) { return i; }
    ${fold}
  }`);
  },
};

/** Per-kind uniforms after tfjs's own: the sample size, or the image geometry (+ remap's fill). */
function uniforms(plan: GpuPlan): { decl: string; values: Array<{ type: string; data: number[] }> } {
  const int = (data: number[]) => ({ type: 'int32', data });
  if (plan.kind === 'mixLerp' || plan.kind === 'mixLerpK') return { decl: 'sampleSize : i32,', values: [int([plan.programShape[1]])] };
  const [, height, width, channels] = plan.shape;
  const geometry = [int([height]), int([width]), int([channels])];
  const decl = 'height : i32, width : i32, channels : i32,';
  if (plan.fill === undefined) return { decl, values: geometry };
  const fillType = plan.dtype === 'int32' ? 'i32' : 'f32';
  return { decl: `${decl} fill : ${fillType},`, values: [...geometry, { type: plan.dtype === 'int32' ? 'int32' : 'float32', data: [plan.fill] }] };
}

const WORKGROUP: [number, number, number] = [64, 1, 1];

/** The WGSL program of a plan (a new object per run: tfjs rewrites its shaderKey) and its uniform values. */
export function webgpuProgram(plan: GpuPlan): { program: WebGPUProgram & { kernel: string }; values: Array<{ type: string; data: number[] }> } {
  const dispatchLayout = webgpu_util.flatDispatchLayout(plan.programShape);
  const { decl, values } = uniforms(plan);
  const program = {
    kernel: `mixzoo:${plan.kind}`,
    // Everything the shader text depends on beyond what tfjs keys on (ranks, dtypes, names).
    shaderKey: `mixzoo_${plan.kind}_${plan.variant}`,
    outputShape: plan.programShape,
    variableNames: [...plan.views.map((v) => v.name), ...plan.tables.map((t) => t.name)],
    dispatchLayout,
    dispatch: webgpu_util.computeDispatch(dispatchLayout, plan.programShape, WORKGROUP),
    workgroupSize: WORKGROUP,
    size: true,
    uniforms: decl,
    getUserCode: () => bodies[plan.kind](plan),
  };
  return { program, values };
}

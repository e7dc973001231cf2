import { batchedDft } from './batched-dft.js';
import { createWorkspace } from './workspace.js';

/**
 * 2-D discrete Fourier transforms of any size in TypeScript (tfjs has no 2-D or odd-length FFT,
 * and the wasm backend has none at all), with numpy's conventions: forward
 * X_k = Σ_n x_n e^{−2πikn/N}, inverse x_n = (1/N) Σ_k X_k e^{+2πikn/N}. Separable: every column
 * goes through one batched transform along the first axis (`batched-dft.ts`), and the rows too,
 * after a transpose.
 */

/** Scratch lines and planes of the 2-D transforms. */
const workspace = createWorkspace();

function checkPlane(name: string, plane: Float64Array, size: number): void {
  if (plane.length !== size) throw new RangeError(`fft2d: '${name}' must have ${size} values, got ${plane.length}.`);
}

function checkSize(height: number, width: number): void {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new RangeError(`fft2d: height and width must be integers >= 1, got ${height}×${width}.`);
  }
}

/** Writes the transpose of the rows×cols plane `src` into `dst` (cols×rows). */
function transpose(src: Float64Array, dst: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[o + c];
  }
}

/** Transforms every column (length `height`) and every row (length `width`) of the planes, in place. */
function transform2d(re: Float64Array, im: Float64Array, height: number, width: number, inverse: boolean): void {
  checkSize(height, width);
  checkPlane('re', re, height * width);
  checkPlane('im', im, height * width);
  batchedDft(height).run(re, im, width, inverse);
  const size = height * width;
  const work = workspace(2 * size);
  const tr = work.subarray(0, size);
  const ti = work.subarray(size);
  transpose(re, tr, height, width);
  transpose(im, ti, height, width);
  batchedDft(width).run(tr, ti, height, inverse);
  transpose(tr, re, width, height);
  transpose(ti, im, width, height);
  if (inverse) {
    const factor = 1 / size;
    for (let k = 0; k < size; k++) {
      re[k] *= factor;
      im[k] *= factor;
    }
  }
}

/** 2-D forward DFT of a row-major height×width complex image (separate real/imaginary planes), in place. */
export function fft2d(re: Float64Array, im: Float64Array, height: number, width: number): void {
  transform2d(re, im, height, width, false);
}

/** 2-D inverse DFT (scaled by 1/(height·width), as numpy's ifft2), in place. */
export function ifft2d(re: Float64Array, im: Float64Array, height: number, width: number): void {
  transform2d(re, im, height, width, true);
}

/**
 * numpy's `irfft2(spectrum, s=(height, width))`: the real height×width image whose spectrum has
 * the given non-negative-frequency half, `re`/`im` row-major height×(⌊width/2⌋+1). As numpy, the
 * imaginary parts of the bins that must be real along the last axis (0 and, for even widths,
 * width/2) are ignored. Inputs are left untouched; the result is written to `out` (or a new array).
 */
export function irfft2d(re: Float64Array, im: Float64Array, height: number, width: number, out: Float64Array = new Float64Array(height * width)): Float64Array {
  checkSize(height, width);
  const half = (width >> 1) + 1;
  checkPlane('re', re, height * half);
  checkPlane('im', im, height * half);
  checkPlane('out', out, height * width);
  // Columns: complex inverse transforms of length `height`, on a scratch copy of the half.
  const size = height * half;
  const pairs = (height + 1) >> 1;
  const work = workspace(2 * size + 2 * width * pairs);
  const yr = work.subarray(0, size);
  const yi = work.subarray(size, 2 * size);
  yr.set(re);
  yi.set(im);
  batchedDft(height).run(yr, yi, half, true);
  // Rows: each row's output is real, so rows a = 2p and b = 2p + 1 go through one complex
  // transform of the Hermitian extensions Z_a + i·Z_b, whose inverse is x_a + i·x_b. The pairs
  // are laid out as columns (width × pairs), the batched transform's axis.
  const zr = work.subarray(2 * size, 2 * size + width * pairs);
  const zi = work.subarray(2 * size + width * pairs, 2 * size + 2 * width * pairs);
  const nyquist = width % 2 === 0 ? width / 2 : -1;
  for (let k = 0; k < width; k++) {
    // Bin k of the full spectrum: Y_k for k < half, conj(Y_{width−k}) above.
    const upper = k >= half;
    const src = upper ? width - k : k;
    const sign = upper ? -1 : src === 0 || src === nyquist ? 0 : 1;
    for (let p = 0; p < pairs; p++) {
      const a = 2 * p * half + src;
      const hasB = 2 * p + 1 < height;
      const br = hasB ? yr[a + half] : 0;
      const bi = hasB ? sign * yi[a + half] : 0;
      zr[k * pairs + p] = yr[a] - bi;
      zi[k * pairs + p] = sign * yi[a] + br;
    }
  }
  batchedDft(width).run(zr, zi, pairs, true);
  const factor = 1 / (height * width);
  for (let p = 0; p < pairs; p++) {
    const a = 2 * p * width;
    const hasB = 2 * p + 1 < height;
    for (let k = 0; k < width; k++) {
      out[a + k] = factor * zr[k * pairs + p];
      if (hasB) out[a + width + k] = factor * zi[k * pairs + p];
    }
  }
  return out;
}

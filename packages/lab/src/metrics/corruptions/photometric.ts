import { clip01, type Corruption } from './corruption.js';

/**
 * Contrast: x' = (x − m)·c + m with m the image's mean per channel, clipped; smaller c is flatter.
 * ImageNet-C `contrast` constants (also MNIST-C's).
 */
export const contrast: Corruption = {
  name: 'contrast',
  constants: [0.4, 0.3, 0.2, 0.1, 0.05],
  unit: 'contrast factor c',
  source: 'hendrycks/robustness ImageNet-C corruptions.py contrast; google-research/mnist-c uses the same constants',
  apply({ x, count, height, width, channels }, { constant }) {
    const out = new Float32Array(x.length);
    const pixels = height * width;
    for (let n = 0; n < count; n++) {
      const base = n * pixels * channels;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let p = 0; p < pixels; p++) sum += x[base + p * channels + c];
        const mean = sum / pixels;
        for (let p = 0; p < pixels; p++) {
          const i = base + p * channels + c;
          out[i] = clip01((x[i] - mean) * constant + mean);
        }
      }
    }
    return out;
  },
};

/**
 * Brightness: the HSV value V is raised by c and clipped to 1, hue and saturation kept (ImageNet-C).
 * For RGB this scales the pixel's channels by V'/V (a black pixel becomes gray V'); for gray
 * images (and any other channel count, per value) V is the value itself: x' = min(1, x + c).
 */
export const brightness: Corruption = {
  name: 'brightness',
  constants: [0.1, 0.2, 0.3, 0.4, 0.5],
  unit: 'added to the HSV value',
  source: 'hendrycks/robustness ImageNet-C corruptions.py brightness; google-research/mnist-c uses the same constants',
  apply({ x, channels }, { constant }) {
    const out = new Float32Array(x.length);
    if (channels !== 3) {
      for (let i = 0; i < x.length; i++) out[i] = clip01(x[i] + constant);
      return out;
    }
    for (let i = 0; i < x.length; i += 3) {
      const value = Math.max(x[i], x[i + 1], x[i + 2]);
      const raised = Math.min(1, value + constant);
      for (let c = 0; c < 3; c++) out[i + c] = value > 0 ? clip01((x[i + c] * raised) / value) : raised;
    }
    return out;
  },
};

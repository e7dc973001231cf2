/** Typings for the `mnist` package (1.1.0): ten digit classes of 28×28 grayscale images in [0, 1]. */
declare module 'mnist' {
  interface MnistDigit {
    /** The digit, 0..9. */
    id: number;
    /** Every image of this digit, row-major, 784 values each, concatenated. */
    raw: number[];
    /** Number of images. */
    length: number;
  }
  const digits: readonly MnistDigit[];
  export = digits;
}

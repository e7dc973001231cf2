/** A batch of images to mix and render: NHWC float32 pixels in [0, 1] with class labels. */
export interface ImageBatch {
  /** Row-major [N, H, W, C]. */
  images: Float32Array;
  shape: [number, number, number, number];
  /** Class index of each image, into `classNames`. */
  labels: Int32Array;
  classNames: string[];
}

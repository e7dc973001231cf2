/** Typed arrays the kernels read and write (float32 and int32 tensors). */
export type Values = Float32Array | Int32Array;

// Defined in the lab, next to the grid renderer that draws it.
export type { ImageBatch } from '@mixzoo/lab';

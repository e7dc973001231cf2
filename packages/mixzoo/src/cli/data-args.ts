import { InvalidArgumentError } from 'commander';

// Parsers of `mixzoo compare`'s image-data flags, and the default model; free of tfjs and the lab
// so that usage errors answer at once.

/** The lab's largest image side (MAX_IMAGE_SIDE), spelled out for the same reason. */
const MAX_SIDE = 4096;

/** `--image-size 32` → [32, 32]; `--image-size 48,64` → [48, 64] (height, width). */
export function imageSizeArg(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const sides = parts.map(Number);
  if (parts.length > 2 || parts.some((p) => p === '') || !sides.every((s) => Number.isInteger(s) && s >= 1 && s <= MAX_SIDE)) {
    throw new InvalidArgumentError(`expected a side or height,width in pixels (integers in [1, ${MAX_SIDE}]) such as '32' or '48,64', got '${text}'.`);
  }
  return sides.length === 1 ? [sides[0], sides[0]] : sides;
}

/** `--channels 1` (grey) or `--channels 3` (RGB). */
export function channelsArg(text: string): number {
  if (text.trim() !== '1' && text.trim() !== '3') throw new InvalidArgumentError(`expected 1 (grey) or 3 (RGB), got '${text}'.`);
  return Number(text);
}

/** `--max-data-memory 512` (MiB) → bytes. */
export function mebibytesArg(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 1 || value > 1_048_576) throw new InvalidArgumentError(`expected a whole number of MiB in [1, 1048576], got '${text}'.`);
  return value * 2 ** 20;
}

/** Datasets of 2-D points rather than images. */
const POINT_DATASETS = ['moons', 'spirals'];

/**
 * The model a study trains when --model does not name one, and why: a preset's own model (the
 * quick preset keeps its MLP); else the CNN for image datasets (every dataset but moons and
 * spirals), which an MLP on flattened pixels under-serves; the MLP for 2-D points.
 */
export function defaultModel<M extends string>(datasetKind: string, presetModel?: M): { model: M | 'mlp' | 'cnn'; why: string } {
  if (presetModel !== undefined) return { model: presetModel, why: "the preset's model" };
  return POINT_DATASETS.includes(datasetKind) ? { model: 'mlp', why: 'the default for 2-D points' } : { model: 'cnn', why: 'the default for image datasets' };
}

import { InvalidArgumentError } from 'commander';

// Parsers of `mixzoo compare`'s flags; free of tfjs and the lab so that usage errors answer at once.

/** The lab's STUDY_PRESETS and MODEL_NAMES, spelled out for the same reason. */
export const PRESETS = ['quick', 'fashion-mnist'] as const;
export const MODELS = ['mlp', 'cnn', 'resnet'] as const;

const MAX_SEEDS = 1000;

/** `--strategies none,mixup,cutmix`: names, no empties, no repeats. */
export function strategyList(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new InvalidArgumentError(`expected comma-separated strategy names such as 'none,mixup,cutmix', got '${text}'.`);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) throw new InvalidArgumentError(`'${repeated}' is listed twice.`);
  return names;
}

/** `--seeds 3` → seeds 1, 2, 3; `--seeds 4,7` → seeds 4 and 7. */
export function seedList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const integers = parts.map(Number);
  const valid = parts.every((p) => p !== '') && integers.every((n) => Number.isInteger(n) && n >= 0);
  if (!valid) throw new InvalidArgumentError(`expected a seed count such as '3' or a list of seeds (integers >= 0) such as '1,2,7', got '${text}'.`);
  if (parts.length === 1) {
    if (integers[0] < 1 || integers[0] > MAX_SEEDS) throw new InvalidArgumentError(`a seed count must be in [1, ${MAX_SEEDS}], got '${text}'.`);
    return Array.from({ length: integers[0] }, (_, i) => i + 1);
  }
  if (new Set(integers).size !== integers.length) throw new InvalidArgumentError(`seeds must not repeat, got '${text}'.`);
  return integers;
}

/** `--manifold-layers 0,1,2`: distinct depths (0 = the input) where manifold-mixup may mix. */
export function depthList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const depths = parts.map(Number);
  if (parts.some((p) => p === '') || !depths.every((d) => Number.isInteger(d) && d >= 0) || new Set(depths).size !== depths.length) {
    throw new InvalidArgumentError(`expected distinct depths (integers >= 0, 0 = the input) such as '0,1,2', got '${text}'.`);
  }
  return depths;
}

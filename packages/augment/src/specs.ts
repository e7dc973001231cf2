import { describeValue, didYouMean, isObject, MixzooError, parseOptions } from '@mixzoo/core';
import { isAugmentation, type Augmentation } from './augmentation.js';
import { builtinAugmentations } from './builtins.js';

/**
 * One step of an augmentation list: a built-in name ('flip'), a name with options
 * ({ name: 'crop', options: { padding: 4 } }), or a user-defined augmentation (defineAugmentation),
 * bare or with options ({ use: myAugmentation, options }).
 */
export type AugmentSpec =
  | string
  | { name: string; options?: Record<string, unknown> }
  | Augmentation
  | { use: Augmentation; options?: Record<string, unknown> };

/** A resolved step: the augmentation and its parsed options (defaults filled, validated). */
export interface AugmentStep {
  readonly name: string;
  readonly augmentation: Augmentation;
  readonly options: Readonly<Record<string, unknown>>;
}

/** Names of the built-in augmentations, sorted. */
export function augmentationNames(): string[] {
  return builtinAugmentations.map((a) => a.name).sort();
}

/** A built-in augmentation by name; E_OPTION with a suggestion for unknown names. */
export function getAugmentation(name: unknown, where = 'augment'): Augmentation {
  const found = builtinAugmentations.find((a) => a.name === name);
  if (found) return found;
  const names = augmentationNames();
  const hint = typeof name === 'string' ? didYouMean(name, names) : '';
  throw new MixzooError('E_OPTION', `${where}: unknown augmentation ${describeValue(name)}.${hint} Known: ${names.join(', ')}.`);
}

/** Resolves and validates one spec entry (`index` names it in errors). */
export function resolveStep(spec: AugmentSpec, index: number, where = 'augment'): AugmentStep {
  let augmentation: Augmentation;
  let options: unknown;
  if (typeof spec === 'string') augmentation = getAugmentation(spec, where);
  else if (isAugmentation(spec)) augmentation = spec;
  else if (isObject(spec) && 'use' in spec && isAugmentation(spec.use)) {
    augmentation = spec.use;
    options = spec.options;
  } else if (isObject(spec) && 'name' in spec) {
    augmentation = getAugmentation(spec.name, where);
    options = spec.options;
  } else {
    throw new MixzooError('E_OPTION',
      `${where}: step ${index} must be a name, { name, options? }, an augmentation (defineAugmentation) or { use, options? }, got ${describeValue(spec)}.`);
  }
  const parsed: Record<string, unknown> = parseOptions(augmentation.name, augmentation.options, options);
  augmentation.setup?.(parsed);
  return Object.freeze({ name: augmentation.name, augmentation, options: Object.freeze(parsed) });
}

/**
 * Parses a command-line augmentation list: a JSON array of specs ('[{"name":"crop","options":{"padding":2}},"flip"]')
 * or comma-separated names ('crop,flip'). The empty string is the empty list.
 */
export function parseAugmentList(text: string): AugmentSpec[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw new MixzooError('E_OPTION', `augment: expected a JSON array of augmentations, got invalid JSON (${(error as Error).message}).`);
    }
    if (!Array.isArray(value)) throw new MixzooError('E_OPTION', `augment: expected a JSON array, got ${describeValue(value)}.`);
    value.forEach((spec, i) => resolveStep(spec as AugmentSpec, i));
    return value as AugmentSpec[];
  }
  const names = trimmed.split(',').map((s) => s.trim());
  names.forEach((name, i) => resolveStep(name, i));
  return names;
}

import { z } from 'zod';
import { describeValue, didYouMean, MixzooError } from './errors.js';

/** Mixing granularity: one λ/geometry per batch, per sample, or per symmetric pair. */
export const MODES = ['batch', 'elem', 'pair'] as const;
export type Mode = (typeof MODES)[number];

/** How partners are chosen inside a batch. */
export const PAIRINGS = ['random', 'derangement', 'flip', 'roll'] as const;
export type Pairing = (typeof PAIRINGS)[number];

/** Beta(α, α) concentration; 0 turns mixing off. */
export const alphaOption = (value: number) =>
  z.number().min(0).default(value).describe('Beta(alpha, alpha) concentration of lambda; 0 turns mixing off.');

export const modeOption = (value: Mode, modes: readonly Mode[] = MODES) =>
  z.enum(modes as [Mode, ...Mode[]]).default(value).describe("'batch': one draw per batch; 'elem': per sample; 'pair': per symmetric pair.");

export const pairingOption = (value: Pairing = 'random') =>
  z.enum(PAIRINGS).default(value).describe("'random' permutation, 'derangement' (no self-pairs), 'flip' (i <-> B-1-i), 'roll' (i <- i-1).");

export const probOption = (value = 1) =>
  z.number().min(0).max(1).default(value).describe('Probability of mixing, applied once (per batch in batch mode, per sample in elem mode, per pair in pair mode).');

export const labelSmoothingOption = () =>
  z.number().min(0).max(1).default(0).describe('Label smoothing s applied before mixing: on = 1 - s + s/K, off = s/K.');

/** The options every pairwise strategy shares; spread into a strategy's z.strictObject. */
export function mixingOptions(defaults: { alpha?: number; mode?: Mode; modes?: readonly Mode[]; pairing?: Pairing } = {}) {
  return {
    alpha: alphaOption(defaults.alpha ?? 1),
    mode: modeOption(defaults.mode ?? 'batch', defaults.modes),
    pairing: pairingOption(defaults.pairing),
    prob: probOption(),
    labelSmoothing: labelSmoothingOption(),
  };
}

/** The value at a (zod issue) path inside an input, or undefined: for "got ..." in messages. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function requirement(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_type':
      return `must be ${issue.expected === 'number' ? 'a finite number' : issue.expected === 'int' ? 'an integer' : `of type ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => describeValue(v)).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message.replace(/^Invalid input:?\s*/i, 'is invalid: ');
  }
}

/** The first example of an option, from its zod `.meta({ examples: [...] })` (or `.meta({ example })`), if any. */
export function optionExample(field: z.ZodType): unknown {
  const meta = field.meta() as { examples?: unknown; example?: unknown } | undefined;
  if (Array.isArray(meta?.examples)) return meta.examples[0];
  return meta?.example;
}

/** "option 'of' is required, e.g. {"of":[...]}": a missing option names itself and shows an example. */
function missingOption(schema: z.ZodType, key: string): string | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const field = schema.shape[key] as z.ZodType | undefined;
  if (!field) return undefined;
  const example = optionExample(field);
  return `option '${key}' is required${example === undefined ? '' : `, e.g. ${JSON.stringify({ [key]: example })}`}.`;
}

/** Parses options with a zod schema; any problem becomes one MixzooError('E_OPTION') in our message style. */
export function parseOptions<S extends z.ZodType>(owner: string, schema: S, input: unknown): z.output<S> {
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new MixzooError('E_OPTION', `${owner}: options must be an object, got ${describeValue(input)}.`);
  }
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
      if (known.length === 0) return `takes no options, got ${issue.keys.map((key) => `'${key}'`).join(', ')}.`;
      return issue.keys
        .map((key) => `unknown option '${key}'.${didYouMean(key, known)} Known options: ${known.join(', ')}.`)
        .join(' ');
    }
    const path = issue.path.map(String).join('.');
    if (issue.code === 'invalid_type' && issue.path.length === 1 && valueAt(input ?? {}, issue.path) === undefined) {
      const missing = missingOption(schema, String(issue.path[0]));
      if (missing) return missing;
    }
    return `option '${path}' ${requirement(issue)}, got ${describeValue(valueAt(input, issue.path))}.`;
  });
  throw new MixzooError('E_OPTION', `${owner}: ${messages.join(' ')}`);
}

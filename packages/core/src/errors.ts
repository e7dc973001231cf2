/** Stable machine-readable error codes; messages may improve, codes never change. */
export type MixzooErrorCode =
  | 'E_OPTION'
  | 'E_SHAPE'
  | 'E_DTYPE'
  | 'E_LABELS'
  | 'E_PLAN'
  | 'E_TARGET'
  | 'E_UNKNOWN_STRATEGY'
  | 'E_DUPLICATE'
  | 'E_BACKEND'
  | 'E_PLUGIN'
  | 'E_DATASET'
  | 'E_USAGE'
  /** A study's queue: Redis unreachable, a malformed job, a record from another mixzoo version. */
  | 'E_QUEUE'
  /** Runs of a study failed or were interrupted; the message names the runs to retry. */
  | 'E_RUN';

/** The one error class of mixzoo: a stable `code` and a message naming what was expected and what came. */
export class MixzooError extends Error {
  override readonly name = 'MixzooError';
  constructor(
    readonly code: MixzooErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * An error thrown by a strategy's own code (`stage`: setup, sample, apply), phrased for the user's
 * call: a MixzooError passes through unchanged (it already says what was wrong); anything else
 * becomes E_PLUGIN naming the strategy and the plugin it came from, with the original as `cause`.
 */
export function strategyFailure(where: string, strategy: string, plugin: string | undefined, stage: string, error: unknown): MixzooError {
  if (error instanceof MixzooError) return error;
  const origin = plugin === undefined ? `strategy '${strategy}'` : `strategy '${strategy}' (plugin '${plugin}')`;
  const reason = error instanceof Error ? error.message : describeValue(error);
  return new MixzooError('E_PLUGIN', `${where}: ${origin} failed in ${stage}: ${reason}`, { cause: error });
}

/**
 * Throws E_OPTION-style errors for unknown keys of a settings object (with a "did you mean" hint);
 * `where` names the call, e.g. 'createZoo'.
 */
export function checkKeys(where: string, value: unknown, allowed: readonly string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MixzooError('E_OPTION', `${where}: expected a settings object, got ${describeValue(value)}.`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new MixzooError('E_OPTION', `${where}: unknown setting '${key}'.${didYouMean(key, allowed)} Known settings: ${allowed.join(', ')}.`);
    }
  }
}

/**
 * True for a non-null object. Public entry points check what callers pass with it: typed
 * parameters may still receive anything from plain JavaScript.
 */
export function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** Short, readable rendering of a received value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) {
    return value.length > 8 ? `an array of length ${value.length}` : `[${value.map(describeValue).join(', ')}]`;
  }
  if (isObject(value)) {
    // Objects from Object.create(null) have no constructor.
    const ctor: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof ctor === 'string' && ctor !== '' && ctor !== 'Object') return `a ${ctor}`;
    try {
      const text = JSON.stringify(value);
      return text.length > 80 ? `${text.slice(0, 77)}...` : text;
    } catch {
      return 'an object';
    }
  }
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return 'null'; // the only value left
}

/** Levenshtein distance, for "Did you mean ...?" hints. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** The closest candidate within a small edit distance, or undefined. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** " Did you mean 'x'?" or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match ? ` Did you mean '${match}'?` : '';
}

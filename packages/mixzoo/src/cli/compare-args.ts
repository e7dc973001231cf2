import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';

// Parsers of `mixzoo compare`'s flags; free of tfjs and the lab so that usage errors answer at once.

/** The lab's STUDY_PRESETS and MODEL_NAMES, spelled out for the same reason. */
export const PRESETS = ['quick', 'fashion-mnist', 'label-noise', 'zhang2018-label-noise', 'thulasidasan2019-calibration', 'harris2020-fmix'] as const;
export const MODELS = ['mlp', 'cnn', 'resnet', 'vit'] as const;

const MAX_SEEDS = 1000;

/** Whether every bracket of `text` is closed. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth === 0;
}

/** Splits on commas outside brackets: 'mixup(alpha=0.2,mode=elem),cutmix' → two parts. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** An option value as typed: JSON when it reads as JSON (0.2, true, [0,1], "x"), else the text itself (elem). */
function optionValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One entry of --strategies: a name, or a name with options 'mixup(alpha=0.2,mode=elem)', labelled as typed. */
export interface StrategyEntry {
  name: string;
  options?: Record<string, unknown>;
  /** The entry as typed when it sets options or a loss (a study row of its own), else absent (the row is the name). */
  label?: string;
  /** The row's loss (from a ':loss=...' suffix): a name, or { name, ...options }; checked by the lab. */
  loss?: string | Record<string, unknown>;
}

/** The loss suffix of a --strategies entry: 'mixup(alpha=0.2):loss=decoupled(eta=0.2)'. */
const LOSS_SUFFIX = ':loss=';

/** 'sgd(momentum=0.9,nesterov=true)' → { name: 'sgd', momentum: 0.9, nesterov: true }; a bare name stays a string. Values are checked by the lab. */
export function namedSpec(text: string): string | Record<string, unknown> {
  const entry = strategyEntry(text);
  return entry.options ? { name: entry.name, ...entry.options } : entry.name;
}

const ENTRY = /^([^()\s]+)(?:\((.*)\))?$/s;

/**
 * 'mixup(alpha=0.2, mode=elem)' → { name: 'mixup', options: { alpha: 0.2, mode: 'elem' }, label: 'mixup(alpha=0.2,mode=elem)' };
 * a ':loss=...' suffix sets the row's loss: 'mixup:loss=regmixup', 'cutmix(alpha=1):loss=bce(threshold=0.2)'.
 */
export function strategyEntry(text: string): StrategyEntry {
  const cut = text.lastIndexOf(LOSS_SUFFIX);
  if (cut > 0 && balanced(text.slice(0, cut))) {
    const row = strategyEntry(text.slice(0, cut));
    const lossText = text.slice(cut + LOSS_SUFFIX.length).trim();
    if (lossText === '') throw new InvalidArgumentError(`expected a loss after '${LOSS_SUFFIX}' such as 'mixup:loss=regmixup', got '${text}'.`);
    return { ...row, loss: namedSpec(lossText), label: `${row.label ?? row.name}${LOSS_SUFFIX}${lossText}` };
  }
  const match = ENTRY.exec(text.trim());
  const example = "'mixup' or 'mixup(alpha=0.2,mode=elem)'";
  if (!match) throw new InvalidArgumentError(`expected a strategy such as ${example}, got '${text}'.`);
  const [, name] = match;
  const inner = match.at(2); // undefined without parentheses
  if (inner === undefined) return { name };
  const pairs = inner.trim() === '' ? [] : splitTopLevel(inner).map((p) => /^([A-Za-z_][\w]*)\s*=\s*(.+)$/s.exec(p));
  if (pairs.some((p) => !p)) throw new InvalidArgumentError(`expected options as key=value inside the parentheses, such as ${example}, got '${text}'.`);
  const options: Record<string, unknown> = {};
  for (const [, key, value] of pairs as RegExpExecArray[]) {
    if (key in options) throw new InvalidArgumentError(`option '${key}' is set twice in '${text}'.`);
    options[key] = optionValue(value.trim());
  }
  return { name, options, label: `${name}(${(pairs as RegExpExecArray[]).map(([, k, v]) => `${k}=${v.trim()}`).join(',')})` };
}

/** `--strategies 'none,mixup(alpha=0.2),mixup(alpha=1),cutmix'`: entries (names, or names with options), no empties, no repeats. */
export function strategyList(text: string): string[] {
  const entries = splitTopLevel(text);
  if (entries.some((n) => n === '')) throw new InvalidArgumentError(`expected comma-separated strategy names such as 'none,mixup,cutmix' or 'mixup(alpha=0.2),mixup(alpha=1)', got '${text}'.`);
  const labels = entries.map((e) => { const entry = strategyEntry(e); return entry.label ?? entry.name; });
  const repeated = labels.find((n, i) => labels.indexOf(n) !== i);
  if (repeated) throw new InvalidArgumentError(`'${repeated}' is listed twice.`);
  return entries;
}

/** One --grid: a strategy's option and the values it sweeps. */
export interface GridAxis {
  strategy: string;
  option: string;
  /** The values as typed (labels) and as parsed (options). */
  texts: string[];
  values: unknown[];
}

/** `--grid mixup.alpha=0.1,0.2,0.4,1` (repeatable): the strategy's option takes each value, a study row per value (per combination with several). */
export function gridAxis(text: string, previous: GridAxis[] | undefined): GridAxis[] {
  const match = /^([^.=\s]+)\.([A-Za-z_]\w*)=(.+)$/s.exec(text.trim());
  const texts = match ? splitTopLevel(match[3]) : [];
  if (!match || texts.some((t) => t === '')) throw new InvalidArgumentError(`expected <strategy>.<option>=<values> such as 'mixup.alpha=0.1,0.2,0.4,1', got '${text}'.`);
  if (new Set(texts).size !== texts.length) throw new InvalidArgumentError(`values must not repeat, got '${text}'.`);
  const axis: GridAxis = { strategy: match[1], option: match[2], texts, values: texts.map(optionValue) };
  if (previous?.some((a) => a.strategy === axis.strategy && a.option === axis.option)) throw new InvalidArgumentError(`${axis.strategy}.${axis.option} is swept twice.`);
  return [...(previous ?? []), axis];
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

/**
 * `--schedule <json|file>`: the JSON text itself when it starts with '{', else the path of a JSON
 * file. Returns the parsed value; what it holds is checked with the study (compare-schedule.ts).
 */
export function scheduleArg(text: string): unknown {
  const inline = text.trim().startsWith('{');
  let json = text;
  if (!inline) {
    try {
      json = readFileSync(text, 'utf8');
    } catch (error) {
      throw new InvalidArgumentError(`expected a JSON schedule such as '{"off":{"from":8}}' or the path of a JSON file, got '${text}' (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
    }
  }
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new InvalidArgumentError(`expected a JSON schedule such as '{"off":{"from":8}}'${inline ? '' : ` in '${text}'`}, got invalid JSON (${(error as Error).message}).`);
  }
}

/** The lab's CORRUPTION_NAMES, spelled out like PRESETS (a test keeps them equal). */
export const CORRUPTIONS = ['shot-noise', 'impulse-noise', 'gaussian-blur', 'contrast', 'brightness', 'rotation', 'translation', 'occlusion'] as const;

/** `--corruptions all`, `--corruptions none` ([]: OOD detection only) or a list such as 'rotation,contrast'. */
export function corruptionList(text: string): string[] | 'all' {
  const trimmed = text.trim();
  if (trimmed === 'all') return 'all';
  if (trimmed === 'none') return [];
  const names = trimmed.split(',').map((s) => s.trim());
  const unknown = names.find((n) => !(CORRUPTIONS as readonly string[]).includes(n));
  if (unknown !== undefined) throw new InvalidArgumentError(`expected 'all', 'none' or a comma-separated list of ${CORRUPTIONS.join(', ')}, got '${text}' ('${unknown}' is none of them).`);
  if (new Set(names).size !== names.length) throw new InvalidArgumentError(`corruptions must not repeat, got '${text}'.`);
  return names;
}

/** `--severities 1,3,5`: distinct integers from 1 to 5. */
export function severityList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const levels = parts.map(Number);
  if (parts.some((p) => p === '') || !levels.every((s) => Number.isInteger(s) && s >= 1 && s <= 5) || new Set(levels).size !== levels.length) {
    throw new InvalidArgumentError(`expected distinct severities from 1 to 5 such as '1,3,5', got '${text}'.`);
  }
  return levels;
}

/** `--label-noise 0.4` (= `sym:0.4`: 40% of each class's training labels to another class) or `asym:0.4` (c → c+1 mod K). */
export function labelNoiseFlag(text: string): { kind: 'symmetric' | 'asymmetric'; rate: number } {
  const match = /^\s*(?:(sym|asym):)?\s*([0-9]*\.?[0-9]+)\s*$/.exec(text);
  const rate = match ? Number(match[2]) : NaN;
  if (!match || !(rate >= 0 && rate <= 1)) throw new InvalidArgumentError(`expected a fraction in [0, 1] such as '0.4' (symmetric), 'sym:0.4' or 'asym:0.4' (c → c+1), got '${text}'.`);
  return { kind: match[1] === 'asym' ? 'asymmetric' : 'symmetric', rate };
}

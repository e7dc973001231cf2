import { describeValue, MixzooError } from '@mixzoo/core';

/**
 * What is wrong with a list of class names (not an array, empty, a blank or non-string name, a
 * duplicate), as the end of a sentence; undefined when the list is fine. Shared by `LabelSpace`
 * and the cross-dataset strategy's option checks, so both say the same thing.
 */
export function classNamesProblem(classes: unknown): string | undefined {
  if (!Array.isArray(classes) || classes.length === 0) {
    return `must be a non-empty array of class names, got ${describeValue(classes)}.`;
  }
  const seen = new Map<string, number>();
  for (const [i, name] of classes.entries()) {
    if (typeof name !== 'string' || name.trim() === '') {
      return `class ${i} must be a non-empty string, got ${describeValue(name)}.`;
    }
    const first = seen.get(name);
    if (first !== undefined) return `class names must be unique, got '${name}' at ${first} and ${i}.`;
    seen.set(name, i);
  }
  return undefined;
}

/** An ordered list of unique class names: index k of a dataset's labels is `classes[k]`. */
export class LabelSpace {
  readonly name: string;
  readonly classes: readonly string[];
  private readonly index: ReadonlyMap<string, number>;

  constructor(name: string, classes: readonly string[]) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new MixzooError('E_LABELS', `LabelSpace: 'name' must be a non-empty string, got ${describeValue(name)}.`);
    }
    const problem = classNamesProblem(classes);
    if (problem) throw new MixzooError('E_LABELS', `LabelSpace '${name}': 'classes' ${problem}`);
    this.name = name;
    this.classes = Object.freeze([...classes]);
    this.index = new Map(classes.map((c, k) => [c, k]));
  }

  /** Number of classes. */
  get size(): number {
    return this.classes.length;
  }

  /** Index of a class name, or -1. */
  indexOf(className: string): number {
    return this.index.get(className) ?? -1;
  }

  has(className: string): boolean {
    return this.index.has(className);
  }

  toJSON(): { name: string; classes: string[] } {
    return { name: this.name, classes: [...this.classes] };
  }
}

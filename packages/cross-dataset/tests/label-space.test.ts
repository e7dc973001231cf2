import { describe, expect, it } from 'vitest';
import { LabelSpace } from '@mixzoo/cross-dataset';
import { mixzooMessageOf } from '../../../test/helpers/tensors.js';

const labelsError = (fn: () => unknown): string => mixzooMessageOf(fn, 'E_LABELS');

describe('LabelSpace', () => {
  it('keeps the class order, indexes names and serialises to JSON', () => {
    const space = new LabelSpace('pets', ['cat', 'dog', 'fish']);
    expect(space.size).toBe(3);
    expect(space.indexOf('dog')).toBe(1);
    expect(space.indexOf('cow')).toBe(-1);
    expect(space.has('fish')).toBe(true);
    expect(JSON.parse(JSON.stringify(space))).toEqual({ name: 'pets', classes: ['cat', 'dog', 'fish'] });
  });

  it('copies and freezes the class list', () => {
    const classes = ['a', 'b'];
    const space = new LabelSpace('s', classes);
    classes.push('c');
    expect(space.classes).toEqual(['a', 'b']);
    expect(Object.isFrozen(space.classes)).toBe(true);
  });

  it('rejects empty, blank, non-string and duplicate names with what it got', () => {
    expect(labelsError(() => new LabelSpace('', ['a']))).toBe("LabelSpace: 'name' must be a non-empty string, got ''.");
    expect(labelsError(() => new LabelSpace('s', []))).toBe("LabelSpace 's': 'classes' must be a non-empty array of class names, got [].");
    expect(labelsError(() => new LabelSpace('s', 'abc' as never))).toBe("LabelSpace 's': 'classes' must be a non-empty array of class names, got 'abc'.");
    expect(labelsError(() => new LabelSpace('s', ['a', '  ']))).toBe("LabelSpace 's': 'classes' class 1 must be a non-empty string, got '  '.");
    expect(labelsError(() => new LabelSpace('s', ['a', 3 as never]))).toBe("LabelSpace 's': 'classes' class 1 must be a non-empty string, got 3.");
    expect(labelsError(() => new LabelSpace('s', ['cat', 'dog', 'cat']))).toBe("LabelSpace 's': 'classes' class names must be unique, got 'cat' at 0 and 2.");
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignLabelSpaces, LabelSpace } from '@mixzoo/cross-dataset';
import { mixzooMessageOf } from '../../../test/helpers/tensors.js';

beforeAll(() => tf.setBackend('cpu'));

const street = new LabelSpace('street', ['car', 'person', 'bicycle']);
const traffic = new LabelSpace('traffic', ['truck', 'automobile', 'pedestrian', 'bicycle']);

const labelsError = (fn: () => unknown): string => mixzooMessageOf(fn, 'E_LABELS');

describe('alignLabelSpaces', () => {
  it("union: shared names merge; order is the first space's classes, then new ones in order of appearance", () => {
    const aligned = alignLabelSpaces([street, traffic]);
    expect(aligned.mode).toBe('union');
    expect(aligned.space.classes).toEqual(['car', 'person', 'bicycle', 'truck', 'automobile', 'pedestrian']);
    expect(aligned.space.name).toBe('street+traffic');
    expect(aligned.datasets).toEqual(['street', 'traffic']);
    expect(aligned.projections.street).toEqual([
      [1, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0],
    ]);
    expect(aligned.projections.traffic).toEqual([
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 1],
      [0, 0, 1, 0, 0, 0],
    ]);
    expect(aligned.validity.street).toEqual([true, true, true, false, false, false]);
    expect(aligned.validity.traffic).toEqual([false, false, true, true, true, true]);
  });

  it("synonyms merge different names; the unified class takes the group's first name at its first appearance", () => {
    const aligned = alignLabelSpaces([traffic, street], { synonyms: [['car', 'automobile'], ['person', 'pedestrian']] });
    expect(aligned.space.classes).toEqual(['truck', 'car', 'person', 'bicycle']);
    expect(aligned.projections.traffic).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(aligned.projections.street).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(aligned.validity.street).toEqual([false, true, true, true]);
  });

  it('disjoint: concatenates the spaces with dataset-qualified names, even for equal names', () => {
    const aligned = alignLabelSpaces([street, { name: 'traffic', classes: ['bicycle', 'truck'] }], { mode: 'disjoint' });
    expect(aligned.space.classes).toEqual(['street/car', 'street/person', 'street/bicycle', 'traffic/bicycle', 'traffic/truck']);
    expect(aligned.projections.traffic).toEqual([
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
    expect(aligned.validity.street).toEqual([true, true, true, false, false]);
  });

  it('mappings split a coarse class over unified classes (equal shares or given weights); the coarse name is not a class of U', () => {
    const coarse = new LabelSpace('coarse', ['vehicle', 'person', 'two-wheeler']);
    const aligned = alignLabelSpaces([street, traffic, coarse], {
      synonyms: [['car', 'automobile']],
      mappings: { coarse: { vehicle: ['car', 'truck'], 'two-wheeler': { bicycle: 0.75, car: 0.25 } } },
    });
    expect(aligned.space.classes).toEqual(['car', 'person', 'bicycle', 'truck', 'pedestrian']);
    expect(aligned.projections.coarse).toEqual([
      [0.5, 0, 0, 0.5, 0],
      [0, 1, 0, 0, 0],
      [0.25, 0, 0.75, 0, 0],
    ]);
    expect(aligned.validity.coarse).toEqual([true, true, true, true, false]);
  });

  it('a mapping target may be a synonym: it lands on the canonical class', () => {
    const coarse = new LabelSpace('coarse', ['vehicle']);
    const aligned = alignLabelSpaces([street, traffic, coarse], { synonyms: [['car', 'automobile']], mappings: { coarse: { vehicle: ['automobile', 'car'] } } });
    expect(aligned.projections.coarse[0][aligned.space.indexOf('car')]).toBe(1);
  });

  it('project(): indices or soft rows of one dataset become float32 [B, |U|] rows, smoothing in the own space', () => {
    const aligned = alignLabelSpaces([street, traffic], { synonyms: [['car', 'automobile']] });
    const before = tf.memory().numTensors;
    const y = tf.tensor1d([1, 0, 3], 'int32');
    const rows = aligned.project('traffic', y);
    expect(rows.shape).toEqual([3, 5]);
    expect(rows.arraySync()).toEqual([
      [1, 0, 0, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 1, 0, 0],
    ]);
    const soft = tf.tensor2d([[0, 1, 0]], [1, 3]);
    const smooth = aligned.project('street', soft, { labelSmoothing: 0.3 });
    const expected = [0.1, 0.8, 0.1, 0, 0];
    smooth.arraySync()[0].forEach((v, j) => expect(v).toBeCloseTo(expected[j], 6));
    tf.dispose([y, rows, soft, smooth]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('project() rejects an index out of range of the dataset\'s own space and an unknown dataset', () => {
    const aligned = alignLabelSpaces([street, traffic]);
    const y = tf.tensor1d([3], 'int32');
    expect(labelsError(() => aligned.project('street', y))).toBe("LabelAlignment.project: 'labels[0]' must be a class index in [0, 3), got 3.");
    expect(labelsError(() => aligned.project('stret', y))).toBe("LabelAlignment.project: 'dataset' must be one of 'street', 'traffic', got 'stret'. Did you mean 'street'?");
    y.dispose();
  });

  it('rejects unknown classes in synonyms and mappings, naming the argument and suggesting a match', () => {
    expect(labelsError(() => alignLabelSpaces([street, traffic], { synonyms: [['car', 'automobil']] }))).toBe(
      "alignLabelSpaces: 'synonyms[0]' names 'automobil', which is a class of no label space. Did you mean 'automobile'?",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mappings: { street: { bicycle: ['truk'] } } }))).toBe(
      "alignLabelSpaces: 'mappings.street.bicycle' names 'truk', which is not a class of the unified space. Did you mean 'truck'? Unified classes: car, person, truck, automobile, pedestrian, bicycle.",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mappings: { street: { bike: ['truck'] } } }))).toBe(
      "alignLabelSpaces: 'mappings.street' maps 'bike', which is not a class of 'street'.",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mappings: { stret: {} } }))).toBe(
      "alignLabelSpaces: 'mappings' names dataset 'stret', which has no label space. Did you mean 'street'? Datasets: street, traffic.",
    );
  });

  it('rejects malformed synonyms and mappings, and both in disjoint mode', () => {
    expect(labelsError(() => alignLabelSpaces([street], { synonyms: [['car']] }))).toBe("alignLabelSpaces: 'synonyms[0]' must be an array of at least 2 class names, got ['car'].");
    expect(labelsError(() => alignLabelSpaces([street, traffic], { synonyms: [['car', 'automobile'], ['truck', 'car']] }))).toBe(
      "alignLabelSpaces: 'synonyms[1]' names 'car', which is already in another synonym group.",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mappings: { street: { car: { truck: 0.5, automobile: 0.4 } } } }))).toBe(
      "alignLabelSpaces: 'mappings.street.car' weights must sum to 1, got 0.9.",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mappings: { street: { car: { truck: 0 } } } }))).toBe(
      "alignLabelSpaces: 'mappings.street.car.truck' must be a weight > 0, got 0.",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mappings: { street: { car: [] } } }))).toBe(
      "alignLabelSpaces: 'mappings.street.car' must be a non-empty array of class names or { name: weight }, got [].",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { synonyms: [['car', 'automobile']], mappings: { street: { car: ['truck'] } } }))).toBe(
      "alignLabelSpaces: 'mappings.street.car': a class cannot be both in 'synonyms' and mapped.",
    );
    expect(labelsError(() => alignLabelSpaces([street, traffic], { mode: 'disjoint', synonyms: [['car', 'automobile']] }))).toBe(
      "alignLabelSpaces: 'synonyms' only apply in mode 'union' (mode 'disjoint' keeps every dataset's classes apart), got [['car', 'automobile']].",
    );
  });

  it('rejects no spaces, duplicate dataset names, a bad mode and invalid spaces', () => {
    expect(labelsError(() => alignLabelSpaces([]))).toBe("alignLabelSpaces: 'spaces' must be a non-empty array of label spaces ({ name, classes } or LabelSpace), got [].");
    expect(labelsError(() => alignLabelSpaces([street, street]))).toBe("alignLabelSpaces: 'spaces' must have unique dataset names, got 'street' twice.");
    expect(labelsError(() => alignLabelSpaces([street], { mode: 'merge' as never }))).toBe("alignLabelSpaces: 'mode' must be 'union' or 'disjoint', got 'merge'.");
    expect(labelsError(() => alignLabelSpaces([{ name: 'x', classes: ['a', 'a'] }]))).toBe("LabelSpace 'x': 'classes' class names must be unique, got 'a' at 0 and 1.");
  });
});

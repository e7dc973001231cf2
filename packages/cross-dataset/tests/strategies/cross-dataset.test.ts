import {
  createCrossDatasetMixer,
  createZoo,
  isCrossDatasetMixer,
  LabelSpace,
  maskedSoftCrossEntropy,
  maskTargets,
  tf,
  type CrossDatasetMixer,
  type CrossDatasetOptionsInput,
  type CrossDatasetResult,
  type MixPlan,
  type Zoo,
} from 'mixzoo';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectMixzooError, guardInputs } from '../../../../test/helpers/tensors.js';
import { viaJson } from '../../../../test/helpers/json.js';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const GARMENTS = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const MNIST_FASHION = { spaces: { mnist: DIGITS, fashion: GARMENTS }, labelMode: 'disjoint' } as const;

let zoo: Zoo;
beforeAll(async () => {
  zoo = await createZoo({ seed: 11, backend: 'cpu' });
});

function mixer(options: CrossDatasetOptionsInput, on: Zoo = zoo): CrossDatasetMixer {
  return createCrossDatasetMixer(on, options);
}

/** B images of H×W×C where sample i is the constant values[i]. */
function constants(values: number[], h = 6, w = 5, c = 1): tf.Tensor4D {
  return tf.tensor4d(values.flatMap((v) => new Array<number>(h * w * c).fill(v)), [values.length, h, w, c]);
}

function meanPixels(t: tf.Tensor): number[] {
  return tf.tidy(() => Array.from(tf.mean(tf.reshape(t, [t.shape[0], -1]), 1).dataSync()));
}

function dispose(out: CrossDatasetResult): void {
  tf.dispose([out.inputs, out.domainLambda, ...[out.labels, out.validity].filter((t) => t !== undefined), ...Object.values(out.targets ?? {})]);
}

function rows(t: tf.Tensor | undefined): number[][] {
  return t!.arraySync() as number[][];
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** A MixzooError with `code` and `message`, no tensor left behind, and `untouched` neither disposed nor modified. */
function expectCleanError(fn: () => unknown, code: string, message: string | RegExp, untouched: tf.Tensor[] = []): void {
  const inputs = guardInputs(...untouched);
  expectMixzooError(fn, code, message);
  inputs.unchanged();
}

describe('cross-dataset: creation and the plain-batch path', () => {
  it('is registered with JSON-friendly options that all have defaults', () => {
    expect(zoo.list()).toContain('cross-dataset');
    const d = zoo.describe('cross-dataset');
    expect(d.defaults).toEqual({ base: 'mixup', labelMode: 'union', policy: 'or', labelSmoothing: 0 });
    expect(Object.keys(d.schema.properties as object)).toEqual(['base', 'baseOptions', 'spaces', 'labelMode', 'synonyms', 'mappings', 'policy', 'labelSmoothing', 'align']);
    const m = zoo.create('cross-dataset', MNIST_FASHION);
    if (!isCrossDatasetMixer(m)) throw new Error('expected a cross-dataset mixer');
    expect(m.labelSpace.size).toBe(20);
  });

  it("accepts LabelSpace objects in option 'spaces' as well as class-name arrays", () => {
    const fromArrays = mixer(MNIST_FASHION);
    const spaces = { mnist: new LabelSpace('mnist', DIGITS), fashion: new LabelSpace('fashion', GARMENTS) };
    const fromSpaces = mixer({ spaces, labelMode: 'disjoint' });
    const mixed = mixer({ spaces: { mnist: spaces.mnist, fashion: GARMENTS }, labelMode: 'disjoint' });
    const json = mixer(viaJson({ spaces, labelMode: 'disjoint' }));
    for (const m of [fromSpaces, mixed, json]) {
      expect(m.labelSpace.classes).toEqual(fromArrays.labelSpace.classes);
      expect(m.alignment.datasets).toEqual(['mnist', 'fashion']);
    }
    expect(fromSpaces.labelSpace.size).toBe(20);
    expectCleanError(
      () => mixer({ spaces: { digits: spaces.mnist, fashion: GARMENTS } }),
      'E_OPTION',
      "cross-dataset: option 'spaces.digits' is the LabelSpace 'mnist': its name must be the dataset's key 'digits'.",
    );
    expectCleanError(() => mixer({ spaces: { mnist: 3 as never } }), 'E_OPTION', "cross-dataset: option 'spaces.mnist' must be an array of class names or a LabelSpace, got 3.");
  });

  it('mixes a plain batch within itself exactly as its base strategy does', () => {
    const cross = mixer({ base: 'cutmix', baseOptions: { mode: 'elem' } });
    const cutmix = zoo.create('cutmix', { mode: 'elem' });
    const x = tf.tensor4d(Array.from({ length: 4 * 6 * 6 }, (_, k) => k), [4, 6, 6, 1]);
    const y = tf.tensor1d([0, 1, 2, 3], 'int32');
    const out = cross.mix({ inputs: x, labels: y, numClasses: 4 });
    expect(out.plan.strategy).toBe('cross-dataset');
    expect(out.plan.boxes).toHaveLength(4);
    // The plan's content is cutmix's (a mixer applies only its own strategy's plans).
    const same = cutmix.apply({ inputs: x, labels: y, numClasses: 4 }, { ...out.plan, strategy: 'cutmix' });
    expect(Array.from(out.inputs.dataSync())).toEqual(Array.from(same.inputs.dataSync()));
    expect(Array.from(out.labels!.dataSync())).toEqual(Array.from(same.labels!.dataSync()));
    tf.dispose([x, y, out.inputs, out.labels!, same.inputs, same.labels!]);
  });

  it('the same seed gives the same plans; another seed differs', async () => {
    const shape = { batchSize: 6, height: 8, width: 8, partnerBatchSize: 6 };
    const plans = async (seed: number) => {
      const m = (await createZoo({ seed, backend: 'cpu' })).create('cross-dataset', { base: 'cutmix', ...MNIST_FASHION });
      return [m.sample(shape), m.sample(shape)];
    };
    expect(await plans(3)).toEqual(await plans(3));
    expect(await plans(4)).not.toEqual(await plans(3));
  });
});

describe('cross-dataset: mix({ a, b })', () => {
  it('pairs each sample of a with a partner in b; labels split λ / 1 − λ over the two blocks of the disjoint union', () => {
    const m = mixer({ baseOptions: { mode: 'elem' }, ...MNIST_FASHION });
    const b = 6;
    const xa = constants([1, 2, 3, 4, 5, 6]);
    const xb = constants([10, 20, 30, 40, 50, 60]);
    const ya = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
    const yb = tf.tensor1d([9, 8, 7, 6, 5, 4], 'int32');
    const out = m.mix({ a: { dataset: 'mnist', inputs: xa, labels: ya }, b: { dataset: 'fashion', inputs: xb, labels: yb } });
    const { partner, lambda } = out.plan;
    expect(out.datasets).toEqual({ a: 'mnist', b: 'fashion' });
    expect(out.labelSpace.classes.slice(9, 11)).toEqual(['mnist/9', 'fashion/T-shirt/top']);
    expect(new Set(partner).size).toBe(b); // a permutation of b's indices: every sample is mixed
    expect(lambda.every((l) => l > 0 && l < 1)).toBe(true);
    const pixels = meanPixels(out.inputs);
    const labels = rows(out.labels);
    const ybv = [9, 8, 7, 6, 5, 4];
    for (let i = 0; i < b; i++) {
      expect(pixels[i]).toBeCloseTo(lambda[i] * (i + 1) + (1 - lambda[i]) * 10 * (partner[i] + 1), 4);
      const expected = new Array<number>(20).fill(0);
      expected[i] = lambda[i];
      expected[10 + ybv[partner[i]]] = 1 - lambda[i];
      labels[i].forEach((v, c) => expect(v).toBeCloseTo(expected[c], 6));
    }
    expect(Array.from(out.domainLambda.dataSync())).toEqual(lambda.map(Math.fround));
    expect(rows(out.validity).flat().every((v) => v === 1)).toBe(true); // 'or': all 20 classes
    tf.dispose([xa, xb, ya, yb]);
    dispose(out);
  });

  it('property: for constant images the pixel value recovers λ, and each row splits λ / 1 − λ between the datasets (mixup, cutmix, fmix; several seeds)', async () => {
    for (const base of ['mixup', 'cutmix', 'fmix']) {
      for (const seed of [0, 1, 'x']) {
        const m = mixer({ base, baseOptions: { mode: 'elem', alpha: 1 }, ...MNIST_FASHION }, await createZoo({ seed, backend: 'cpu' }));
        const b = 8;
        const xa = tf.ones([b, 8, 8, 1]);
        const xb = tf.zeros([b, 8, 8, 1]);
        const ya = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
        const yb = tf.tensor1d([7, 6, 5, 4, 3, 2, 1, 0], 'int32');
        const out = m.mix({ a: { inputs: xa, labels: ya }, b: { inputs: xb, labels: yb } });
        const pixels = meanPixels(out.inputs);
        const labels = rows(out.labels);
        expect(out.plan.lambda.some((l) => l < 0.99), `${base} seed ${seed} mixes`).toBe(true);
        out.plan.lambda.forEach((l, i) => {
          expect(pixels[i], `${base} seed ${seed} sample ${i}: pixel = λ`).toBeCloseTo(l, 5);
          expect(sum(labels[i].slice(0, 10)), `${base} digits = λ`).toBeCloseTo(l, 5);
          expect(sum(labels[i].slice(10)), `${base} garments = 1 − λ`).toBeCloseTo(1 - l, 5);
        });
        tf.dispose([xa, xb, ya, yb]);
        dispose(out);
      }
    }
  });

  it('classes both datasets share (here through synonyms) get the sum of both contributions', () => {
    const m = mixer({
      baseOptions: { mode: 'elem' },
      spaces: { street: ['car', 'person', 'bicycle'], traffic: ['automobile', 'truck'] },
      synonyms: [['car', 'automobile']],
    });
    expect(m.labelSpace.classes).toEqual(['car', 'person', 'bicycle', 'truck']);
    const xa = constants([1, 1, 1]);
    const xb = constants([0, 0, 0]);
    const ya = tf.tensor1d([0, 0, 1], 'int32'); // car, car, person
    const yb = tf.tensor1d([0, 0, 0], 'int32'); // automobile everywhere
    const out = m.mix({ a: { inputs: xa, labels: ya }, b: { inputs: xb, labels: yb } });
    const labels = rows(out.labels);
    expect(labels[0]).toEqual([1, 0, 0, 0]);
    expect(labels[1]).toEqual([1, 0, 0, 0]);
    expect(labels[2][0]).toBeCloseTo(1 - out.plan.lambda[2], 6);
    expect(labels[2][1]).toBeCloseTo(out.plan.lambda[2], 6);
    tf.dispose([xa, xb, ya, yb]);
    dispose(out);
  });

  it('takes soft rows of each own space, 1:many mappings and label smoothing in the own space', () => {
    const m = mixer({
      baseOptions: { mode: 'elem' },
      spaces: { fine: ['car', 'truck', 'cat'], coarse: ['vehicle', 'animal'] },
      mappings: { coarse: { vehicle: { car: 0.25, truck: 0.75 }, animal: ['cat'] } },
      labelSmoothing: 0.2,
    });
    const xa = constants([1, 1]);
    const xb = constants([0, 0]);
    const ya = tf.tensor2d([[0.5, 0.5, 0], [0, 0, 1]]);
    const yb = tf.tensor1d([0, 0], 'int32');
    const out = m.mix({ a: { inputs: xa, labels: ya }, b: { inputs: xb, labels: yb } });
    const labels = rows(out.labels);
    const smoothFine = (row: number[]) => row.map((v) => v * 0.8 + 0.2 / 3);
    const coarseVehicle = [0.9 * 0.25, 0.9 * 0.75, 0.1]; // smoothed [0.9, 0.1] over 2 coarse classes, projected
    [[0.5, 0.5, 0], [0, 0, 1]].forEach((own, i) => {
      const l = out.plan.lambda[i];
      const expected = smoothFine(own).map((v, c) => l * v + (1 - l) * coarseVehicle[c]);
      labels[i].forEach((v, c) => expect(v).toBeCloseTo(expected[c], 6));
      expect(sum(labels[i])).toBeCloseTo(1, 6);
    });
    tf.dispose([xa, xb, ya, yb]);
    dispose(out);
  });

  it("validity by policy: 'or' either dataset's classes, 'and' those of every contributing dataset, 'ignore-unlabeled' those plus the label's", () => {
    const spaces = { a: ['cat', 'dog', 'car'], b: ['car', 'truck'] };
    // U = [cat, dog, car, truck]; v_a = [1, 1, 1, 0], v_b = [0, 0, 1, 1]
    const plan: MixPlan = { strategy: 'cross-dataset', partner: [1, 0], lambda: [0.5, 1] };
    const xa = constants([1, 1]);
    const xb = constants([0, 0]);
    const ya = tf.tensor1d([0, 1], 'int32'); // cat, dog
    const yb = tf.tensor1d([1, 0], 'int32'); // truck, car
    const validity = (policy: 'and' | 'or' | 'ignore-unlabeled') => {
      const out = mixer({ spaces, policy }).apply({ a: { inputs: xa, labels: ya }, b: { inputs: xb, labels: yb } }, plan);
      const v = rows(out.validity);
      dispose(out);
      return v;
    };
    // sample 0: cat (a) mixed with car (b[1]); sample 1: λ = 1, only a contributes
    expect(validity('or')).toEqual([[1, 1, 1, 1], [1, 1, 1, 1]]);
    expect(validity('and')).toEqual([[0, 0, 1, 0], [1, 1, 1, 0]]);
    expect(validity('ignore-unlabeled')).toEqual([[1, 0, 1, 0], [1, 1, 1, 0]]);
    tf.dispose([xa, xb, ya, yb]);
  });

  it('aligns inputs per dataset before mixing: normalise with own statistics, gray → RGB, resize', () => {
    const m = mixer({
      baseOptions: { mode: 'elem' },
      spaces: { gray: ['x', 'y'], color: ['y', 'z'] },
      align: { size: [8, 6], channels: 3, normalize: { gray: { mean: 0.5, std: 0.25 }, color: { mean: [0.1, 0.2, 0.3], std: [0.1, 0.2, 0.3] } } },
    });
    const xa = tf.fill([3, 4, 4, 1], 0.75); // → (0.75 − 0.5) / 0.25 = 1 on every channel
    const xb = tf.tensor4d(Array.from({ length: 3 * 5 * 7 }, () => [0.3, 0.6, 0.9]).flat(), [3, 5, 7, 3]); // → [2, 2, 2]
    const out = m.mix({ a: { inputs: xa, labels: tf.tensor1d([0, 1, 0], 'int32') }, b: { inputs: xb, labels: tf.tensor1d([1, 0, 1], 'int32') } });
    expect(out.inputs.shape).toEqual([3, 8, 6, 3]);
    const values = out.inputs.arraySync() as number[][][][];
    out.plan.lambda.forEach((l, i) => {
      for (const v of values[i].flat(2)) expect(v).toBeCloseTo(l * 1 + (1 - l) * 2, 5);
    });
    // U = [x, y, z]: 'y' is shared by both datasets
    expect(out.labelSpace.classes).toEqual(['x', 'y', 'z']);
    expect(m.alignInputs('color', xb).shape).toEqual([3, 8, 6, 3]);
    const aligned = m.alignInputs('gray', xa);
    expect(Array.from(aligned.dataSync()).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    tf.dispose([xa, xb, aligned]);
    dispose(out);
  });

  it('mixes targets with the same plan; image targets follow align.size (int32 maps by nearest)', () => {
    const m = mixer({ base: 'cutmix', baseOptions: { mode: 'elem' }, ...MNIST_FASHION, align: { size: [8, 8] } });
    const xa = tf.ones([4, 8, 8, 1]);
    const xb = tf.zeros([4, 16, 16, 1]);
    const ta = tf.fill([4, 8, 8, 1], 1, 'int32');
    const tb = tf.fill([4, 16, 16, 1], 2, 'int32');
    const ya = tf.tensor1d([0, 1, 2, 3], 'int32');
    const yb = tf.tensor1d([3, 2, 1, 0], 'int32');
    const out = m.mix({ a: { inputs: xa, labels: ya, targets: { seg: ta } }, b: { inputs: xb, labels: yb, targets: { seg: tb } } });
    const seg = out.targets!.seg;
    expect(seg.shape).toEqual([4, 8, 8, 1]);
    expect(seg.dtype).toBe('int32');
    const maps = seg.arraySync() as number[][][][];
    const pixels = out.inputs.arraySync() as number[][][][];
    out.plan.lambda.forEach((l, i) => {
      const flat = maps[i].flat(2);
      expect(flat.filter((v) => v === 1).length / 64, `sample ${i}: target own share = λ`).toBeCloseTo(l, 10);
      // the partner's target sits exactly where the partner's pixels are
      expect(flat.map((v) => (v === 1 ? 1 : 0))).toEqual(pixels[i].flat(2));
    });
    expect(out.plan.lambda.some((l) => l < 1)).toBe(true);
    tf.dispose([xa, xb, ta, tb, ya, yb]);
    dispose(out);
  });

  it('dataset defaults: a = the first declared dataset, b = the second; naming them swaps the roles', () => {
    const m = mixer({ ...MNIST_FASHION, baseOptions: { mode: 'elem' } });
    const x = constants([1, 1]);
    const y = tf.tensor1d([0, 1], 'int32');
    const byOrder = m.mix({ a: { inputs: x, labels: y }, b: { inputs: x, labels: y } });
    expect(byOrder.datasets).toEqual({ a: 'mnist', b: 'fashion' });
    const swapped = m.mix({ a: { dataset: 'fashion', inputs: x, labels: y }, b: { dataset: 'mnist', inputs: x, labels: y } });
    expect(swapped.datasets).toEqual({ a: 'fashion', b: 'mnist' });
    const l = swapped.plan.lambda[0];
    expect(rows(swapped.labels)[0][10]).toBeCloseTo(l, 6); // fashion/T-shirt/top carries a's share
    tf.dispose([x, y]);
    dispose(byOrder);
    dispose(swapped);
  });

  it('replays a plan from JSON bit for bit', () => {
    const m = mixer({ base: 'cutmix', baseOptions: { mode: 'elem' }, ...MNIST_FASHION });
    const xa = tf.tensor4d(Array.from({ length: 5 * 7 * 7 }, (_, k) => Math.sin(k)), [5, 7, 7, 1]);
    const xb = tf.tensor4d(Array.from({ length: 5 * 7 * 7 }, (_, k) => Math.cos(k)), [5, 7, 7, 1]);
    const ya = tf.tensor1d([0, 1, 2, 3, 4], 'int32');
    const batch = { a: { inputs: xa, labels: ya }, b: { inputs: xb, labels: ya } };
    const out = m.mix(batch);
    const again = m.apply(batch, viaJson(out.plan));
    for (const key of ['inputs', 'labels', 'validity', 'domainLambda'] as const) {
      expect(Array.from(again[key]!.dataSync()), key).toEqual(Array.from(out[key]!.dataSync()));
    }
    tf.dispose([xa, xb, ya]);
    dispose(out);
    dispose(again);
  });

  it('works without labels (pixels and domain share only), and with B = 1 and B = 0', () => {
    const m = mixer({ ...MNIST_FASHION });
    const one = m.mix({ a: { inputs: constants([1]) }, b: { inputs: constants([0]) } });
    expect(one.labels).toBeUndefined();
    expect(one.validity).toBeUndefined();
    expect(one.plan.partner).toEqual([0]);
    expect(meanPixels(one.inputs)[0]).toBeCloseTo(one.plan.lambda[0], 5);
    const none = m.mix({ a: { inputs: tf.zeros([0, 3, 3, 1]), labels: tf.zeros([0], 'int32') }, b: { inputs: tf.zeros([0, 3, 3, 1]), labels: tf.zeros([0], 'int32') } });
    expect(none.inputs.shape).toEqual([0, 3, 3, 1]);
    expect(none.labels!.shape).toEqual([0, 20]);
    expect(none.validity!.shape).toEqual([0, 20]);
    dispose(one);
    dispose(none);
  });

  it('feeds the masked soft cross-entropy through maskTargets', () => {
    const m = mixer({ ...MNIST_FASHION, policy: 'ignore-unlabeled', baseOptions: { mode: 'elem' } });
    const x = constants([1, 2, 3]);
    const y = tf.tensor1d([0, 1, 2], 'int32');
    const out = m.mix({ a: { inputs: x, labels: y }, b: { inputs: x, labels: y } });
    const value = tf.tidy(() => {
      const logits = tf.zeros([3, 20]);
      return Array.from(maskedSoftCrossEntropy({ fromLogits: true })(maskTargets(out.labels!, out.validity!), logits).dataSync());
    });
    // uniform logits over the 2 supervised classes of each row: −Σ t log ½ = log 2
    value.forEach((v) => expect(v).toBeCloseTo(Math.log(2), 5));
    tf.dispose([x, y]);
    dispose(out);
  });

  it('leaves tf.memory() at baseline over many mixes and never touches its inputs', () => {
    const m = mixer({ base: 'cutmix', ...MNIST_FASHION, align: { size: [6, 6], normalize: { mnist: { mean: 0.1, std: 0.3 } } } });
    const xa = constants([1, 2, 3], 5, 5);
    const xb = constants([4, 5, 6], 7, 7);
    const ya = tf.tensor1d([1, 2, 3], 'int32');
    const t = tf.zeros([3, 5, 5, 2]);
    const tb = tf.zeros([3, 7, 7, 2]);
    const before = tf.memory().numTensors;
    const values = Array.from(xa.dataSync());
    for (let k = 0; k < 5; k++) dispose(m.mix({ a: { inputs: xa, labels: ya, targets: { t } }, b: { inputs: xb, labels: ya, targets: { t: tb } } }));
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(xa.dataSync())).toEqual(values);
    tf.dispose([xa, xb, ya, t, tb]);
  });
});

describe('cross-dataset on cpu and wasm', () => {
  it('gives the same pixels, labels and validity on both backends (alignment and cutmix included)', async () => {
    const options: CrossDatasetOptionsInput = {
      base: 'cutmix',
      baseOptions: { mode: 'elem' },
      spaces: { gray: ['x', 'y', 'z'], color: ['y', 'w'] },
      policy: 'ignore-unlabeled',
      align: { size: [9, 7], channels: 3, normalize: { gray: { mean: 0.3, std: 0.2 } } },
    };
    const results: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      const m = mixer(options, await createZoo({ seed: 5, backend }));
      const xa = tf.tensor4d(Array.from({ length: 4 * 5 * 6 }, (_, k) => (Math.sin(k) + 1) / 2), [4, 5, 6, 1]);
      const xb = tf.tensor4d(Array.from({ length: 4 * 11 * 8 * 3 }, (_, k) => (Math.cos(k) + 1) / 2), [4, 11, 8, 3]);
      const ya = tf.tensor1d([0, 1, 2, 0], 'int32');
      const yb = tf.tensor1d([1, 0, 1, 0], 'int32');
      const out = m.mix({ a: { inputs: xa, labels: ya }, b: { inputs: xb, labels: yb } });
      results.push(Float32Array.from([...out.inputs.dataSync(), ...out.labels!.dataSync(), ...out.validity!.dataSync()]));
      tf.dispose([xa, xb, ya, yb]);
      dispose(out);
    }
    await tf.setBackend('cpu');
    const [cpu, wasm] = results;
    expect(wasm.length).toBe(cpu.length);
    expect(cpu.reduce((worst, v, k) => Math.max(worst, Math.abs(v - wasm[k])), 0)).toBeLessThanOrEqual(1e-5);
  });
});

describe('cross-dataset: errors (MixzooError, nothing mixed, inputs untouched, no leak)', () => {
  const a = () => ({ inputs: constants([1, 2, 3]), labels: tf.tensor1d([0, 1, 2], 'int32') });
  const b = () => ({ inputs: constants([4, 5, 6]), labels: tf.tensor1d([3, 4, 5], 'int32') });

  it('rejects a label index out of range of its own space, and soft rows of the wrong width', () => {
    const m = mixer(MNIST_FASHION);
    const sa = a();
    const sb = b();
    const bad = tf.tensor1d([3, 4, 10], 'int32');
    expectCleanError(() => m.mix({ a: sa, b: { ...sb, labels: bad } }), 'E_LABELS', "cross-dataset: 'b.labels[2]' must be a class index in [0, 10), got 10.", [sa.inputs, sb.inputs, bad]);
    const wide = tf.zeros([3, 20]);
    expectCleanError(() => m.mix({ a: { ...sa, labels: wide }, b: sb }), 'E_LABELS', "cross-dataset: 'a.labels' must be rows over the 10 classes of 'mnist', got [3, 20].", [wide]);
    expectCleanError(() => m.mix({ a: sa, b: { inputs: sb.inputs } }), 'E_LABELS', "cross-dataset: 'a.labels' were given but 'b.labels' were not: pass both or neither.");
    tf.dispose([sa.inputs, sa.labels, sb.inputs, sb.labels, bad, wide]);
  });

  it('rejects batch sizes that differ and shapes that differ without declared alignment', () => {
    const m = mixer(MNIST_FASHION);
    const sa = a();
    const four = constants([1, 2, 3, 4]);
    const fourLabels = tf.tensor1d([0, 0, 0, 0], 'int32');
    expectCleanError(() => m.mix({ a: sa, b: { inputs: four, labels: fourLabels } }), 'E_SHAPE', "cross-dataset: 'b.inputs' must have batch size 3 like 'a.inputs', got [4, 6, 5, 1].", [sa.inputs]);
    const big = constants([1, 2, 3], 8, 8, 3);
    expectCleanError(
      () => m.mix({ a: sa, b: { inputs: big, labels: sa.labels } }),
      'E_SHAPE',
      "cross-dataset: 'a.inputs' ('mnist') and 'b.inputs' ('fashion') must have the same per-sample shape after alignment, got [6, 5, 1] and [8, 8, 3]: declare option 'align' { size: [height, width], channels: 1 | 3 }.",
      [sa.inputs, big],
    );
    const ta = tf.zeros([3, 6, 5, 1]);
    const tb = tf.zeros([3, 4, 4, 1]);
    expectCleanError(
      () => m.mix({ a: { ...sa, targets: { seg: ta } }, b: { ...sa, targets: { seg: tb } } }),
      'E_SHAPE',
      "cross-dataset: 'a.targets.seg' and 'b.targets.seg' must have the same per-sample shape after alignment, got [6, 5, 1] and [4, 4, 1] (option 'align.size' resizes image targets).",
    );
    expectCleanError(() => m.mix({ a: { ...sa, targets: { seg: ta } }, b: sa }), 'E_SHAPE', "cross-dataset: 'a.targets' and 'b.targets' must have the same names; missing 'b.targets.seg'.");
    tf.dispose([sa.inputs, sa.labels, four, fourLabels, big, ta, tb]);
  });

  it('rejects unknown datasets, a missing side and mix({ a, b }) without spaces', () => {
    const m = mixer(MNIST_FASHION);
    const sa = a();
    expectCleanError(() => m.mix({ a: { ...sa, dataset: 'fashon' }, b: sa }), 'E_LABELS', "cross-dataset: 'a.dataset' must be one of 'mnist', 'fashion', got 'fashon'. Did you mean 'fashion'?");
    expectCleanError(() => m.mix({ a: sa } as never), 'E_SHAPE', "cross-dataset: 'b' must be { dataset?, inputs, labels?, targets? }, got undefined.");
    expectCleanError(() => mixer({}).mix({ a: sa, b: sa }), 'E_OPTION', "cross-dataset: declare option 'spaces' ({ dataset: [class names] }) to mix two datasets with mix({ a, b }).");
    const three = mixer({ spaces: { p: ['x'], q: ['y'], r: ['z'] } });
    expectCleanError(() => three.mix({ a: sa, b: sa }), 'E_LABELS', "cross-dataset: 'a.dataset' is required when option 'spaces' declares more than 2 datasets (p, q, r).");
    tf.dispose([sa.inputs, sa.labels]);
  });

  it('rejects k-way bases and malformed plans before mixing', () => {
    const sa = a();
    const sb = b();
    expectCleanError(() => mixer({ base: 'ricap', ...MNIST_FASHION }).mix({ a: sa, b: sb }), 'E_PLAN', /cross-dataset: the plan has k-way 'partners'\/'weights' \(base 'ricap'\)/, [sa.inputs, sb.inputs]);
    const m = mixer(MNIST_FASHION);
    expectCleanError(() => m.apply({ a: sa, b: sb }, { strategy: 'cross-dataset', partner: [0, 1, 3], lambda: [1, 1, 1] }), 'E_PLAN', "plan: 'partner[2]' must be an integer in [0, 3), got 3.");
    tf.dispose([sa.inputs, sa.labels, sb.inputs, sb.labels]);
  });

  it('rejects bad options at creation: unknown class in a synonym or mapping, duplicates, empty names, unknown datasets', () => {
    const create = (options: CrossDatasetOptionsInput) => () => zoo.create('cross-dataset', options);
    const spaces = { street: ['car', 'person'], traffic: ['automobile', 'truck'] };
    expectCleanError(create({ spaces, synonyms: [['car', 'automobil']] }), 'E_OPTION', "cross-dataset: option 'synonyms[0]' names 'automobil', which is a class of no label space. Did you mean 'automobile'?");
    expectCleanError(
      create({ spaces, mappings: { street: { person: ['pedestrian'] } } }),
      'E_OPTION',
      "cross-dataset: option 'mappings.street.person' names 'pedestrian', which is not a class of the unified space. Unified classes: car, automobile, truck.",
    );
    expectCleanError(create({ spaces: { street: ['car', 'car'] } }), 'E_OPTION', "cross-dataset: option 'spaces.street' class names must be unique, got 'car' at 0 and 1.");
    expectCleanError(create({ spaces: { street: ['car', ''] } }), 'E_OPTION', "cross-dataset: option 'spaces.street' class 1 must be a non-empty string, got ''.");
    expectCleanError(create({ spaces: { street: [] } }), 'E_OPTION', "cross-dataset: option 'spaces.street' must be a non-empty array of class names, got [].");
    expectCleanError(create({ spaces: {} }), 'E_OPTION', "cross-dataset: option 'spaces' must declare at least one dataset ({ dataset: [class names] }), got {}.");
    expectCleanError(create({ spaces, labelMode: 'disjoint', synonyms: [['car', 'automobile']] }), 'E_OPTION', /option 'synonyms' only apply in mode 'union'/);
    expectCleanError(create({ spaces, align: { normalize: { stret: { mean: 0 } } } }), 'E_OPTION', "cross-dataset: option 'align.normalize' names 'stret', which is not a dataset of option 'spaces'. Did you mean 'street'? Datasets: street, traffic.");
    expectCleanError(create({ synonyms: [['a', 'b']] }), 'E_OPTION', "cross-dataset: option 'synonyms' names classes or datasets: declare option 'spaces' ({ dataset: [class names] }) too.");
  });

  it('rejects bad base settings at creation', () => {
    const create = (options: CrossDatasetOptionsInput) => () => zoo.create('cross-dataset', options);
    expectCleanError(create({ base: 'cutmx' }), 'E_UNKNOWN_STRATEGY', /Unknown strategy 'cutmx'\. Did you mean 'cutmix'\?/);
    expectCleanError(create({ base: 'cross-dataset' }), 'E_OPTION', "cross-dataset: option 'base' must be another strategy (whose geometry mixes the datasets), got 'cross-dataset'.");
    expectCleanError(create({ baseOptions: { alpha: -1 } }), 'E_OPTION', "mixup: option 'alpha' must be >= 0, got -1.");
    expectCleanError(
      create({ baseOptions: { labelSmoothing: 0.1 } }),
      'E_OPTION',
      "cross-dataset: option 'baseOptions.labelSmoothing' must be 0 (use option 'labelSmoothing', applied in each dataset's own label space), got 0.1.",
    );
    expectCleanError(create({ policy: 'any' as never }), 'E_OPTION', "cross-dataset: option 'policy' must be one of 'and', 'or', 'ignore-unlabeled', got 'any'.");
    expectCleanError(create({ align: { channels: 2 as never } }), 'E_OPTION', "cross-dataset: option 'align.channels' must be one of 1, 3, got 2.");
  });
});

describe('cross-dataset over a model-aware base', () => {
  it("needs the base's model context, passes each side's (a.model, b.model), and snapmix reads the partners' CAM from b", () => {
    const snap = mixer({ ...MNIST_FASHION, base: 'snapmix', baseOptions: { mode: 'elem' } });
    expect(snap.modelNeeds).toEqual(['cam']);
    expect(mixer({ ...MNIST_FASHION, base: 'cutmix' }).modelNeeds).toEqual([]);
    const a = constants([1, 2, 3, 4]);
    const b = constants([5, 6, 7, 8]);
    const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
    const cam = (hot: number) => ({ height: 6, width: 5, data: [0, 1, 2, 3].map(() => Array.from({ length: 30 }, (_, k) => (k === hot ? 1 : 0))) });
    expectMixzooError(() => snap.mix({ a: { inputs: a, labels }, b: { inputs: b, labels } }), 'E_SHAPE', /plans from the model: pass 'cam'/);
    expectMixzooError(() => snap.mix({ a: { inputs: a, labels, model: { cam: cam(0) } }, b: { inputs: b, labels } }), 'E_SHAPE', /partner\.model/);
    // b's CAM is all in pixel 29 (bottom-right): the partner weight is 1 exactly when the source box holds it.
    let checked = 0;
    for (let t = 0; t < 4; t++) {
      const out = snap.mix({ a: { inputs: a, labels, model: { cam: cam(0) } }, b: { inputs: b, labels, model: { cam: cam(29) } } });
      const sources = (out.plan.extra as { sources: ({ y0: number; y1: number; x0: number; x1: number } | null)[] }).sources;
      sources.forEach((box, i) => {
        if (!box) return;
        checked++;
        expect(out.plan.labelWeights!.partner[i]).toBeCloseTo(box.y1 === 6 && box.x1 === 5 ? 1 : 0, 6);
      });
      tf.dispose([out.inputs, ...(out.labels ? [out.labels] : [])]);
    }
    expect(checked).toBeGreaterThan(3);
    tf.dispose([a, b, labels]);
  });
});

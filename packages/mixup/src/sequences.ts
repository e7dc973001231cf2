import * as tf from '@tensorflow/tfjs-core';
import { checkTensor, describeValue, isObject, type Mixer, type MixPlan, type MixResult, MixzooError, shapeText } from '@mixzoo/core';

/** A batch of sequences [B, T, ...] padded at the end, with its padding mask and token-level targets. */
export interface SequenceBatch {
  /** [B, T, D] (or any [B, T, ...]) float32 or int32; padding positions may hold anything. */
  inputs: tf.Tensor;
  /** [B, T] padding mask, bool / int32 / float32: 1 = real step, 0 = padding. Default: every step is real. */
  mask?: tf.Tensor;
  labels?: tf.Tensor;
  numClasses?: number;
  /** Token-level targets [B, T, ...] (e.g. one-hot tags [B, T, K]): padded, masked and mixed like the inputs. */
  targets?: Record<string, tf.Tensor>;
  /** Partner batch (cross-dataset): its T may differ, both are padded to the longer. */
  partner?: { inputs: tf.Tensor; mask?: tf.Tensor; labels?: tf.Tensor; targets?: Record<string, tf.Tensor> };
}

/** The mixer's result on the padded batch, plus the mixed padding mask [B, T] (dtype of the given mask, float32 by default). */
export interface SequenceResult extends MixResult {
  mask: tf.Tensor;
}

const WHERE = 'mixSequences';

/** The mask as 0/1 bytes, [B·T]; all ones when absent. */
function readMask(arg: string, mask: tf.Tensor | undefined, b: number, t: number): Uint8Array {
  if (mask === undefined) return new Uint8Array(b * t).fill(1);
  checkTensor(WHERE, arg, mask, ['bool', 'int32', 'float32']);
  if (mask.rank !== 2 || mask.shape[0] !== b || mask.shape[1] !== t) {
    throw new MixzooError('E_SHAPE', `${WHERE}: '${arg}' must be [${b}, ${t}] (batch, steps), got ${shapeText(mask.shape)}.`);
  }
  const values = mask.dataSync();
  const bad = values.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) {
    throw new MixzooError('E_SHAPE', `${WHERE}: '${arg}' must hold 0 or 1, got ${describeValue(values[bad])} at [${Math.floor(bad / t)}, ${bad % t}].`);
  }
  return Uint8Array.from(values as ArrayLike<number>);
}

/** Checks a [B, T, ...] tensor aligned with a batch of B samples and T steps. */
function checkSteps(arg: string, x: unknown, b: number, t?: number): tf.Tensor {
  const tensor = checkTensor(WHERE, arg, x);
  if (tensor.rank < 2 || tensor.shape[0] !== b || (t !== undefined && tensor.shape[1] !== t)) {
    const wanted = `[${b}, ${t ?? 'T'}, ...]`;
    throw new MixzooError('E_SHAPE', `${WHERE}: '${arg}' must be ${wanted} (batch, steps, ...), got ${shapeText(tensor.shape)}.`);
  }
  return tensor;
}

/** Zeroes the padding of x (so it never leaks into a mix) and pads its steps to `length`. Call inside tidy. */
function padMasked(x: tf.Tensor, mask: Uint8Array, length: number): tf.Tensor {
  const [b, t] = x.shape;
  const all = mask.every((v) => v === 1);
  let out = x;
  if (!all) out = tf.mul(x, tf.tensor(Int32Array.from(mask), [b, t, ...x.shape.slice(2).map(() => 1)], x.dtype === 'int32' ? 'int32' : 'float32'));
  if (length > t) out = tf.pad(out, x.shape.map((_, axis) => [0, axis === 1 ? length - t : 0] as [number, number]));
  return out;
}

function padMask(mask: Uint8Array, b: number, t: number, length: number): Uint8Array {
  const out = new Uint8Array(b * length);
  for (let i = 0; i < b; i++) out.set(mask.subarray(i * t, (i + 1) * t), i * length);
  return out;
}

/**
 * The mixed mask: a step is real when it is real in any sample that contributes with a weight
 * > 0 (own sample if λ > 0, partner if λ < 1; every source of a k-way row).
 */
function mixMask(plan: MixPlan, own: Uint8Array, other: Uint8Array, length: number): Uint8Array {
  const b = plan.lambda.length;
  const out = new Uint8Array(b * length);
  const or = (i: number, source: Uint8Array, k: number) => {
    for (let s = 0; s < length; s++) out[i * length + s] |= source[k * length + s];
  };
  const { partners, weights } = plan;
  for (let i = 0; i < b; i++) {
    if (partners && weights) {
      partners[i].forEach((p, k) => weights[i][k] > 0 && or(i, other, p));
      continue;
    }
    if (plan.lambda[i] > 0) or(i, own, i);
    if (plan.lambda[i] < 1) or(i, other, plan.partner[i]);
  }
  return out;
}

/**
 * mixup for padded sequences [B, T, ...] with a padding mask: padding is zeroed, a partner batch of
 * another length is padded to the longer one, `mixer` mixes inputs, labels and token-level
 * `targets` with ONE plan (sampled, or the given `plan`), and the mixed mask is the OR of the
 * masks of the samples that contribute. Takes λ plans (mixup, paired-mixup, manifold-mixup,
 * k-way mixup, choice of those); image strategies refuse rank-3 inputs.
 * Inputs are never modified or disposed; every output is new.
 */
export function mixSequences(mixer: Mixer, batch: SequenceBatch, plan?: MixPlan): SequenceResult {
  if (!isObject(batch)) throw new MixzooError('E_SHAPE', `${WHERE}: expected { inputs, mask?, labels?, targets? }, got ${describeValue(batch)}.`);
  const x = checkTensor(WHERE, 'inputs', batch.inputs);
  if (x.rank < 3) throw new MixzooError('E_SHAPE', `${WHERE}: 'inputs' must be sequences [B, T, ...], got ${shapeText(x.shape)}; features [B, D] need no mask: use mixer.mix.`);
  const [b, t] = x.shape;
  const mask = readMask('mask', batch.mask, b, t);
  const targets = Object.entries(batch.targets ?? {}).map(([name, v]) => [name, checkSteps(`targets.${name}`, v, b, t)] as const);
  const partner = batch.partner;
  let other = { x, mask, t, b, targets: new Map<string, tf.Tensor>() };
  if (partner) {
    const xb = checkTensor(WHERE, 'partner.inputs', partner.inputs);
    if (xb.rank !== x.rank || xb.shape.slice(2).join() !== x.shape.slice(2).join()) {
      throw new MixzooError('E_SHAPE', `${WHERE}: 'partner.inputs' must be [B', T', ${x.shape.slice(2).join(', ')}] like 'inputs' (steps may differ), got ${shapeText(xb.shape)}.`);
    }
    const [pb, pt] = xb.shape;
    const partnerTargets = new Map(targets.map(([name]) => [name, checkSteps(`partner.targets.${name}`, partner.targets?.[name], pb, pt)]));
    other = { x: xb, mask: readMask('partner.mask', partner.mask, pb, pt), t: pt, b: pb, targets: partnerTargets };
  }
  const length = Math.max(t, other.t);

  const prepared = tf.tidy(() => ({
    inputs: padMasked(x, mask, length),
    targets: Object.fromEntries(targets.map(([name, v]) => [name, padMasked(v, mask, length)])),
    partner: partner ? padMasked(other.x, other.mask, length) : undefined,
    partnerTargets: partner ? Object.fromEntries([...other.targets].map(([name, v]) => [name, padMasked(v, other.mask, length)])) : undefined,
  }));
  const originals = new Set<tf.Tensor>([x, other.x, ...targets.map(([, v]) => v), ...other.targets.values()]);
  try {
    const chosen = plan ?? mixer.sample({ batchSize: b, partnerBatchSize: partner ? other.b : undefined }, { inputs: prepared.inputs, partnerInputs: prepared.partner });
    if (chosen.boxes || chosen.masks) throw new MixzooError('E_PLAN', `${WHERE}: the plan has boxes or masks (image geometry); sequences take λ plans (mixup, paired-mixup, manifold-mixup).`);
    const out = mixer.apply(
      {
        inputs: prepared.inputs,
        labels: batch.labels,
        numClasses: batch.numClasses,
        targets: targets.length > 0 ? prepared.targets : undefined,
        partner: partner && prepared.partner && { inputs: prepared.partner, labels: partner.labels, targets: targets.length > 0 ? prepared.partnerTargets : undefined },
      },
      chosen,
    );
    const ownMask = padMask(mask, b, t, length);
    const mixedMask = mixMask(out.plan, ownMask, partner ? padMask(other.mask, other.b, other.t, length) : ownMask, length);
    const dtype = batch.mask?.dtype ?? 'float32';
    return { ...out, mask: tf.tensor(dtype === 'bool' ? mixedMask : Float32Array.from(mixedMask), [b, length], dtype) };
  } finally {
    const all = [prepared.inputs, prepared.partner, ...Object.values(prepared.targets), ...Object.values(prepared.partnerTargets ?? {})];
    tf.dispose(all.filter((v): v is tf.Tensor => v !== undefined && !originals.has(v)));
  }
}

/**
 * Sequences of different lengths ([T_i, ...], one tensor per sample) as one batch padded at the
 * end to the longest (or to `length`), with its padding mask (float32 [B, T], 1 = real step).
 */
export function padSequences(sequences: readonly tf.Tensor[], length?: number): { inputs: tf.Tensor; mask: tf.Tensor } {
  const where = 'padSequences';
  if (!Array.isArray(sequences) || sequences.length === 0) {
    throw new MixzooError('E_SHAPE', `${where}: 'sequences' must be a non-empty array of tensors [T_i, ...], got ${describeValue(sequences)}.`);
  }
  const list = sequences.map((s, i) => checkTensor(where, `sequences[${i}]`, s));
  const first = list[0];
  list.forEach((s, i) => {
    if (s.rank < 1 || s.dtype !== first.dtype || s.shape.slice(1).join() !== first.shape.slice(1).join()) {
      throw new MixzooError('E_SHAPE', `${where}: 'sequences[${i}]' must be ${first.dtype} [T, ${first.shape.slice(1).join(', ')}] like sequences[0], got ${s.dtype} ${shapeText(s.shape)}.`);
    }
  });
  const longest = Math.max(...list.map((s) => s.shape[0]));
  const t = length ?? longest;
  if (!Number.isInteger(t) || t < longest) {
    throw new MixzooError('E_SHAPE', `${where}: 'length' must be an integer >= the longest sequence (${longest}), got ${describeValue(length)}.`);
  }
  const mask = new Float32Array(list.length * t);
  list.forEach((s, i) => mask.fill(1, i * t, i * t + s.shape[0]));
  const inputs = tf.tidy(() => tf.stack(list.map((s) => tf.pad(s, s.shape.map((_, axis) => [0, axis === 0 ? t - s.shape[0] : 0] as [number, number])))));
  return { inputs, mask: tf.tensor2d(mask, [list.length, t]) };
}

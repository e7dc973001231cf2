import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { describeValue, MixzooError } from '@mixzoo/core';
import type { EpochRecord } from '../types.js';

/** A tensor as plain JSON: its shape, dtype and bytes (base64). */
export interface SavedTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: string;
}

/**
 * Where a run stands after an epoch, as plain JSON: enough to continue it with the result the
 * uninterrupted run gives. The data order and every random draw are functions of the seed: they
 * are replayed, not stored.
 */
export interface RunCheckpoint {
  /** The finished epochs' records: the run continues with epoch `epochs.length`. */
  epochs: EpochRecord[];
  /** The model's weights, in model.getWeights() order. */
  weights: SavedTensor[];
  /** The optimizer's state: its getWeights (the iteration count, then its slots: Adam's moments, SGD's momentum buffers), then Adam's running powers of β1 and β2. */
  optimizer: SavedTensor[];
}

/** Adam keeps β1^t and β2^t as running products; setWeights recomputes them as powers, which can differ in the last bit. */
interface AdamPowers {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

function save(tensor: tf.Tensor): SavedTensor {
  const values = tensor.dataSync() as Float32Array | Int32Array;
  return { shape: [...tensor.shape], dtype: tensor.dtype as SavedTensor['dtype'], data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') };
}

function load(saved: SavedTensor, where: string): tf.Tensor {
  const bytes = Buffer.from(saved.data, 'base64');
  const size = saved.shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== size * 4) throw new MixzooError('E_OPTION', `${where}: a tensor of shape [${saved.shape.join(', ')}] needs ${size * 4} bytes, got ${bytes.byteLength}.`);
  const copy = new Uint8Array(bytes).buffer;
  return tf.tensor(saved.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy), saved.shape, saved.dtype);
}

/** The checkpoint of a model after `epochs` (its weights and optimizer state are read, not changed). */
export async function captureCheckpoint(model: LayersModel, epochs: readonly EpochRecord[]): Promise<RunCheckpoint> {
  const optimizer = model.optimizer as tf.Optimizer & AdamPowers;
  const [iterations, ...moments] = await optimizer.getWeights();
  const state = [save(iterations.tensor), ...moments.map((m) => save(m.tensor))];
  iterations.tensor.dispose(); // a fresh scalar; the moments are the optimizer's own variables
  for (const power of [optimizer.accBeta1, optimizer.accBeta2]) if (power) state.push(save(power));
  return { epochs: [...epochs], weights: model.getWeights().map(save), optimizer: state };
}

/** Puts a checkpoint's weights and optimizer state into a freshly created model of the same run; E_OPTION when it does not fit. */
export async function restoreCheckpoint(model: LayersModel, checkpoint: RunCheckpoint, where: string): Promise<void> {
  const current = model.getWeights();
  // It came through a queue as JSON: checked, not trusted.
  const given = checkpoint as { weights?: Partial<SavedTensor>[]; optimizer?: unknown; epochs?: unknown } | undefined;
  const fits = Array.isArray(given?.weights) && given.weights.length === current.length && given.weights.every((w, i) => w.shape?.join() === current[i].shape.join());
  if (!fits || !Array.isArray(given.optimizer) || !Array.isArray(given.epochs)) {
    throw new MixzooError('E_OPTION', `${where}: the checkpoint does not fit this run's model (${describeValue(given?.weights?.length)} weights for ${current.length}).`);
  }
  const weights = checkpoint.weights.map((w) => load(w, where));
  model.setWeights(weights);
  tf.dispose(weights);
  const optimizer = model.optimizer as tf.Optimizer & AdamPowers;
  const powers = [optimizer.accBeta1, optimizer.accBeta2].filter((p): p is tf.Variable => p !== undefined);
  const state = checkpoint.optimizer.map((t) => load(t, where));
  const named = state.slice(0, state.length - powers.length);
  // setWeights keeps the moment tensors as its variables' initial values (copies): dispose ours after.
  await optimizer.setWeights(named.map((tensor, i) => ({ name: i === 0 ? 'iter' : `moment${i}`, tensor })));
  powers.forEach((power, i) => power.assign(state[named.length + i]));
  tf.dispose(state);
}

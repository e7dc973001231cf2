import * as tf from '@tensorflow/tfjs-core';
import { describeValue, isObject, MixzooError } from '@mixzoo/core';

/**
 * The optimizer of a run, as a study names it:
 * - `adam`: tfjs's Adam (β1 0.9, β2 0.999, ε = the backend's epsilon, 1e-7 on cpu and wasm);
 *   `weightDecay` adds the L2 gradient `wd·θ` (coupled, as torch.optim.Adam).
 * - `adamw`: Adam with decoupled weight decay (Loshchilov & Hutter, ICLR 2019; torch.optim.AdamW):
 *   each step first shrinks the weights, `θ ← θ·(1 − lr·wd)`, then takes Adam's step on the
 *   gradient alone. Default wd 0.01 (torch's).
 * - `sgd`: torch.optim.SGD: `g ← g + wd·θ`; with momentum μ > 0 `b ← μ·b + g` (b starts at 0, so the
 *   first b is g), step `g + μ·b` with `nesterov`, else `b`; `θ ← θ − lr·step`.
 * The learning rate comes from the schedule at every step.
 */
export type OptimizerSpec = 'adam' | 'adamw' | 'sgd' | { name: 'adam' | 'adamw' | 'sgd'; momentum?: number; nesterov?: boolean; weightDecay?: number };

/** An optimizer with its defaults filled: what a run records. Momentum and nesterov only for sgd. */
export type OptimizerSettings = { name: 'adam' | 'adamw'; weightDecay: number } | { name: 'sgd'; momentum: number; nesterov: boolean; weightDecay: number };

export const OPTIMIZER_NAMES = ['adam', 'adamw', 'sgd'] as const;

/** The optimizer with its defaults filled (sgd: momentum 0.9, nesterov false; weight decay 0, adamw 0.01); E_OPTION naming `where` otherwise. */
export function resolveOptimizer(spec: unknown, where: string): OptimizerSettings {
  const bad = (what: string, got: unknown) => new MixzooError('E_OPTION', `${where}: ${what}, got ${describeValue(got)}.`);
  const given = (typeof spec === 'string' ? { name: spec } : spec) as Record<string, unknown> | null | undefined;
  if (!isObject(given) || !(OPTIMIZER_NAMES as readonly unknown[]).includes(given.name)) throw bad(`'optimizer' must be one of ${OPTIMIZER_NAMES.join(', ')} or { name, momentum, nesterov, weightDecay }`, spec);
  const name = given.name as OptimizerSettings['name'];
  const allowed = name === 'sgd' ? ['name', 'momentum', 'nesterov', 'weightDecay'] : ['name', 'weightDecay'];
  const extra = Object.keys(given).find((k) => !allowed.includes(k));
  if (extra !== undefined) throw bad(`optimizer '${name}' takes ${allowed.slice(1).join(', ')}, not '${extra}'`, spec);
  const weightDecay = given.weightDecay ?? (name === 'adamw' ? 0.01 : 0);
  if (typeof weightDecay !== 'number' || !(weightDecay >= 0 && Number.isFinite(weightDecay))) throw bad(`optimizer option 'weightDecay' must be a finite number >= 0`, weightDecay);
  if (name !== 'sgd') return { name, weightDecay };
  const momentum = given.momentum ?? 0.9;
  const nesterov = given.nesterov ?? false;
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum < 1)) throw bad(`optimizer option 'momentum' must be a number in [0, 1)`, momentum);
  if (typeof nesterov !== 'boolean') throw bad(`optimizer option 'nesterov' must be true or false`, nesterov);
  if (nesterov && momentum === 0) throw bad(`optimizer option 'nesterov' needs a momentum > 0`, spec);
  return { name, momentum, nesterov, weightDecay };
}

/** A named tensor as tfjs optimizers' getWeights / setWeights pass them. */
type NamedTensor = { name: string; tensor: tf.Tensor };

const BETA1 = 0.9;
const BETA2 = 0.999;

/**
 * Adam, AdamW and SGD (momentum, Nesterov) with a learning rate per step. Like tfjs's optimizers
 * it keeps one slot per variable in the order the gradients come (minimize with a fixed varList),
 * and its getWeights / setWeights are [iterations, ...slots] (Adam: all first moments, then all
 * second moments; SGD with momentum: the buffers), with Adam's running powers of β1, β2 in
 * `accBeta1`, `accBeta2` — the layout the lab's checkpoints save. Adam's arithmetic is tfjs's,
 * op for op, so the default recipe trains as tf.train.adam does.
 */
export class LabOptimizer extends tf.Optimizer {
  static get className(): string {
    return 'LabOptimizer';
  }

  readonly accBeta1?: tf.Variable;
  readonly accBeta2?: tf.Variable;
  private slots: tf.Variable[][] = [];
  private readonly epsilon = tf.backend().epsilon();

  /**
   * @param settings the optimizer (resolveOptimizer)
   * @param learningRate the rate of step t (0-based), e.g. from learningRateAt
   * @param decays which variables get weight decay (default all; the lab decays kernels only)
   */
  constructor(
    readonly settings: OptimizerSettings,
    private readonly learningRate: (step: number) => number,
    private readonly decays: (variable: tf.Variable) => boolean = () => true,
  ) {
    super();
    if (settings.name !== 'sgd') {
      this.accBeta1 = tf.tidy(() => tf.variable(tf.scalar(BETA1), false));
      this.accBeta2 = tf.tidy(() => tf.variable(tf.scalar(BETA2), false));
    }
  }

  /** Slots per variable: Adam 2 (m, v), SGD with momentum 1, plain SGD 0. */
  private get slotCount(): number {
    const s = this.settings;
    return s.name === 'sgd' ? (s.momentum > 0 ? 1 : 0) : 2;
  }

  override applyGradients(gradients: tf.NamedTensorMap | NamedTensor[]): void {
    const list = Array.isArray(gradients) ? gradients : Object.entries(gradients).map(([name, tensor]) => ({ name, tensor }));
    const lr = this.learningRate(this.iterations);
    tf.tidy(() => {
      list.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name];
        this.slots[i] ??= Array.from({ length: this.slotCount }, () => tf.tidy(() => tf.variable(tf.zerosLike(value), false)));
        if ((gradient as tf.Tensor | undefined) === undefined) return; // a variable the loss does not reach
        const wd = this.decays(value) ? this.settings.weightDecay : 0;
        if (this.settings.name === 'sgd') this.sgdStep(value, gradient, this.slots[i], lr, wd);
        else this.adamStep(value, gradient, this.slots[i], lr, wd);
      });
      if (this.accBeta1 && this.accBeta2) {
        this.accBeta1.assign(tf.mul(this.accBeta1, BETA1));
        this.accBeta2.assign(tf.mul(this.accBeta2, BETA2));
      }
    });
    this.incrementIterations();
  }

  private sgdStep(value: tf.Variable, gradient: tf.Tensor, [buffer]: tf.Variable[], lr: number, wd: number): void {
    const { momentum, nesterov } = this.settings as Extract<OptimizerSettings, { name: 'sgd' }>;
    const g = wd > 0 ? tf.add(gradient, tf.mul(value, wd)) : gradient;
    let step = g;
    if (momentum > 0) {
      const b = tf.add(tf.mul(buffer, momentum), g); // the zero buffer makes the first b = g
      buffer.assign(b);
      step = nesterov ? tf.add(g, tf.mul(b, momentum)) : b;
    }
    value.assign(tf.sub(value, tf.mul(step, lr)));
  }

  private adamStep(value: tf.Variable, gradient: tf.Tensor, [m, v]: tf.Variable[], lr: number, wd: number): void {
    const decoupled = this.settings.name === 'adamw';
    const g = wd > 0 && !decoupled ? tf.add(gradient, tf.mul(value, wd)) : gradient;
    const start = wd > 0 && decoupled ? tf.mul(value, 1 - lr * wd) : value;
    // tfjs AdamOptimizer.applyGradients, op for op.
    const accBeta1 = this.accBeta1 as tf.Variable;
    const accBeta2 = this.accBeta2 as tf.Variable;
    const newM = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
    const newV = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
    const mHat = tf.div(newM, tf.sub(1, accBeta1));
    const vHat = tf.div(newV, tf.sub(1, accBeta2));
    m.assign(newM);
    v.assign(newV);
    value.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)), -lr), start));
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const k = this.slotCount;
    const columns = Array.from({ length: k }, (_, j) => this.slots.map((s, i) => ({ name: `slot${j}/${i}`, tensor: s[j] })));
    return [await this.saveIterations(), ...columns.flat()];
  }

  override async setWeights(weights: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weights);
    const k = this.slotCount;
    const n = k === 0 ? 0 : rest.length / k;
    if (!Number.isInteger(n)) throw new MixzooError('E_OPTION', `LabOptimizer.setWeights: ${rest.length} slot tensors do not split into ${k} per variable.`);
    tf.dispose(this.slots.flat());
    this.slots = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => tf.variable(rest[j * n + i].tensor, false)));
    if (this.accBeta1 && this.accBeta2) {
      const t = this.iterations + 1;
      tf.tidy(() => {
        this.accBeta1?.assign(tf.pow(BETA1, t));
        this.accBeta2?.assign(tf.pow(BETA2, t));
      });
    }
  }

  override dispose(): void {
    super.dispose();
    tf.dispose([...this.slots.flat(), ...(this.accBeta1 ? [this.accBeta1] : []), ...(this.accBeta2 ? [this.accBeta2] : [])]);
    this.slots = [];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.settings };
  }
}

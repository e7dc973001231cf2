import { describeValue, MixzooError } from '@mixzoo/core';
import { resolveLoss, type LossSpec, type RowLoss } from './loss-spec.js';
import { resolveLrSchedule, type LrSchedule, type LrScheduleSpec } from './lr-schedule.js';
import { resolveOptimizer, type OptimizerSettings, type OptimizerSpec } from './optimizer.js';

/** The optimization recipe as a study or a run names it; every field optional. */
export interface RecipeSpec {
  /** Default 'adam'. */
  optimizer?: OptimizerSpec;
  /** Default 'constant'. */
  lrSchedule?: LrScheduleSpec;
  /** Label smoothing ε of every row's targets, `y·(1 − ε) + ε/C` (timm's mixup_target); default 0. */
  labelSmoothing?: number;
  /** The row's loss; default 'ce'. */
  loss?: LossSpec;
}

/** The recipe with every default filled. */
export interface Recipe {
  optimizer: OptimizerSettings;
  lrSchedule: LrSchedule;
  labelSmoothing: number;
  loss: RowLoss;
}

/** The recipe with its defaults filled; E_OPTION naming `where` and the field. */
export function resolveRecipe(spec: RecipeSpec, where: string): Recipe {
  const labelSmoothing = spec.labelSmoothing ?? 0;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing < 1)) {
    throw new MixzooError('E_OPTION', `${where}: 'labelSmoothing' must be a number in [0, 1), got ${describeValue(labelSmoothing)}.`);
  }
  return {
    optimizer: resolveOptimizer(spec.optimizer ?? 'adam', where),
    lrSchedule: resolveLrSchedule(spec.lrSchedule ?? 'constant', where),
    labelSmoothing,
    loss: resolveLoss(spec.loss ?? 'ce', where),
  };
}

/** E_OPTION when the row's loss cannot train with its strategy: regmixup needs input mixing (not 'none', not a hidden-layer mixer). */
export function checkLossFits(loss: RowLoss, strategy: string, mixesInputs: boolean, where: string): void {
  if (loss.name === 'regmixup' && !mixesInputs) {
    throw new MixzooError('E_OPTION', `${where}: loss 'regmixup' needs a strategy that mixes the inputs (its clean and mixed batches go through one forward), got '${strategy}'.`);
  }
}

import { strategyLabel } from '../study/labels.js';
import { lossText } from '../train/loss-spec.js';
import { resolveRecipe } from '../train/recipe.js';
import { DEFAULT_LEARNING_RATE } from '../models/create.js';
import type { StudyConfig } from '../types.js';

/** 'sgd(momentum=0.9,nesterov=true,weightDecay=0)': a resolved setting as the report shows it. */
const settingText = ({ name, ...options }: { name: string }) => {
  const entries = Object.entries(options);
  return entries.length === 0 ? name : `${name}(${entries.map(([k, v]) => `${k}=${String(v)}`).join(',')})`;
};

/** The study's training recipe as rows (setting, value), defaults filled: optimizer, base rate, schedule (per step), label smoothing, each row's loss. */
export function trainingRecipeRows(config: StudyConfig): [string, string][] {
  const recipe = resolveRecipe(config, 'report');
  const losses = config.strategies.map((row) => `${strategyLabel(row)}: ${lossText(resolveRecipe({ loss: row.loss }, 'report').loss)}`);
  return [
    ['optimizer', settingText(recipe.optimizer)],
    ['learning rate', String(config.learningRate ?? DEFAULT_LEARNING_RATE)],
    ['schedule', `${settingText(recipe.lrSchedule)}, per step`],
    ['label smoothing', String(recipe.labelSmoothing)],
    ['loss', losses.join('; ')],
  ];
}

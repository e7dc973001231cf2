import type { RunResult, StudyStrategy } from '../types.js';

/** The row a study strategy fills: its label, else its name. */
export const strategyLabel = (strategy: StudyStrategy): string => strategy.label ?? strategy.name;

/** The row a run belongs to: its label, else its strategy (runs of unlabelled rows record no label). */
export const runLabel = (run: Pick<RunResult, 'label' | 'strategy'>): string => run.label ?? run.strategy;

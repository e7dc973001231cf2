import { z } from 'zod';
import type { OpName, OpStep } from './catalog.js';

/** The values an op of an augmentation can take: [min, max], integers only where `int`. */
export interface Bounds {
  min: number;
  max: number;
  int?: boolean;
}

/** Schema of one plan step `{ op, value }`: the op one of the augmentation's, its value within the op's bounds. */
export function stepSchema(bounds: Partial<Record<OpName, Bounds>>): z.ZodType<OpStep> {
  const names = Object.keys(bounds) as [OpName, ...OpName[]];
  return z.strictObject({ op: z.enum(names), value: z.number() }).superRefine((step, issues) => {
    const b = bounds[step.op];
    if (!b || (step.value >= b.min && step.value <= b.max && (!b.int || Number.isInteger(step.value)))) return;
    issues.addIssue({ code: 'custom', path: ['value'], message: `'${step.op}' takes ${b.int ? 'an integer' : 'a number'} in [${b.min}, ${b.max}]` });
  });
}

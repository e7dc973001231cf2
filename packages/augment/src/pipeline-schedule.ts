import { describeValue, MixzooError, scheduledMixers, type Mixer, type ScheduledMixers, type Seed, type Zoo } from '@mixzoo/core';
import type { PipelinePlan } from './pipeline.js';

/** A pipeline's per-epoch mixers, and the mixer a logged plan was drawn with. */
export interface EpochMixers extends ScheduledMixers {
  /**
   * The mixer of the plan's epoch, once the plan's `mixing` is checked to be what this schedule
   * says for that epoch (E_PLAN otherwise: the plan came from another schedule).
   */
  replayMixer(plan: PipelinePlan): Mixer | undefined;
}

/** The per-epoch mixers of a pipeline's `schedule`, or undefined without one (E_OPTION: a schedule without a mix, or what scheduledMixers refuses). */
export function epochMixers(
  zoo: Pick<Zoo, 'create'>, where: string, mix: { name: string; options?: Record<string, unknown> } | undefined, schedule: unknown, seed: Seed,
): EpochMixers | undefined {
  if (schedule === undefined) return undefined;
  if (!mix) throw new MixzooError('E_OPTION', `${where}: option 'schedule' schedules the mix, but the pipeline has no 'mix'; add one, e.g. mix: 'mixup'.`);
  const scheduled = scheduledMixers(zoo, where, mix.name, mix.options ?? {}, schedule, seed);
  return {
    ...scheduled,
    replayMixer(plan) {
      const { epoch } = plan;
      if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0) {
        throw new MixzooError('E_PLAN', `${where}.replay: 'plan.epoch' must be the epoch the plan was drawn in (an integer >= 0; plans of a scheduled pipeline carry it), got ${describeValue(epoch)}.`);
      }
      const expected = JSON.stringify(scheduled.at(epoch));
      const got = plan.mixing === undefined ? 'absent' : JSON.stringify(plan.mixing);
      if (got !== expected) {
        throw new MixzooError('E_PLAN', `${where}.replay: 'plan.mixing' is ${got}, but this pipeline's schedule says ${expected} at epoch ${epoch}: the plan was drawn with another schedule.`);
      }
      return scheduled.mixerAt(epoch);
    },
  };
}

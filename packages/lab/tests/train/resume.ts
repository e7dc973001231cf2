import { tf, type Zoo } from 'mixzoo';
import { expect } from 'vitest';
import { trainRun, type RunCheckpoint, type TrainRunOptions } from '@mixzoo/lab';

/**
 * Trains the run whole, then again stopped after `stopAfter` epochs (its checkpoint through JSON,
 * as through a queue) and resumed; the resumed run leaves no tensors behind.
 */
export async function wholeAndResumed(zoo: Zoo, options: Omit<TrainRunOptions, 'zoo'>, stopAfter = 1) {
  const whole = await trainRun({ zoo, ...options });
  let checkpoint: RunCheckpoint | undefined;
  await trainRun({
    zoo,
    ...options,
    onCheckpoint: (c) => {
      if (c.epochs.length !== stopAfter) return;
      checkpoint = JSON.parse(JSON.stringify(c)) as RunCheckpoint;
      throw new Error('worker killed'); // the run dies right after its checkpoint
    },
  }).catch((error: unknown) => expect((error as Error).message).toBe('worker killed'));
  const before = tf.memory().numTensors;
  const resumed = await trainRun({ zoo, ...options, resumeFrom: checkpoint });
  expect(tf.memory().numTensors).toBe(before);
  return { whole, resumed };
}

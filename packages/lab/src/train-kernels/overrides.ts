// tfjs-layers registers tfjs-core's built-in gradients on import: it must load before we replace one.
import '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';

/** The gradient registered for `kernelName`: tfjs types getGradient() as always finding one, it returns undefined for none. */
export const findGradient = (kernelName: string): tf.GradConfig | undefined => tf.getGradient(kernelName);

/** The built-in gradient of each kernel whose gradient we replaced, to call or put back. */
const builtins = new Map<string, tf.GradConfig>();

/** The gradient tfjs registered for `kernelName` before any replacement. */
export function builtinGradient(kernelName: string): tf.GradConfig {
  return builtins.get(kernelName) ?? tf.getGradient(kernelName);
}

/** Registers `config` in place of the current gradient of its kernel, keeping the built-in one. */
export function replaceGradient(config: tf.GradConfig): void {
  if (!builtins.has(config.kernelName)) builtins.set(config.kernelName, tf.getGradient(config.kernelName));
  tf.registerGradient(config);
}

/** Puts the built-in gradient of `kernelName` back (no-op when it was not replaced). */
export function restoreGradient(kernelName: string): void {
  const builtin = builtins.get(kernelName);
  if (!builtin) return;
  tf.registerGradient(builtin);
  builtins.delete(kernelName);
}

/** Whether the gradient of `kernelName` is replaced. */
export function gradientReplaced(kernelName: string): boolean {
  return builtins.has(kernelName);
}

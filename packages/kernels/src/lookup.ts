import { getKernel, type KernelConfig } from '@tensorflow/tfjs-core';

/** The kernel `kernelName` of `backendName`: tfjs types getKernel() as always finding one, it returns undefined for none. */
export const findKernel = (kernelName: string, backendName: string): KernelConfig | undefined => getKernel(kernelName, backendName);

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describeValue, MixzooError } from './errors.js';

export const BACKENDS = ['auto', 'cpu', 'wasm', 'tensorflow'] as const;
export type BackendRequest = (typeof BACKENDS)[number];

/**
 * The TensorFlow C library bindings are never a dependency (their install downloads libtensorflow):
 * users who installed one get it picked up here. A variable keeps tsc from resolving the names.
 */
const TENSORFLOW_BINDINGS: string[] = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

async function loadTensorflowBinding(): Promise<string | undefined> {
  for (const spec of TENSORFLOW_BINDINGS) {
    try {
      await import(spec);
      return spec;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

async function trySet(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Activates a tfjs backend and returns its name. 'auto': 'tensorflow' when
 * @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node is installed, else 'wasm', else 'cpu'.
 */
export async function selectBackend(request: BackendRequest = 'auto'): Promise<string> {
  if (!BACKENDS.includes(request)) {
    throw new MixzooError('E_BACKEND', `backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}, got ${describeValue(request)}.`);
  }
  if (request === 'tensorflow' || request === 'auto') {
    const binding = await loadTensorflowBinding();
    if (binding && (await trySet('tensorflow'))) return 'tensorflow';
    if (request === 'tensorflow') {
      throw new MixzooError(
        'E_BACKEND',
        `backend 'tensorflow' needs @tensorflow/tfjs-node-gpu (CUDA) or @tensorflow/tfjs-node: install one next to mixzoo (npm install @tensorflow/tfjs-node-gpu@4.22.0), or use 'wasm' / 'cpu'.`,
      );
    }
  }
  if (request === 'wasm' || request === 'auto') {
    if (await trySet('wasm')) return 'wasm';
    if (request === 'wasm') throw new MixzooError('E_BACKEND', `backend 'wasm' failed to initialise; use 'cpu'.`);
  }
  if (await trySet('cpu')) return 'cpu';
  throw new MixzooError('E_BACKEND', `backend 'cpu' failed to initialise.`);
}

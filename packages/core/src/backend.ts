import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describeValue, MixzooError } from './errors.js';

export const BACKENDS = ['auto', 'current', 'cpu', 'wasm', 'tensorflow', 'webgl', 'webgpu'] as const;
export type BackendRequest = (typeof BACKENDS)[number];

/** The order 'auto' tries when no backend is active yet. */
export const AUTO_ORDER = {
  node: ['tensorflow', 'wasm', 'cpu'],
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
} as const satisfies Record<string, readonly Exclude<BackendRequest, 'auto' | 'current'>[]>;

/**
 * The TensorFlow C library bindings are never a dependency (their install downloads libtensorflow):
 * users who installed one get it picked up here. A variable keeps tsc and bundlers from resolving the names.
 */
const TENSORFLOW_BINDINGS: string[] = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

/** The GPU backends are separate packages; the browser entry of `mixzoo` imports (registers) both. */
const GPU_PACKAGES: Record<string, string> = { webgl: '@tensorflow/tfjs-backend-webgl', webgpu: '@tensorflow/tfjs-backend-webgpu' };

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

/** True in a page or a web worker (tfjs's own test, so it agrees with which backends tfjs registers). */
export function isBrowser(): boolean {
  return tf.env().getBool('IS_BROWSER');
}

/**
 * The backend already active (set with tf.setBackend, by tf.ready(), by creating a tensor, or by an
 * earlier createZoo), once a pending initialisation settled; undefined while none is. A backend
 * whose initialisation failed is not active (tfjs keeps its name but no instance of it).
 */
async function activeBackend(): Promise<string | undefined> {
  const engine = tf.engine();
  // tfjs-core 4.22 keeps an un-awaited tf.setBackend's initialisation here (not in its typings).
  await (engine as unknown as { pendingBackendInit?: Promise<unknown> | null }).pendingBackendInit;
  // Both are typed as always set; neither is before a backend started.
  const name = engine.backendName as string | undefined;
  const registry: Partial<Record<string, tf.KernelBackend>> = engine.registry;
  return name !== undefined && registry[name] != null ? name : undefined;
}

async function trySet(name: string): Promise<boolean> {
  if (!tf.engine().backendNames().includes(name)) return false;
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** What a GPU backend lacks in this environment, read without starting it (so no tfjs warning); undefined when nothing obvious is missing. */
async function gpuMissing(name: 'webgl' | 'webgpu'): Promise<string | undefined> {
  if (!isBrowser()) return "it runs only in a browser (a page or a web worker); in Node use 'tensorflow' (tfjs-node on the GPU), 'wasm' or 'cpu'";
  if (!tf.engine().backendNames().includes(name)) {
    return `it is not registered: import '${GPU_PACKAGES[name]}' (4.22.0) before createZoo, or import mixzoo through its browser entry, which does`;
  }
  if (name === 'webgpu') {
    const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
    if (gpu == null) return 'navigator.gpu is missing: this browser (or this insecure http:// page) has no WebGPU';
    if ((await gpu.requestAdapter().catch(() => null)) == null) {
      return "navigator.gpu.requestAdapter() found no adapter (no usable GPU, or WebGPU is disabled; headless Chromium on Linux needs --enable-unsafe-webgpu --enable-features=Vulkan)";
    }
  }
  return undefined;
}

/** Starts backend `name`, asked for by name: an E_BACKEND error naming what is missing when it cannot. */
async function startNamed(name: Exclude<BackendRequest, 'auto' | 'current'>): Promise<string> {
  if (name === 'tensorflow') {
    if ((await loadTensorflowBinding()) && (await trySet('tensorflow'))) return name;
    throw new MixzooError(
      'E_BACKEND',
      `backend 'tensorflow' needs @tensorflow/tfjs-node-gpu (CUDA) or @tensorflow/tfjs-node: install one next to mixzoo (npm install @tensorflow/tfjs-node-gpu@4.22.0), or use 'wasm' / 'cpu'.`,
    );
  }
  if (name === 'webgl' || name === 'webgpu') {
    const missing = await gpuMissing(name);
    if (missing !== undefined) throw new MixzooError('E_BACKEND', `backend '${name}' cannot start: ${missing}.`);
  }
  if (await trySet(name)) return name;
  const hint = {
    cpu: '',
    wasm: " (in a browser the .wasm files must be served: call setWasmPaths from '@tensorflow/tfjs-backend-wasm', see docs/browser.md); use 'cpu'",
    webgl: ': no WebGL context could be created (WebGL disabled, or no GPU and no software renderer); use \'wasm\'',
    webgpu: ": the adapter refused a device; use 'webgl' or 'wasm'",
  }[name];
  throw new MixzooError('E_BACKEND', `backend '${name}' failed to initialise${hint}.`);
}

/**
 * Activates a tfjs backend and returns its name.
 *
 * - A name ('cpu', 'wasm', 'tensorflow', 'webgl', 'webgpu') starts that backend, or throws
 *   E_BACKEND saying what is missing: never a silent fallback to another one.
 * - 'current' keeps the active backend; when none is active yet, tfjs picks its own
 *   (the registered backend of highest priority, as `tf.ready()` does).
 * - 'auto' never switches a backend that is already active, whoever activated it (`tf.setBackend`,
 *   `tf.ready()`, creating a tensor, an earlier createZoo). Only when none is active does it choose,
 *   the first that starts of: in Node 'tensorflow' (when @tensorflow/tfjs-node-gpu or
 *   @tensorflow/tfjs-node is installed), 'wasm', 'cpu'; in a browser 'webgpu', 'webgl', 'wasm', 'cpu'
 *   (among the registered ones).
 */
export async function selectBackend(request: BackendRequest = 'auto'): Promise<string> {
  if (!BACKENDS.includes(request)) {
    throw new MixzooError('E_BACKEND', `backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}, got ${describeValue(request)}.`);
  }
  if (request === 'current' || request === 'auto') {
    const active = await activeBackend();
    if (active !== undefined) return active;
    if (request === 'current') {
      await tf.ready();
      return tf.getBackend();
    }
    const order = AUTO_ORDER[isBrowser() ? 'browser' : 'node'];
    for (const name of order) {
      if (name === 'tensorflow' && (await loadTensorflowBinding()) === undefined) continue;
      // Skip a GPU backend that visibly cannot start, without tfjs's failed-initialisation warnings.
      if ((name === 'webgl' || name === 'webgpu') && (await gpuMissing(name)) !== undefined) continue;
      if (await trySet(name)) return name;
    }
    throw new MixzooError('E_BACKEND', `backend 'auto': none of ${order.map((b) => `'${b}'`).join(', ')} could start.`);
  }
  return startNamed(request);
}


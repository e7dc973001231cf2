import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, MixzooError, selectBackend } from '@mixzoo/core';

/** The engine as a fresh process has it: backends registered, none active. */
function noBackendActive(): void {
  tf.engine().reset();
  expect(tf.engine().backendName).toBeNull();
}

async function expectBackendError(request: unknown, message: RegExp): Promise<void> {
  const error = await selectBackend(request as 'auto').then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MixzooError);
  expect((error as MixzooError).code).toBe('E_BACKEND');
  expect((error as MixzooError).message).toMatch(message);
}

afterEach(() => tf.setBackend('cpu'));

describe('selectBackend', () => {
  it("'auto' with no backend active picks wasm in Node (no tfjs-node installed)", async () => {
    noBackendActive();
    expect(await selectBackend('auto')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it("'auto' never switches a backend the user set with tf.setBackend", async () => {
    noBackendActive();
    expect(await tf.setBackend('cpu')).toBe(true);
    expect(await selectBackend('auto')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it("'auto' waits for a tf.setBackend the user did not await, and keeps it", async () => {
    noBackendActive();
    void tf.setBackend('wasm');
    expect(await selectBackend()).toBe('wasm');
  });

  it("'auto' keeps a backend tfjs activated itself (tf.ready) and one an earlier selection made", async () => {
    noBackendActive();
    await tf.ready();
    const chosen = tf.getBackend();
    expect(await selectBackend('auto')).toBe(chosen);
    expect(await selectBackend('cpu')).toBe('cpu');
    expect(await selectBackend('auto')).toBe('cpu');
  });

  it("'auto' chooses again when the backend the user set failed to start", async () => {
    noBackendActive();
    if (!tf.engine().backendNames().includes('broken-for-test')) {
      tf.registerBackend('broken-for-test', () => { throw new Error('no device'); }, -1);
    }
    const warn = console.warn;
    console.warn = () => {}; // tfjs logs the failed initialisation
    try {
      expect(await tf.setBackend('broken-for-test')).toBe(false);
    } finally {
      console.warn = warn;
    }
    expect(await selectBackend('auto')).toBe('wasm');
  });

  it("'current' keeps the active backend, or lets tfjs pick when none is", async () => {
    await tf.setBackend('cpu');
    expect(await selectBackend('current')).toBe('cpu');
    noBackendActive();
    expect(await selectBackend('current')).toBe(tf.getBackend());
    tf.registerBackend('cpu-for-current-test', () => new MathBackendCPU(), -1);
    await tf.setBackend('cpu-for-current-test');
    expect(await selectBackend('current')).toBe('cpu-for-current-test');
    tf.removeBackend('cpu-for-current-test');
  });

  it('a backend asked for by name starts, even over an active one', async () => {
    await tf.setBackend('cpu');
    expect(await selectBackend('wasm')).toBe('wasm');
    expect(await selectBackend('cpu')).toBe('cpu');
  });

  it('webgl and webgpu in Node: E_BACKEND saying why, and the active backend is left alone', async () => {
    await tf.setBackend('cpu');
    for (const name of ['webgl', 'webgpu']) {
      await expectBackendError(name, new RegExp(`^backend '${name}' cannot start: it runs only in a browser .*'wasm' or 'cpu'\\.$`));
      expect(tf.getBackend()).toBe('cpu');
    }
  });

  it("'tensorflow' without tfjs-node: E_BACKEND naming the packages to install", async () => {
    await expectBackendError('tensorflow', /@tensorflow\/tfjs-node-gpu .*npm install/);
  });

  it('an unknown name: E_BACKEND listing every accepted value', async () => {
    expect(BACKENDS).toEqual(['auto', 'current', 'cpu', 'wasm', 'tensorflow', 'webgl', 'webgpu']);
    await expectBackendError('webgl2', /^backend must be one of 'auto', 'current', 'cpu', 'wasm', 'tensorflow', 'webgl', 'webgpu', got 'webgl2'\.$/);
  });
});

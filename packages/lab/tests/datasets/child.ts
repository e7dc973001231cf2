import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./fixtures/load-dataset.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** What fixtures/load-dataset.mjs printed. */
export interface ChildReport {
  status: string;
  streamed: boolean;
  shape: number[];
  train: number;
  test: number;
  digest?: string;
  peakArrayBuffers?: number;
  accuracy?: number;
  tensors?: number;
}

/**
 * Loads `spec` in a child node process (the BUILT lab) with `options` (and `nodeFlags`), and
 * returns its report. With `options.barrier` (a file path), the child prints 'ready' (then
 * `onReady` is called) and waits for that file before loading.
 */
export function loadInChild(spec: string, options: Record<string, unknown>, nodeFlags: string[] = [], onReady?: () => void): Promise<ChildReport> {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: build first with 'npx tsc -b'.`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, SCRIPT, spec, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (onReady && stdout.startsWith('ready\n')) {
        onReady();
        onReady = undefined;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`child exited with ${String(code)}: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildReport);
    });
  });
}

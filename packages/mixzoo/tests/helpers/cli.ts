import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The BUILT command line (the root `npm test` runs `tsc -b` first). */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
export const START = fileURLToPath(new URL('../../dist/start.js', import.meta.url));
/** packages/mixzoo */
export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` and collects its output. */
export function runNode(script: string, args: readonly string[], options: { cwd?: string } = {}): Promise<Run> {
  if (!existsSync(script)) throw new Error(`${script} is missing: build first with 'npx tsc -b'.`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd ?? PACKAGE_DIR, env: { ...process.env, MIXZOO_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `mixzoo ...args` on the cpu backend unless the args choose one. */
export function mixzoo(args: readonly string[], options: { cwd?: string } = {}): Promise<Run> {
  return runNode(CLI, args.includes('--backend') ? args : ['--backend', 'cpu', ...args], options);
}

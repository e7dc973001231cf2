import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { usageError } from './usage-error.js';

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/**
 * E_USAGE (before anything is written) unless `out` can become a writable folder: not empty, not
 * a file, not below a file, and the folder (or its nearest existing ancestor) writable.
 */
export function checkOutDir(out: string, flag = '--out'): void {
  if (out.trim() === '') throw usageError(`${flag}: expected a folder, got an empty path (use '.' for the current folder).`);
  let path = resolve(out);
  let info = statOf(path);
  while (!info && dirname(path) !== path) {
    path = dirname(path);
    info = statOf(path);
  }
  if (info && !info.isDirectory()) {
    throw usageError(path === resolve(out) ? `${flag}: '${out}' is a file, expected a folder.` : `${flag}: cannot create '${out}': '${path}' is a file.`);
  }
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw usageError(`${flag}: '${path}' is not writable${path === resolve(out) ? '' : ` (cannot create '${out}' in it)`}.`);
  }
}

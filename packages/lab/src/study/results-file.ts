import { readFile, rename, writeFile } from 'node:fs/promises';
import { MixzooError } from '@mixzoo/core';
import type { RunResult } from '../types.js';

/** The finished runs stored in a results.json, or [] when there is no such file. */
export async function readResults(file: string): Promise<RunResult[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MixzooError('E_USAGE', `${file}: expected a JSON array of runs, but it does not parse (${(error as Error).message}). Move it away to start over.`);
  }
  if (!Array.isArray(value) || value.some((r) => typeof r?.id !== 'string' || !Array.isArray(r?.epochs))) {
    throw new MixzooError('E_USAGE', `${file}: expected a JSON array of runs ({ id, epochs, ... }); move it away to start over.`);
  }
  return value as RunResult[];
}

/** Writes results.json whole, through a temporary file: an interrupted write never leaves half a file. */
export async function writeResults(file: string, results: readonly RunResult[]): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(results, null, 1)}\n`);
  await rename(partial, file);
}

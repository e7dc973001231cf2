import { readFile, rename, writeFile } from 'node:fs/promises';
import { isObject, MixzooError } from '@mixzoo/core';
import { dataRecord, migrateTrainingRecord, RUN_FORMAT_VERSION, trainingRecord } from '../train/record.js';
import type { Dataset, RunResult, StudyConfig } from '../types.js';
import { formatVersionOf, parseStoredJson } from './format-version.js';

/**
 * The finished runs stored in a results.json, or [] when there is no such file. E_USAGE naming the
 * file when it does not parse or holds something else, and naming the run for a record of a newer
 * format; format-1 records come back as stored (see migrateRun).
 */
export async function readResults(file: string): Promise<RunResult[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const value = parseStoredJson(text, file, 'a JSON array of runs');
  if (!Array.isArray(value) || value.some((r: unknown) => !isObject(r) || typeof (r as { id?: unknown }).id !== 'string' || !Array.isArray((r as { epochs?: unknown }).epochs))) {
    throw new MixzooError('E_USAGE', `${file}: expected a JSON array of runs ({ id, epochs, ... }); move it away to start over.`);
  }
  for (const run of value as RunResult[]) formatVersionOf(run, RUN_FORMAT_VERSION, `${file}: run '${run.id}'`);
  return value as RunResult[];
}

/**
 * A stored run in the current format. A format-1 record lacks its training and data settings:
 * they are taken from the folder's study.json (`study`, already checked equal to this study's
 * setup, so `dataset` is the data it ran on); without one the record cannot be checked: E_USAGE.
 */
export function migrateRun(run: RunResult, study: StudyConfig | undefined, dataset: Dataset, file: string): RunResult {
  const version = formatVersionOf(run, RUN_FORMAT_VERSION, `${file}: run '${run.id}'`);
  if (version === RUN_FORMAT_VERSION) return run;
  if (version >= 2) return { ...run, formatVersion: RUN_FORMAT_VERSION, training: migrateTrainingRecord(run.training) };
  if (!study) {
    throw new MixzooError(
      'E_USAGE',
      `${file}: run '${run.id}' is a format-1 record, which does not record its batch size, learning rate or data, and the folder has no study.json to take them from; it cannot be checked against this study. Use another output folder, or pass resume: false (--no-resume) to start over.`,
    );
  }
  return { ...run, formatVersion: RUN_FORMAT_VERSION, training: trainingRecord({ ...study, epochs: run.epochs.length }), data: dataRecord(dataset) };
}

/** Writes results.json whole, through a temporary file: an interrupted write never leaves half a file. */
export async function writeResults(file: string, results: readonly RunResult[]): Promise<void> {
  const partial = `${file}.partial`;
  await writeFile(partial, `${JSON.stringify(results, null, 1)}\n`);
  await rename(partial, file);
}

import { readFile } from 'node:fs/promises';
import { MixzooError } from '@mixzoo/core';
import type { StudyConfig } from '../types.js';
import { formatVersionOf, parseStoredJson, STUDY_FORMAT_VERSION } from './format-version.js';

/** study.json's text: the study config with its format version first. */
export function studyFileText(config: StudyConfig): string {
  return `${JSON.stringify({ formatVersion: STUDY_FORMAT_VERSION, ...config }, null, 2)}\n`;
}

/**
 * The study config of a study.json, or undefined when there is none. Format 1 (the bare config)
 * reads as is; E_USAGE naming the file when it does not parse, is not an object, or is newer.
 */
export async function readStudyFile(file: string): Promise<StudyConfig | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const value = parseStoredJson(text, file, 'a JSON study config');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MixzooError('E_USAGE', `${file}: expected a JSON study config ({ strategies, seeds, dataset, ... }); move it away to start over.`);
  }
  formatVersionOf(value, STUDY_FORMAT_VERSION, file);
  const { formatVersion: _version, ...config } = value as StudyConfig & { formatVersion?: number };
  return config;
}

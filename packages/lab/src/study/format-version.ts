import { describeValue, MixzooError } from '@mixzoo/core';

/** The format of the study.json files this mixzoo writes; 1 = the unversioned files (the bare study config). */
export const STUDY_FORMAT_VERSION = 2;

/**
 * The `formatVersion` of a stored study file or run record: 1 when absent (written before
 * versions were recorded). E_USAGE naming `what` (the file, and the run) for a version that is not
 * a positive integer, or newer than `current`: an older mixzoo cannot tell what it would lose.
 */
export function formatVersionOf(value: object, current: number, what: string): number {
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (version === undefined) return 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MixzooError('E_USAGE', `${what}: 'formatVersion' must be a positive integer, got ${describeValue(version)}.`);
  }
  if (version > current) {
    throw new MixzooError('E_USAGE', `${what}: format version ${version} was written by a newer mixzoo; this one reads versions 1 to ${current}. Upgrade mixzoo, or use another output folder.`);
  }
  return version;
}

/** The JSON value of a stored file's text; E_USAGE naming the file when it does not parse (e.g. truncated by an interrupted write). */
export function parseStoredJson(text: string, file: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MixzooError('E_USAGE', `${file}: expected ${expected}, but it does not parse (${(error as Error).message}). Move it away to start over.`);
  }
}

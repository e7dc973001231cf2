import { readFile, writeFile } from 'node:fs/promises';

/**
 * Writes `file` unless it already holds exactly `content`: re-reporting a finished study leaves
 * its folder untouched (it may be read-only, e.g. an archived or shared copy).
 */
export async function writeIfChanged(file: string, content: string | Uint8Array): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const current = await readFile(file).catch(() => undefined);
  if (current && Buffer.compare(current, bytes) === 0) return;
  await writeFile(file, bytes);
}

import type { Zoo } from '@mixzoo/core';
import { textTable } from './table.js';

/** `mixzoo list`: a table of name, family and summary, or the describe() objects as JSON. */
export function listCommand(zoo: Zoo, options: { json?: boolean } = {}): string {
  const descriptions = zoo.list().map((name) => zoo.describe(name));
  if (options.json) return JSON.stringify(descriptions, null, 2);
  return textTable(
    ['name', 'family', 'summary'],
    descriptions.map((d) => [d.name, d.family, d.summary]),
  );
}

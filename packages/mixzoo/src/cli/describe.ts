import type { Zoo } from '@mixzoo/core';
import { optionRows } from './schema-text.js';
import { textTable } from './table.js';

/** `mixzoo describe <name>`: name, family, paper, summary and an options table; or describe() as JSON. */
export function describeCommand(zoo: Zoo, name: string, options: { json?: boolean } = {}): string {
  const d = zoo.describe(name);
  if (options.json) return JSON.stringify(d, null, 2);
  const rows = optionRows(d.schema);
  return [
    `${d.name}  (family: ${d.family})`,
    '',
    `Paper:   ${d.paper}`,
    `Summary: ${d.summary}`,
    '',
    rows.length ? `Options:\n${textTable(['option', 'default', 'type / allowed', 'description'], rows, 50)}` : 'Options: none',
  ].join('\n');
}

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinAugmentations } from '@mixzoo/augment';

const root = new URL('../../../', import.meta.url);

describe('one doc page per augmentation family', () => {
  it.each(builtinAugmentations.map((a) => [a.name, a] as const))('%s has its section, reference and every option in docs/augmentations/<family>.md', (name, a) => {
    const page = new URL(`docs/augmentations/${a.family}.md`, root);
    expect(existsSync(page), `docs/augmentations/${a.family}.md`).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text).toContain(`\n## ${name}\n`);
    const section = text.slice(text.indexOf(`\n## ${name}\n`)).split('\n## ')[1];
    expect(section).toContain('**Reference:**');
    for (const option of Object.keys(a.options.shape)) expect(section, `${name}: option '${option}'`).toContain(`| \`${option}\` |`);
  });

  it('the pipeline guide links every family page', () => {
    const guide = readFileSync(new URL('docs/pipeline.md', root), 'utf8');
    for (const family of new Set(builtinAugmentations.map((a) => a.family))) expect(guide).toContain(`(augmentations/${family}.md)`);
  });
});

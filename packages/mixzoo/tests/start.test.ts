import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { mixzoo, runNode, START } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start job (built)', () => {
  it('writes one grid per registered strategy, index.md and a timing table', async () => {
    const [run, list] = await Promise.all([runNode(START, [], { cwd: tmp }), mixzoo(['--backend', 'auto', 'list', '--json'])]);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const names: string[] = JSON.parse(list.stdout).map((d: { name: string }) => d.name);
    expect(names.length).toBeGreaterThan(2);
    const index = readFileSync(join(tmp, 'out', 'index.md'), 'utf8');
    for (const name of names) {
      const file = join(tmp, 'out', `${name}.png`);
      expect(existsSync(file)).toBe(true);
      expect(await sharp(file).metadata()).toMatchObject({ format: 'png', width: 580, height: 660 });
      expect(index).toContain(`![${name}](${name}.png)`);
      // strategy, mean λ in [0, 1], a positive median time
      expect(run.stdout).toMatch(new RegExp(`│ ${name} +│ [01]\\.\\d{3} +│ \\d+\\.\\d{2} +│ out/${name}\\.png`));
    }
    expect(run.stdout).toContain('Median of 20 mixes of 16 MNIST digits');
    expect(run.stdout).toContain(`listed in out/index.md`);
  });
});

describe('bin', () => {
  it('cli.js starts with a node shebang', () => {
    expect(readFileSync(new URL('../dist/cli.js', import.meta.url), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

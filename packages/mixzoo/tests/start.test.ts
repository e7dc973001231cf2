import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runNode, START } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start job (built): the quick comparison study', () => {
  const out = join(tmp, 'runs', 'quick');

  it('trains none, mixup and cutmix × 2 seeds on MNIST and says where the report is', { timeout: 600_000 }, async () => {
    const run = await runNode(START, [], { cwd: tmp });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    for (const name of ['none', 'mixup', 'cutmix']) expect(run.stdout).toMatch(new RegExp(`^\\| ${name} \\| \\**\\d+\\.\\d\\d ± \\d+\\.\\d\\d`, 'm'));
    expect(run.stdout).toContain('Held-out metrics after 8 epochs, mean ± std over 2 seeds (mnist, mlp):');
    expect(run.stdout).toContain('Trained 6 runs, reused 0 from results.json.');
    expect(run.stdout).toMatch(/Quick study done in \d+\.\d s on the \w+ backend\. Open the report: file:\/\/.*\/runs\/quick\/report\.html/);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toHaveLength(6);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('mixzoo study: mnist · mlp');
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(3); // a mixed-sample grid per strategy
    for (const name of ['none', 'mixup', 'cutmix']) expect(existsSync(join(out, 'images', `samples-${name}.png`))).toBe(true);
  });

  it('a second start reuses every run and only rewrites the report', async () => {
    const run = await runNode(START, [], { cwd: tmp });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Trained 0 runs, reused 6 from results.json.');
  });
});

describe('bin', () => {
  it('cli.js starts with a node shebang', () => {
    expect(readFileSync(new URL('../dist/cli.js', import.meta.url), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

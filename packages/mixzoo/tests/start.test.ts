import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode, START, type Run } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start job (built): the quick comparison study', () => {
  // One first start, shared read-only: each test works on its own copy, so either runs alone.
  const first = join(tmp, 'first');
  let firstRun: Run;
  beforeAll(async () => {
    mkdirSync(first);
    firstRun = await runNode(START, [], { cwd: first });
  }, 600_000);

  it('trains none, mixup and cutmix × 2 seeds on MNIST and says where the report is', () => {
    const out = join(first, 'runs', 'quick');
    expect(firstRun.stderr).not.toContain('error');
    expect(firstRun.code).toBe(0);
    for (const name of ['none', 'mixup', 'cutmix']) expect(firstRun.stdout).toMatch(new RegExp(`^\\| ${name} \\| \\**\\d+\\.\\d\\d ± \\d+\\.\\d\\d`, 'm'));
    expect(firstRun.stdout).toContain('Held-out metrics after 8 epochs, mean ± std over 2 seeds (mnist, mlp):');
    expect(firstRun.stdout).toContain('Trained 6 runs, reused 0 from results.json.');
    expect(firstRun.stdout).toMatch(/Quick study done in \d+\.\d s on the \w+ backend\. Open the report: file:\/\/.*\/runs\/quick\/report\.html/);
    expect(firstRun.stdout).toContain('Bigger studies: npx mixzoo compare --help');
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toHaveLength(6);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('mixzoo study: mnist · mlp');
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(3); // a mixed-sample grid per strategy
    for (const name of ['none', 'mixup', 'cutmix']) expect(existsSync(join(out, 'images', `samples-${name}.png`))).toBe(true);
  });

  it('a second start reuses every run and only rewrites the report', async () => {
    const again = join(tmp, 'again');
    cpSync(first, again, { recursive: true });
    rmSync(join(again, 'runs', 'quick', 'report.html'));
    const run = await runNode(START, [], { cwd: again });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Trained 0 runs, reused 6 from results.json.');
    expect(existsSync(join(again, 'runs', 'quick', 'report.html'))).toBe(true);
  });
});

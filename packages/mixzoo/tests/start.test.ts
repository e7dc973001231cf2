import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode, START, type Run } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm start job (built): the label-noise demo study', () => {
  // One first start, shared read-only: each test works on its own copy, so either runs alone.
  const first = join(tmp, 'first');
  let firstRun: Run;
  beforeAll(async () => {
    mkdirSync(first);
    firstRun = await runNode(START, [], { cwd: first });
  }, 600_000);

  it('trains none, mixup(alpha=8) and cutmix × 3 seeds on MNIST with 40% wrong labels, says what the paper and the run found, and where the report is', () => {
    const out = join(first, 'runs', 'label-noise');
    expect(firstRun.stderr).not.toContain('error');
    expect(firstRun.code).toBe(0);
    for (const name of ['none', 'mixup\\(alpha=8\\)', 'cutmix']) expect(firstRun.stdout).toMatch(new RegExp(`^\\| ${name} \\| \\**\\d+\\.\\d\\d ± \\d+\\.\\d\\d`, 'm'));
    expect(firstRun.stdout).toContain("Held-out metrics after 30 epochs, mean ± std over 3 seeds (mnist, mlp: the preset's model):");
    expect(firstRun.stdout).toContain('Trained 9 runs, reused 0 from results.json.');
    // The paper's claims judged on this run, one verdict per comparison.
    expect(firstRun.stdout).toContain('Replication of Zhang et al. 2018 (mixup), Table 2:');
    expect(firstRun.stdout).toMatch(/^\| final accuracy \(%\): mixup\(alpha=8\) − none \| > 0 \| .* \| \*\*(agrees|partly|disagrees)\*\*: /m);
    expect(firstRun.stdout).toMatch(/^\| drop from the best epoch \(points\): mixup\(alpha=8\) − none \| < 0 \| .* \| \*\*(agrees|partly|disagrees)\*\*: /m);
    expect(readFileSync(join(out, 'replication.md'), 'utf8')).toContain('| comparison | paper | ours: mean difference [95% CI] |');
    expect(firstRun.stdout).toContain('What the paper found (Zhang et al. 2018');
    for (const name of ['mixup(alpha=8)', 'cutmix']) {
      expect(firstRun.stdout).toMatch(new RegExp(`^- ${name.replace(/[()]/g, '\\$&')} vs none: accuracy [+−±]\\d+\\.\\d\\d points, (better|worse) \\((not )?significant: p [=<] [\\d.]+.*\\); NLL .*; ECE .*\\.$`, 'm'));
    }
    expect(firstRun.stdout).toMatch(/Label-noise demo done in \d+\.\d s on the \w+ backend\. Open the report: file:\/\/.*\/runs\/label-noise\/report\.html/);
    expect(firstRun.stdout).toContain('The noise-free quick study: npx mixzoo compare --preset quick.');
    const runs = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { data: { labelNoise?: unknown } }[];
    expect(runs).toHaveLength(9);
    for (const run of runs) expect(run.data.labelNoise).toMatchObject({ kind: 'symmetric', rate: 0.4 });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('mixzoo study: mnist · mlp');
    expect(html).toContain('40% symmetric (to another class, uniformly), training labels only');
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(3); // a mixed-sample grid per strategy
    for (const name of ['none', 'mixup(alpha=8)', 'cutmix']) expect(existsSync(join(out, 'images', `samples-${encodeURIComponent(name)}.png`))).toBe(true);
  });

  it('a second start reuses every run and only rewrites the report', async () => {
    const again = join(tmp, 'again');
    cpSync(first, again, { recursive: true });
    rmSync(join(again, 'runs', 'label-noise', 'report.html'));
    const run = await runNode(START, [], { cwd: again });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Trained 0 runs, reused 9 from results.json.');
    expect(existsSync(join(again, 'runs', 'label-noise', 'report.html'))).toBe(true);
  });
});

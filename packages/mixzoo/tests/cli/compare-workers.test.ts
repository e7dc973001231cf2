import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, mixzoo, PACKAGE_DIR } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-compare-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const out = join(tmp, 'study');
const study = ['compare', '--dataset', 'moons', '--strategies', 'none,mixup,mixup(alpha=1)', '--seeds', '2', '--epochs', '40', '--train-size', '64', '--test-size', '32', '--batch-size', '16', '--workers', '2', '--out', out];

describe('mixzoo compare --workers 2 (built)', () => {
  it('Ctrl-C (SIGINT) stops the workers and keeps the finished runs; the same command resumes', async () => {
    const child = spawn(process.execPath, [CLI, ...study], { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    // A run is saved: interrupt while the others train.
    while (!existsSync(join(out, 'results.json'))) await sleep(50);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    const saved = (JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { id: string }[]).map((r) => r.id);
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(6);
    expect(stderr).toContain(`error: runStudy: interrupted; ${saved.length} of 6 runs are saved in ${join(out, 'results.json')}: run the study again to resume.`);

    const resumed = await mixzoo(study);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Trained ${6 - saved.length} run`);
    expect(resumed.stdout).toContain(`reused ${saved.length} from results.json`);
    expect(resumed.stdout).toMatch(/^\| mixup\(alpha=1\) \|/m); // the sweep's row in the table
  });
});

describe('mixzoo worker (built)', () => {
  it.concurrent.each([
    ['no --queue', ['worker'], "required option '--queue <url>' not specified", 2],
    ['a URL that is not Redis', ['worker', '--queue', 'http://localhost:6379'], '--queue: expected redis://[:password@]host:port[/db] or rediss://... (TLS)', 2],
    ['an unreachable Redis', ['worker', '--queue', 'redis://127.0.0.1:1/0'], 'cannot reach Redis at redis://127.0.0.1:1/0', 1],
  ])('%s: a clear error', async (_what, args, message, code) => {
    const run = await mixzoo(args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(code);
  });
});

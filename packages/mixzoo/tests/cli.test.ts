import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';

describe('mixzoo in a pipe', () => {
  it('exits quietly when the reader closes stdout early (mixzoo list --json | head -c 100)', async () => {
    const child = spawn(process.execPath, [CLI, '--backend', 'cpu', 'list', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `head -c 100` that has read what it wanted: our end is closed before the CLI writes (it loads tfjs first).
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(code).toBe(0);
  });
});

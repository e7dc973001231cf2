import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, PACKAGE_DIR } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'mixzoo-bin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
const binPath = pkg.bin.mixzoo;

/** Runs `mixzoo ...args` the way a shell finds it after `npm install`: through a node_modules/.bin symlink on PATH. */
function viaDotBin(target: string, args: string[]) {
  const dotBin = mkdtempSync(join(tmp, 'node_modules-bin-'));
  symlinkSync(target, join(dotBin, 'mixzoo'));
  return spawnSync('sh', ['-c', `mixzoo ${args.join(' ')}`], { encoding: 'utf8', env: { ...process.env, PATH: `${dotBin}:${process.env.PATH ?? ''}` } });
}

describe('the mixzoo bin (npm links it before `prepare` builds dist/)', () => {
  it('is a committed, executable file outside dist/, shipped with the package', () => {
    expect(binPath).toBeDefined();
    expect(resolve(PACKAGE_DIR, binPath).startsWith(resolve(PACKAGE_DIR, 'dist'))).toBe(false);
    const index = execFileSync('git', ['ls-files', '--stage', '--', binPath], { cwd: PACKAGE_DIR, encoding: 'utf8' });
    expect(index).toMatch(/^100755 /); // tracked by git, with the executable bit
    expect(readFileSync(resolve(PACKAGE_DIR, binPath), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(pkg.files).toContain(binPath.replace(/^\.\//, '').split('/')[0]);
  });

  it('runs the built CLI through a node_modules/.bin symlink', () => {
    const run = viaDotBin(resolve(PACKAGE_DIR, binPath), ['--backend', 'cpu', 'list', '--json']);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { name: string }[]).map((d) => d.name)).toContain('mixup');
  });

  it('says to build when dist/ is missing, instead of a module-not-found stack', () => {
    const copy = join(tmp, 'unbuilt', 'bin', 'mixzoo.js');
    mkdirSync(join(tmp, 'unbuilt', 'bin'), { recursive: true });
    copyFileSync(resolve(PACKAGE_DIR, binPath), copy);
    const run = viaDotBin(copy, ['list']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("error: mixzoo is not built (dist/cli.js is missing): run 'npm run build' in the repository root.\n");
  });

  it('built cli.js keeps its node shebang', () => {
    expect(readFileSync(CLI, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

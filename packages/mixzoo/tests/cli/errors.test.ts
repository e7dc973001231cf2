import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { MixzooError } from 'mixzoo';
import { errorLine, exitCodeOf } from '../../src/cli/errors.js';
import { FIXTURES, mixzoo } from '../helpers/cli.js';

/** stderr is one "error: ..." line, without a stack trace. */
function expectOneLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0].startsWith('error: ')).toBe(true);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('exit codes', () => {
  it('maps usage errors to 2 and run-time failures to 1', () => {
    expect(exitCodeOf(new MixzooError('E_UNKNOWN_STRATEGY', 'x'))).toBe(2);
    expect(exitCodeOf(new MixzooError('E_OPTION', 'x'))).toBe(2);
    expect(exitCodeOf(new MixzooError('E_PLUGIN', 'x'))).toBe(2);
    expect(exitCodeOf(new MixzooError('E_SHAPE', 'x'))).toBe(1);
    expect(exitCodeOf(new Error('x'))).toBe(1);
    expect(exitCodeOf(new CommanderError(1, 'commander.unknownOption', 'x'))).toBe(2);
    expect(exitCodeOf(new CommanderError(0, 'commander.helpDisplayed', 'x'))).toBe(0);
  });

  it('prints one line per error', () => {
    expect(errorLine(new MixzooError('E_OPTION', 'a\n  b'))).toBe('error: a b');
  });
});

describe('mixzoo errors (built CLI)', () => {
  it('unknown strategy: exit 2 with a suggestion', async () => {
    const run = await mixzoo(['describe', 'mixpu']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown strategy 'mixpu'. Did you mean 'mixup'?");
    expectOneLine(run.stderr);
    expect(run.stdout).toBe('');
  });

  it('unknown strategy in preview: exit 2 before reading any data', async () => {
    const run = await mixzoo(['preview', 'cutmx', '--out', 'never.png']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown strategy 'cutmx'. Did you mean 'cutmix'?");
    expectOneLine(run.stderr);
  });

  it('bad --options JSON: exit 2', async () => {
    const run = await mixzoo(['preview', 'mixup', '--options', '{alpha:1', '--out', 'never.png']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--options: expected a JSON object such as '{\"alpha\":0.4}', got '{alpha:1'");
    expectOneLine(run.stderr);
  });

  it('--options that are not an object, or invalid for the strategy: exit 2', async () => {
    const [array, invalid, unknown] = await Promise.all([
      mixzoo(['preview', 'mixup', '--options', '[1]', '--out', 'never.png']),
      mixzoo(['preview', 'mixup', '--options', '{"alpha":-1}', '--out', 'never.png']),
      mixzoo(['preview', 'mixup', '--options', '{"alfa":1}', '--out', 'never.png']),
    ]);
    expect(array.code).toBe(2);
    expect(array.stderr).toContain("--options: expected a JSON object such as '{\"alpha\":0.4}', got '[1]'.");
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("mixup: option 'alpha' must be >= 0, got -1.");
    expectOneLine(invalid.stderr);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option 'alfa'. Did you mean 'alpha'?");
  });

  it('missing required flags and arguments: exit 2', async () => {
    const [noN, noAlpha, noOut, noName] = await Promise.all([
      mixzoo(['lambda', '--alpha', '1']),
      mixzoo(['lambda', '--n', '10']),
      mixzoo(['preview', 'mixup']),
      mixzoo(['describe']),
    ]);
    expect(noN.code).toBe(2);
    expect(noN.stderr).toContain("required option '--n <n>' not specified");
    expect(noAlpha.code).toBe(2);
    expect(noAlpha.stderr).toContain("required option '--alpha <a>' not specified");
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <file>' not specified");
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("missing required argument 'name'");
  });

  it('invalid flag values: exit 2', async () => {
    const [alpha, n, backend] = await Promise.all([
      mixzoo(['lambda', '--alpha', '-1', '--n', '10']),
      mixzoo(['lambda', '--alpha', '1', '--n', '2.5']),
      mixzoo(['--backend', 'gpu', 'list']),
    ]);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toContain("expected a number > 0, got '-1'");
    expect(n.code).toBe(2);
    expect(n.stderr).toContain("expected an integer in [1, 10000000], got '2.5'");
    expect(backend.code).toBe(2);
    expect(backend.stderr).toContain('Allowed choices are auto, cpu, wasm, tensorflow');
  });

  it('unknown commands and flags, and no command at all: exit 2', async () => {
    const [command, flag, none] = await Promise.all([mixzoo(['lsit']), mixzoo(['list', '--bogus']), mixzoo([])]);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain("unknown command 'lsit'");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("unknown option '--bogus'");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: mixzoo');
  });

  it('--help: exit 0 with examples', async () => {
    const [top, preview] = await Promise.all([mixzoo(['--help']), mixzoo(['preview', '--help'])]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Examples:');
    expect(top.stdout).toMatch(/list \[options\]/);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('$ mixzoo preview mixup --out mixup.png');
  });

  it('--plugin: missing module or no strategies: exit 2; a module that throws: exit 1', async () => {
    const [missing, notPlugin, throws] = await Promise.all([
      mixzoo(['--plugin', './no-such-plugin.js', 'list']),
      mixzoo(['--plugin', `${FIXTURES}not-a-plugin.js`, 'list']),
      mixzoo(['--plugin', `${FIXTURES}throws-on-load.js`, 'list']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--plugin './no-such-plugin.js': cannot find the module");
    expect(notPlugin.code).toBe(2);
    expect(notPlugin.stderr).toContain('the default export must be a strategy made with defineStrategy(...)');
    expectOneLine(notPlugin.stderr);
    expect(throws.code).toBe(1);
    expect(throws.stderr).toContain('the module failed to load: boom while loading the plugin');
    expectOneLine(throws.stderr);
  });
});

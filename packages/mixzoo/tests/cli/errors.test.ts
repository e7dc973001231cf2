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
  // Usage errors exit 2, run-time failures 1; help is not a failure.
  it.each([
    ['MixzooError E_UNKNOWN_STRATEGY', 2, new MixzooError('E_UNKNOWN_STRATEGY', 'x')],
    ['MixzooError E_OPTION', 2, new MixzooError('E_OPTION', 'x')],
    ['MixzooError E_PLUGIN', 2, new MixzooError('E_PLUGIN', 'x')],
    ['MixzooError E_SHAPE', 1, new MixzooError('E_SHAPE', 'x')],
    ['a plain Error', 1, new Error('x')],
    ['commander.unknownOption', 2, new CommanderError(1, 'commander.unknownOption', 'x')],
    ['commander.helpDisplayed', 0, new CommanderError(0, 'commander.helpDisplayed', 'x')],
  ])('maps %s to exit %i', (_, code, error) => {
    expect(exitCodeOf(error)).toBe(code);
  });

  it('prints one line per error', () => {
    expect(errorLine(new MixzooError('E_OPTION', 'a\n  b'))).toBe('error: a b');
  });
});

/** [what, exit code, args, a part of stderr, stderr is a single "error: ..." line, stdout]. */
type Failure = [string, number, string[], string, boolean, string?];

const OPTIONS = "--options: expected a JSON object such as '{\"alpha\":0.4}'";

const FAILURES: Failure[] = [
  ['unknown strategy, with a suggestion', 2, ['describe', 'mixpu'], "Unknown strategy 'mixpu'. Did you mean 'mixup'?", true, ''],
  ['unknown strategy in preview, before reading any data', 2, ['preview', 'cutmx', '--out', 'never.png'], "Unknown strategy 'cutmx'. Did you mean 'cutmix'?", true],
  ['bad --options JSON', 2, ['preview', 'mixup', '--options', '{alpha:1', '--out', 'never.png'], `${OPTIONS}, got '{alpha:1'`, true],
  ['--options that are not an object', 2, ['preview', 'mixup', '--options', '[1]', '--out', 'never.png'], `${OPTIONS}, got '[1]'.`, false],
  ['--options invalid for the strategy', 2, ['preview', 'mixup', '--options', '{"alpha":-1}', '--out', 'never.png'], "mixup: option 'alpha' must be >= 0, got -1.", true],
  ['--options with an unknown key', 2, ['preview', 'mixup', '--options', '{"alfa":1}', '--out', 'never.png'], "unknown option 'alfa'. Did you mean 'alpha'?", false],
  ['missing --n', 2, ['lambda', '--alpha', '1'], "required option '--n <n>' not specified", false],
  ['missing --alpha', 2, ['lambda', '--n', '10'], "required option '--alpha <a>' not specified", false],
  ['missing --out', 2, ['preview', 'mixup'], "required option '--out <file>' not specified", false],
  ['missing strategy name', 2, ['describe'], "missing required argument 'name'", false],
  ['invalid --alpha', 2, ['lambda', '--alpha', '-1', '--n', '10'], "expected a number > 0, got '-1'", false],
  ['invalid --n', 2, ['lambda', '--alpha', '1', '--n', '2.5'], "expected an integer in [1, 10000000], got '2.5'", false],
  ['invalid --backend', 2, ['--backend', 'gpu', 'list'], 'Allowed choices are auto, cpu, wasm, tensorflow', false],
  ['unknown command', 2, ['lsit'], "unknown command 'lsit'", false],
  ['unknown flag', 2, ['list', '--bogus'], "unknown option '--bogus'", false],
  ['no command at all', 2, [], 'Usage: mixzoo', false],
  ['--plugin: missing module', 2, ['--plugin', './no-such-plugin.js', 'list'], "--plugin './no-such-plugin.js': cannot find the module", false],
  ['--plugin: no strategies', 2, ['--plugin', `${FIXTURES}not-a-plugin.js`, 'list'], 'the default export must be a strategy made with defineStrategy(...)', true],
  ['--plugin: a module that throws', 1, ['--plugin', `${FIXTURES}throws-on-load.js`, 'list'], 'the module failed to load: boom while loading the plugin', true],
];

describe('mixzoo errors (built CLI)', () => {
  it.concurrent.each(FAILURES)('%s: exit %i', async (_, code, args, stderr, oneLine, stdout) => {
    const run = await mixzoo(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(stderr);
    if (oneLine) expectOneLine(run.stderr);
    if (stdout !== undefined) expect(run.stdout).toBe(stdout);
  });

  it('--help: exit 0 with examples', async () => {
    const [top, preview] = await Promise.all([mixzoo(['--help']), mixzoo(['preview', '--help'])]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Examples:');
    expect(top.stdout).toMatch(/list \[options\]/);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('$ mixzoo preview mixup --out mixup.png');
  });
});

describe('every command --help lists the global options it accepts', () => {
  it.concurrent.each(['list', 'describe', 'lambda', 'bench', 'preview', 'compare'])('%s --help', async (command) => {
    const run = await mixzoo([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Global Options:');
    for (const option of ['--backend <name>', '--seed <seed>', '--plugin <module>']) expect(run.stdout).toContain(option);
  });
});

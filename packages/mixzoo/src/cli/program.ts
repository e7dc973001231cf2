import { Command, Option } from 'commander';
import type { BackendRequest } from '@mixzoo/core';
import { collect, openZoo, parseSeed, type GlobalOptions } from './globals.js';
import { integerIn, positiveNumber } from './parse.js';

// Commands load their implementation (and with it tfjs, sharp) only when they run, so that
// --help and usage errors answer at once.

/** core's BACKENDS, spelled out so that parsing the command line does not load tfjs. */
const BACKENDS = ['auto', 'cpu', 'wasm', 'tensorflow'] as const satisfies readonly BackendRequest[];

const MAX_DRAWS = 10_000_000;
const MAX_PREVIEW = 256;

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** Writes a command's text output with a final newline. */
function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The `mixzoo` command line. Errors are left to the caller (commander's are thrown, not exited). */
export function buildProgram(): Command {
  const program = new Command('mixzoo')
    .description('Mixed Sample Data Augmentation for TensorFlow.js: list, describe and preview strategies, sample λ.')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(BACKENDS).default('auto'))
    .option('--seed <seed>', 'seed of every draw: a number (0 included) or a string', parseSeed, 0)
    .option('--plugin <module>', 'load strategies/plugins from a module (path or package; repeatable)', collect)
    .exitOverride()
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      examples(
        'mixzoo list',
        'mixzoo describe cutmix',
        'mixzoo lambda --alpha 0.4 --n 10000 --seed 1',
        'mixzoo preview mixup --options \'{"alpha":0.4}\' --out mixup.png',
        'mixzoo --plugin ./my-strategy.js describe my-mix',
      ),
    );
  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  program
    .command('list')
    .description('list the registered strategies (name, family, summary)')
    .option('--json', 'print the describe() object of every strategy as a JSON array')
    .addHelpText('after', examples('mixzoo list', 'mixzoo list --json', 'mixzoo --plugin ./my-strategy.js list'))
    .action(async (options: { json?: boolean }, command: Command) => {
      const { listCommand } = await import('./list.js');
      print(listCommand(await openZoo(globals(command)), options));
    });

  program
    .command('describe')
    .description("show a strategy's paper, summary and options (defaults, allowed values)")
    .argument('<name>', 'strategy name')
    .option('--json', 'print the describe() object (with the options JSON Schema) as JSON')
    .addHelpText('after', examples('mixzoo describe mixup', 'mixzoo describe cutmix --json'))
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { describeCommand } = await import('./describe.js');
      print(describeCommand(await openZoo(globals(command)), name, options));
    });

  program
    .command('lambda')
    .description('draw λ ~ Beta(alpha, beta) from the seeded lambda stream: histogram, mean and variance against theory')
    .requiredOption('--alpha <a>', 'first Beta shape parameter (> 0)', positiveNumber)
    .option('--beta <b>', 'second Beta shape parameter (> 0; default: alpha)', positiveNumber)
    .requiredOption('--n <n>', 'number of draws', integerIn(1, MAX_DRAWS))
    .option('--json', 'print { alpha, beta, n, seed, mean, variance, theoryMean, theoryVariance, draws } as JSON')
    .addHelpText(
      'after',
      '\nThe seed is the global --seed (default 0).\n' +
        examples('mixzoo lambda --alpha 1 --n 10000 --seed 0', 'mixzoo lambda --alpha 0.2 --n 1000 --seed 7 --json', 'mixzoo lambda --alpha 2 --beta 5 --n 5000'),
    )
    .action(async (options: { alpha: number; beta?: number; n: number; json?: boolean }, command: Command) => {
      const { lambdaStats, lambdaText } = await import('./lambda.js');
      const stats = lambdaStats({ ...options, seed: globals(command).seed });
      print(options.json ? JSON.stringify(stats) : lambdaText(stats));
    });

  program
    .command('preview')
    .description('mix n samples with a strategy and write a PNG grid, each tile captioned "λ 0.62 · 3←7" (own class ← partner)')
    .argument('<name>', 'strategy name')
    .option('--options <json>', 'strategy options as a JSON object')
    .option('--n <n>', 'number of samples', integerIn(1, MAX_PREVIEW), 16)
    .option('--dataset <dataset>', "'mnist' (bundled digits) or a folder of images (sub-folders = classes; resized to 64×64 RGB)", 'mnist')
    .requiredOption('--out <file>', 'PNG file to write')
    .addHelpText(
      'after',
      '\nThe seed (global --seed, default 0) picks the samples and drives the strategy.\n' +
        examples(
          'mixzoo preview mixup --out mixup.png',
          'mixzoo preview cutmix --options \'{"alpha":1,"mode":"elem"}\' --n 25 --seed 3 --out cutmix.png',
          'mixzoo preview mixup --dataset ./photos --out photos.png',
        ),
    )
    .action(async (name: string, options: { options?: string; n: number; dataset: string; out: string }, command: Command) => {
      const g = globals(command);
      const { previewCommand } = await import('./preview.js');
      print(await previewCommand(await openZoo(g), { name, ...options, seed: g.seed }));
    });

  return program;
}

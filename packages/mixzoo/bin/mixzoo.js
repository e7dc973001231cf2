#!/usr/bin/env node
// The committed `mixzoo` bin. npm links workspace bins during `npm install`, before the root
// `prepare` script builds dist/, so the bin cannot point into dist/ itself.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write("error: mixzoo is not built (dist/cli.js is missing): run 'npm run build' in the repository root.\n");
  process.exitCode = 1;
}

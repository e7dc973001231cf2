#!/usr/bin/env node
import { runCli } from './cli/run.js';

// A reader that stops early (`mixzoo list --json | head -c 100`) closes our stdout: leave quietly
// like other Unix tools instead of crashing on the EPIPE of the next write.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2));

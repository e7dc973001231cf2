import { CommanderError } from 'commander';
import { errorLine, exitCodeOf } from './errors.js';
import { buildProgram } from './program.js';

/** Runs the CLI on `args` (without node and the script) and returns the exit code; never throws. */
export async function runCli(args: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (or the help).
    if (!(error instanceof CommanderError)) {
      process.stderr.write(`${errorLine(error)}\n`);
      if (process.env.MIXZOO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? error.message}\n`);
    }
    return exitCodeOf(error);
  }
}

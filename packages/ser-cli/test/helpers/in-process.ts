/** Runs a `ser` command line in this process through the injectable `runCli(argv, io)`, collecting its output. */
import { runCli } from '../../src/run-cli.js';
import { memoryIo } from './memory-io.js';
import type { CliRun } from './run-cli.js';

/** Options of {@link ser}. */
export interface InProcessOptions {
  /** The directory relative paths are resolved against (default: the test process's). */
  cwd?: string;
  /** The environment the command sees, PATH included (default: the test process's, with NO_COLOR). */
  env?: NodeJS.ProcessEnv;
}

/** `ser …args` in-process: the same result shape as the binary's {@link runSer}, without starting Node. */
export async function ser(args: string[], options: InProcessOptions = {}): Promise<CliRun> {
  const run = memoryIo({ env: options.env ?? { ...process.env, NO_COLOR: '1' }, cwd: options.cwd ?? process.cwd() });
  const code = await runCli(args, run.io);
  return { code, stdout: run.out(), stderr: run.err() };
}

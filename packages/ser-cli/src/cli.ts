#!/usr/bin/env node
/** The `ser` binary: runs the command line and exits with its code. */
import { runCli } from './run-cli.js';

// `ser analyze … | head -3`: a closed pipe is not an error of ours; stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

runCli(process.argv.slice(2)).then(
  (code) => finish(code),
  (error: unknown) => {
    process.stderr.write(
      `ser: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    finish(1);
  },
);

/** Sets the exit code and, should a library keep a handle open (worker pools, backends), exits anyway. */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 500).unref();
}

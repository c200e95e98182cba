/** A {@link CliIo} that collects stdout and stderr in memory, for running `runCli` in-process. */
import type { CliIo } from '../../src/io.js';

/** The io, and what was written to each stream so far. */
export interface MemoryIo {
  io: CliIo;
  out: () => string;
  err: () => string;
}

/** An io writing to memory, with `env` (default: none) and `cwd` (default `/`). */
export function memoryIo(options: { env?: CliIo['env']; cwd?: string } = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => (out.push(t), true) },
      stderr: { write: (t: string) => (err.push(t), true) },
      env: options.env ?? {},
      cwd: options.cwd ?? '/',
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

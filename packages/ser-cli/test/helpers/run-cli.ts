/** Runs the BUILT `ser` binary as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** `packages/ser-cli/dist/cli.js`. */
export const CLI_PATH = resolve(here, '../../dist/cli.js');
/** `<repo>/packages`. */
export const PACKAGES_DIR = resolve(here, '../../..');
/** `<repo>/../shared`, beside the repository, and the corpora in it. */
export { DATASETS_DIR, SHARED_DIR } from '@ser/test-support';

/** The result of one run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runSer}. */
export interface RunSerOptions {
  cwd?: string;
  /** Replaces the environment (PATH included) when given. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Called with the stderr received so far, each time more arrives (and the child, e.g. to signal it). */
  onStderr?: (stderr: string, child: ChildProcess) => void;
}

/** Runs `node dist/cli.js …args` and collects its output. */
export function runSer(args: string[], options: RunSerOptions = {}): Promise<CliRun> {
  if (!existsSync(CLI_PATH))
    throw new Error(`${CLI_PATH} is missing: build @ser/cli first (npx nx run @ser/cli:build)`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      options.onStderr?.(stderr, child);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

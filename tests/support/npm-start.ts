/**
 * An example's `npm start`, stopped the way a process manager stops it: SIGTERM to the `npm` process only.
 * npm passes the signal to its script's shell; only when the script `exec`s node does the signal reach the
 * server (otherwise the shell dies and `node dist/main.js` keeps running, reparented, still listening).
 *
 * @example
 * ```ts
 * const stop = await npmStartThenSigterm(exampleDir, ['--port', '0']);
 * expect(stop.stillListening).toBe(false);
 * ```
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';

/** What {@link npmStartThenSigterm} saw. */
export interface NpmStartStop {
  /** The `http://host:port` the script printed when it was ready. */
  url: string;
  /** Whether the server still accepted connections `stopTimeoutMs` after npm exited. */
  stillListening: boolean;
  /** Everything the script printed (stdout and stderr). */
  output: string;
}

/** Whether something accepts TCP connections at `url`'s host and port. */
export function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs `npm start -- ...args` in `cwd`, waits until the script prints an `http://host:port` URL, sends
 * SIGTERM to npm alone, waits for npm to exit and then for the URL to stop accepting connections. Whatever
 * is still running afterwards (an orphaned server) is killed with its process group.
 * @param options `readyTimeoutMs` (default 60 000) for the URL, `stopTimeoutMs` (default 10 000) for the server to close
 * @returns the URL, whether the server outlived npm, and the script's output
 * @throws Error with the script's output when it exits or stays silent before printing a URL
 */
export async function npmStartThenSigterm(
  cwd: string,
  args: readonly string[],
  options: { readyTimeoutMs?: number; stopTimeoutMs?: number } = {},
): Promise<NpmStartStop> {
  const { readyTimeoutMs = 60_000, stopTimeoutMs = 10_000 } = options;
  // A user's shell: no npm_* variables of an enclosing `npm test`.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  // Its own process group, so that the cleanup below reaches an orphaned server too.
  const npm = spawn('npm', ['start', '--', ...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`npm start in ${cwd} printed no URL within ${readyTimeoutMs} ms:\n${output}`)),
        readyTimeoutMs,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /https?:\/\/[\w.-]+:\d+/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      npm.stdout.on('data', onData);
      npm.stderr.on('data', onData);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm start in ${cwd} exited (${code}) before printing a URL:\n${output}`));
      });
    });
    npm.kill('SIGTERM');
    await exited;
    const deadline = Date.now() + stopTimeoutMs;
    let stillListening = await accepts(url);
    while (stillListening && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      stillListening = await accepts(url);
    }
    return { url, stillListening, output };
  } finally {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      // the group is gone: nothing outlived npm
    }
  }
}

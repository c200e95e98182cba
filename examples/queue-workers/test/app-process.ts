/**
 * The app's command (`dist/main.js`) as a child process whose output lines a test can wait for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built command. */
export const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** A running `ser-queue …` process. */
export class AppProcess {
  readonly child: ChildProcess;
  /** stdout lines so far. */
  readonly lines: string[] = [];
  stderr = '';
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exit: Promise<number | string>;
  private partial = '';
  private readonly waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];

  constructor(args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => this.take(text));
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exit = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    );
  }

  private take(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    for (const line of parts) {
      this.lines.push(line);
      for (const waiter of [...this.waiters]) {
        if (!waiter.pattern.test(line)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  }

  /** The first stdout line matching `pattern` (one printed already, or the next). */
  waitForLine(pattern: RegExp, timeoutMs = 120_000): Promise<string> {
    const seen = this.lines.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(
          this.waiters.findIndex((w) => w.pattern === pattern),
          1,
        );
        reject(
          new Error(
            `no line matching ${pattern} within ${timeoutMs} ms; stdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }

  /** stdout lines starting with `word ` and naming `jobId` (e.g. `done <id> …`). */
  linesFor(word: string, jobId: string): string[] {
    return this.lines.filter((line) => line.startsWith(`${word} ${jobId} `));
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }
}

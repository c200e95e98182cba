/**
 * Errors of the `ser` command. Each maps to an exit code of ./exit-codes.ts: a {@link UsageError} (bad command
 * line) exits 2, a {@link CliError} (the command ran and failed) exits 1. Each carries an optional hint that
 * tells the user what to do next.
 */
import { SerError } from '@ser/core';
import { EXIT } from './exit-codes.js';

export { EXIT } from './exit-codes.js';

/** The codes of {@link CliError}: `COMMAND_FAILED` (exit 1) or `USAGE` (a {@link UsageError}, exit 2). */
export type CliErrorCode = 'COMMAND_FAILED' | 'USAGE';

/**
 * A failure while running a command (missing file, undecodable audio, missing tool, …): exit code 1. A
 * `SerError` of @ser/core with the code `COMMAND_FAILED`; the message names the file concerned.
 */
export class CliError extends SerError<CliErrorCode> {
  /** The process exit code this error maps to. */
  readonly exitCode: number = EXIT.failure;

  /**
   * @param message - what went wrong, naming the file or option concerned
   * @param options - `hint`: what the user can do about it, printed after the message; `cause`: the error behind it
   */
  constructor(message: string, options: { hint?: string; cause?: unknown; code?: CliErrorCode } = {}) {
    const { code = 'COMMAND_FAILED', ...rest } = options;
    super(code, message, rest);
    this.name = 'CliError';
  }
}

/** A bad command line (unknown option, missing argument, out-of-range number): exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode: number = EXIT.usage;

  constructor(message: string, options: { hint?: string } = {}) {
    super(message, { ...options, code: 'USAGE' });
    this.name = 'UsageError';
  }
}

/** The exit code for anything thrown by a command: the error's own for CLI errors, 1 otherwise. */
export function exitCodeOf(error: unknown): number {
  return error instanceof CliError ? error.exitCode : EXIT.failure;
}

/**
 * The message to print for an error: its own message, the hint when there is one, and the causes'
 * messages when they add something.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = [error.message];
  let cause = error.cause;
  while (cause instanceof Error) {
    if (!error.message.includes(cause.message)) lines.push(`  caused by: ${cause.message}`);
    cause = cause.cause;
  }
  if (error instanceof SerError && error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}

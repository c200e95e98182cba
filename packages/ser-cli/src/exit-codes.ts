/**
 * The exit codes of `ser`, the one rule every command follows: 0 the work is done; 1 the work failed (a missing
 * file, undecodable audio, a missing tool or model); 2 the command line is wrong (unknown or missing option,
 * malformed or out-of-range value; nothing was done); 130 interrupted by Ctrl-C (SIGINT, the shell's 128 + 2),
 * so scripts see the work did not finish.
 */

/** Exit codes of the `ser` command. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** One of {@link EXIT}'s codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The line `--help` prints about exit codes. */
export const EXIT_CODES_HELP = `Exit codes: ${EXIT.ok} ok, ${EXIT.failure} the command failed, ${EXIT.usage} usage error, ${EXIT.interrupted} interrupted (Ctrl-C).`;

/** Dispatch of `ser <command> …`: help, version, parsing, running, and mapping errors to exit codes. */
import { parseCommandLine } from './args.js';
import type { AnyCommand } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT, UsageError, describeError, exitCodeOf } from './errors.js';
import { commandHelp, commandList, mainHelp } from './help.js';
import { processIo, type CliIo } from './io.js';
import { CLI_VERSION } from './version.js';

/** Finds a command by name. */
export function findCommand(name: string): AnyCommand | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/**
 * Runs `ser` with `argv` (the arguments after the program name) and resolves to the exit code:
 * ./exit-codes.ts (0 ok, 1 the command failed, 2 usage error, 130 interrupted). Errors are printed on `io.stderr` with a hint.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  const width = Math.min(io.stdout.columns ?? 100, 110);
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const command = topic ? findCommand(topic) : undefined;
    if (topic && !command)
      return usageFailure(
        io,
        new UsageError(`unknown command "${topic}"`, { hint: `commands: ${commandList(COMMANDS)}` }),
      );
    const text = command ? commandHelp(command, width) : mainHelp(COMMANDS, CLI_VERSION);
    // Bare `ser` is a usage error: the help goes to stderr and the exit code is 2.
    if (first === undefined) {
      io.stderr.write(text);
      return EXIT.usage;
    }
    io.stdout.write(text);
    return EXIT.ok;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.stdout.write(`${CLI_VERSION}\n`);
    return EXIT.ok;
  }
  const command = findCommand(first);
  if (!command) {
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    return usageFailure(io, new UsageError(what, { hint: `commands: ${commandList(COMMANDS)}; run \`ser --help\`` }));
  }
  try {
    const parsed = parseCommandLine(command, rest);
    if (parsed.help) {
      io.stdout.write(commandHelp(command, width));
      return EXIT.ok;
    }
    return await command.run({ positionals: parsed.positionals, options: parsed.options, given: parsed.given, io });
  } catch (error) {
    io.stderr.write(`error: ${describeError(error)}\n`);
    if (io.env.SER_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return exitCodeOf(error);
  }
}

function usageFailure(io: CliIo, error: UsageError): number {
  io.stderr.write(`error: ${describeError(error)}\n`);
  return error.exitCode;
}

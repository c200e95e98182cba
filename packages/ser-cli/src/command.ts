/** The shape of one `ser` sub-command: its options, help text and the function that runs it. */
import type { CliIo } from './io.js';
import { flag, type OptionSpecs, type OptionValues, type RawValue } from './options.js';

export type { OptionSpec, OptionSpecs, OptionValues } from './options.js';

/** Raw options as parseArgs gives them, by long name. */
export type ParsedOptions = Record<string, RawValue>;

/** What a command's `run` receives. */
export interface CommandContext<V = Record<string, unknown>> {
  /** Positional arguments after the command name. */
  positionals: string[];
  /** The options' values, read by their declarations (defaults applied, bounds checked). */
  options: V;
  /** The long names of the options given on the command line (to tell a default from an explicit value). */
  given: ReadonlySet<string>;
  io: CliIo;
}

/** A `ser` sub-command. */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** The word after `ser`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line without the leading `ser `, e.g. `analyze <file|url> [options]`. */
  usage: string;
  /** Longer description paragraphs for `--help`. */
  description?: string;
  /** Options, by long name, declared once for help and parsing (`help` is added to every command). */
  options: O;
  /** Fewest and most positional arguments accepted (`max` Infinity for a list). */
  positionals: { min: number; max: number; name: string };
  /** Example command lines (without a leading `$`). */
  examples: string[];
  /** Runs the command; resolves to the exit code (./exit-codes.ts). */
  run(context: CommandContext<OptionValues<O>>): Promise<number>;
}

/** A command of any options, as the command list holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandSpec<any>;

/**
 * Declares a command; the option values `run` receives are typed by the declarations.
 * @example
 * ```ts
 * defineCommand({ name: 'demo', options: { n: number({ description: 'how many', default: 3 }) }, run: async ({ options }) => options.n, … });
 * ```
 */
export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** Options every command understands. */
export const COMMON_OPTIONS = {
  help: flag({ short: 'h', description: 'show this help' }),
} satisfies OptionSpecs;

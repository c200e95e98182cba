/** The shape of one `ser` sub-command: its options, help text and the function that runs it. */
import type { CliIo } from './io.js';

/** One command-line option of a command. */
export interface OptionSpec {
  /** `string` takes a value (`--out x`), `boolean` is a flag (`--json`). */
  type: 'string' | 'boolean';
  /** One-letter alias (`-o`). */
  short?: string;
  /** May be given several times (values are collected into an array). */
  multiple?: boolean;
  /** The value's placeholder in help (`<dir>`, `<seconds>`). */
  valueName?: string;
  /** One line of help. */
  description: string;
  /** The default, shown in help (the command applies it). */
  defaultText?: string;
}

/** Parsed options: strings, booleans, or string arrays for `multiple` options. */
export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

/** What a command's `run` receives. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  positionals: string[];
  /** Options, by their long name. */
  options: ParsedOptions;
  io: CliIo;
}

/** A `ser` sub-command. */
export interface CommandSpec {
  /** The word after `ser`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line without the leading `ser `, e.g. `analyze <file|url> [options]`. */
  usage: string;
  /** Longer description paragraphs for `--help`. */
  description?: string;
  /** Options, by long name (`help` is added to every command). */
  options: Record<string, OptionSpec>;
  /** Fewest and most positional arguments accepted (`max` Infinity for a list). */
  positionals: { min: number; max: number; name: string };
  /** Example command lines (without a leading `$`). */
  examples: string[];
  /** Runs the command; resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

/** Options every command understands. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** The `--json` option, for commands whose output is data. */
export const JSON_OPTION: OptionSpec = { type: 'boolean', description: 'print machine-readable JSON on stdout' };

/** The `--progress` option, for commands with long work. */
export const PROGRESS_OPTION: OptionSpec = {
  type: 'boolean',
  description: 'draw a progress bar on stderr even when it is not a terminal (default: bar on a terminal, plain lines otherwise)',
};

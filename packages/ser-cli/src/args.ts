/** Command-line parsing on top of `node:util` `parseArgs`, with typed, validated option values. */
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, type CommandSpec, type ParsedOptions } from './command.js';
import { UsageError } from './errors.js';

/** The result of parsing one command's arguments. */
export interface ParsedCommandLine {
  positionals: string[];
  options: ParsedOptions;
}

/**
 * Parses `args` (everything after the command name) against `spec`'s options. Unknown options, missing
 * values and a wrong number of positionals become a {@link UsageError} that names the command's help.
 * `--help` short-circuits the positional count check.
 */
export function parseCommandLine(spec: CommandSpec, args: string[]): ParsedCommandLine {
  const options = { ...COMMON_OPTIONS, ...spec.options };
  const config: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, option] of Object.entries(options)) {
    config[name] = { type: option.type };
    if (option.short) config[name].short = option.short;
    if (option.multiple) config[name].multiple = true;
  }
  let parsed: { values: ParsedOptions; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`ser ${spec.name}: ${cleanParseArgsMessage(error)}`, { hint: `run \`ser ${spec.name} --help\`` });
  }
  if (parsed.values.help) return { positionals: parsed.positionals, options: parsed.values };
  const count = parsed.positionals.length;
  const { min, max, name } = spec.positionals;
  if (count < min) {
    throw new UsageError(`ser ${spec.name}: missing ${name}`, { hint: `usage: ser ${spec.usage}; run \`ser ${spec.name} --help\`` });
  }
  if (count > max) {
    const extra = parsed.positionals.slice(max).join(' ');
    throw new UsageError(`ser ${spec.name}: unexpected argument(s): ${extra}`, {
      hint: `usage: ser ${spec.usage}; run \`ser ${spec.name} --help\``,
    });
  }
  return { positionals: parsed.positionals, options: parsed.values };
}

/** parseArgs' messages mention `parseArgs` internals; keep the part that speaks to a user. */
function cleanParseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\. To specify a positional argument starting with a '-'.*$/s, '').trim();
}

/** Bounds for {@link numberOption}. */
export interface NumberBounds {
  /** Smallest allowed value (inclusive unless `exclusiveMin`). */
  min?: number;
  /** The minimum itself is not allowed (for "> 0"). */
  exclusiveMin?: boolean;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Must be a whole number. */
  integer?: boolean;
}

/**
 * Reads a numeric option: `fallback` when absent, else the parsed number, checked against `bounds`.
 * A value that is not a number or is out of range is a {@link UsageError} naming the option.
 */
export function numberOption(options: ParsedOptions, name: string, fallback: number, bounds?: NumberBounds): number;
export function numberOption(options: ParsedOptions, name: string, fallback: undefined, bounds?: NumberBounds): number | undefined;
export function numberOption(
  options: ParsedOptions,
  name: string,
  fallback: number | undefined,
  bounds: NumberBounds = {},
): number | undefined {
  const raw = options[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string') throw new UsageError(`--${name} expects a number`);
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} expects a number, got "${raw}"`);
  if (bounds.integer && !Number.isInteger(value)) throw new UsageError(`--${name} expects a whole number, got "${raw}"`);
  if (bounds.min !== undefined) {
    const tooSmall = bounds.exclusiveMin ? value <= bounds.min : value < bounds.min;
    if (tooSmall) throw new UsageError(`--${name} must be ${bounds.exclusiveMin ? '>' : '≥'} ${bounds.min}, got ${raw}`);
  }
  if (bounds.max !== undefined && value > bounds.max) throw new UsageError(`--${name} must be ≤ ${bounds.max}, got ${raw}`);
  return value;
}

/** Reads a string option, `undefined` when absent. */
export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new UsageError(`--${name} expects a value`);
  return raw;
}

/** Reads a string option that must be given. */
export function requiredStringOption(options: ParsedOptions, name: string, commandName: string, what: string): string {
  const value = stringOption(options, name);
  if (value === undefined || value === '') {
    throw new UsageError(`ser ${commandName}: --${name} <${what}> is required`, { hint: `run \`ser ${commandName} --help\`` });
  }
  return value;
}

/** Reads a string option restricted to `choices`; `fallback` when absent. */
export function choiceOption<T extends string>(options: ParsedOptions, name: string, choices: readonly T[], fallback: T): T;
export function choiceOption<T extends string>(options: ParsedOptions, name: string, choices: readonly T[], fallback?: undefined): T | undefined;
export function choiceOption<T extends string>(
  options: ParsedOptions,
  name: string,
  choices: readonly T[],
  fallback?: T,
): T | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${value}"`);
  }
  return value as T;
}

/**
 * Reads an output-file option that must end in `extension` (e.g. `.svg`): `undefined` when absent.
 * @throws UsageError naming the expected extension
 */
export function fileOption(options: ParsedOptions, name: string, extension: string): string | undefined {
  const value = stringOption(options, name);
  if (value !== undefined && !value.toLowerCase().endsWith(extension)) {
    throw new UsageError(`--${name} must name a ${extension} file (the image is written as ${extension.slice(1).toUpperCase()}), got "${value}"`);
  }
  return value;
}

/** Reads a boolean flag. */
export function flagOption(options: ParsedOptions, name: string): boolean {
  return options[name] === true;
}

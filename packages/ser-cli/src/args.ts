/** Command-line parsing on top of `node:util` `parseArgs`, with typed, validated option values. */
import { parseArgs } from 'node:util';
import { COMMON_OPTIONS, type CommandSpec, type ParsedOptions } from './command.js';
import { readOptions, type OptionSpecs, type OptionValues } from './options.js';
import { UsageError } from './errors.js';

/** The result of parsing one command's arguments. */
export interface ParsedCommandLine<V = Record<string, unknown>> {
  positionals: string[];
  /** The options' values, read by their declarations (empty when `help`). */
  options: V;
  /** The long names of the options given on the command line. */
  given: ReadonlySet<string>;
  /** `--help` was given: nothing else was checked. */
  help: boolean;
}

/**
 * Parses `args` (everything after the command name) against `spec`'s option declarations and reads every
 * option's value (defaults applied, bounds checked). Unknown options, missing values, a missing required option,
 * a bad value and a wrong number of positionals become a {@link UsageError} that names the command's help.
 * `--help` short-circuits every check.
 */
export function parseCommandLine<O extends OptionSpecs>(
  spec: CommandSpec<O>,
  args: string[],
): ParsedCommandLine<OptionValues<O>> {
  const declared: OptionSpecs = { ...COMMON_OPTIONS, ...spec.options };
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, option] of Object.entries(declared)) {
    config[name] = option.short ? { type: option.type, short: option.short } : { type: option.type };
  }
  let parsed: { values: ParsedOptions; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`ser ${spec.name}: ${cleanParseArgsMessage(error)}`, {
      hint: `run \`ser ${spec.name} --help\``,
    });
  }
  const given = new Set(Object.keys(parsed.values).filter((name) => parsed.values[name] !== undefined));
  if (parsed.values.help) return { positionals: parsed.positionals, options: {} as OptionValues<O>, given, help: true };
  const count = parsed.positionals.length;
  const { min, max, name } = spec.positionals;
  if (count < min) {
    throw new UsageError(`ser ${spec.name}: missing ${name}`, {
      hint: `usage: ser ${spec.usage}; run \`ser ${spec.name} --help\``,
    });
  }
  if (count > max) {
    const extra = parsed.positionals.slice(max).join(' ');
    throw new UsageError(`ser ${spec.name}: unexpected argument(s): ${extra}`, {
      hint: `usage: ser ${spec.usage}; run \`ser ${spec.name} --help\``,
    });
  }
  return {
    positionals: parsed.positionals,
    options: readOptions(spec.name, spec.options, parsed.values),
    given,
    help: false,
  };
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
export function numberOption(
  options: ParsedOptions,
  name: string,
  fallback: undefined,
  bounds?: NumberBounds,
): number | undefined;
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
  if (bounds.integer && !Number.isInteger(value))
    throw new UsageError(`--${name} expects a whole number, got "${raw}"`);
  if (bounds.min !== undefined) {
    const tooSmall = bounds.exclusiveMin ? value <= bounds.min : value < bounds.min;
    if (tooSmall)
      throw new UsageError(`--${name} must be ${bounds.exclusiveMin ? '>' : '≥'} ${bounds.min}, got ${raw}`);
  }
  if (bounds.max !== undefined && value > bounds.max)
    throw new UsageError(`--${name} must be ≤ ${bounds.max}, got ${raw}`);
  return value;
}

/** Reads a string option, `undefined` when absent. */
export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new UsageError(`--${name} expects a value`);
  return raw;
}

/** Reads a string option restricted to `choices`; `fallback` when absent. */
export function choiceOption<T extends string>(
  options: ParsedOptions,
  name: string,
  choices: readonly T[],
  fallback: T,
): T;
export function choiceOption<T extends string>(
  options: ParsedOptions,
  name: string,
  choices: readonly T[],
  fallback?: undefined,
): T | undefined;
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
    throw new UsageError(
      `--${name} must name a ${extension} file (the image is written as ${extension.slice(1).toUpperCase()}), got "${value}"`,
    );
  }
  return value;
}

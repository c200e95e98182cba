/**
 * Option declarations: each option of a command is declared once, with its type, default, bounds and help text.
 * The same declaration prints the help line (`--epochs <n>  maximum epochs (default: 50)`) and reads the value
 * (absent → the default; present → parsed and checked, a {@link UsageError} naming the option otherwise), so the
 * help and the parsing cannot drift apart.
 */
import { choiceOption, fileOption, numberOption, stringOption, type NumberBounds } from './args.js';
import { UsageError } from './errors.js';

/** A raw value as `node:util` parseArgs gives it. */
export type RawValue = string | boolean | string[] | undefined;

/** What an option's reader knows besides its raw value. */
export interface ReadContext {
  /** The command (`train`), for messages. */
  command: string;
  /** The option's long name (`epochs`). */
  name: string;
  /** The values of the options declared before this one (a default may depend on them, e.g. on `--arch`). */
  values: Readonly<Record<string, unknown>>;
}

/** One command-line option: how it looks on the command line and in help, and how its value is read. */
export interface OptionSpec<T = unknown> {
  /** `string` takes a value (`--out x`), `boolean` is a flag (`--json`). */
  type: 'string' | 'boolean';
  /** One-letter alias (`-o`). */
  short?: string;
  /** The value's placeholder in help (`<dir>`, `<seconds>`). */
  valueName?: string;
  /** One line of help. */
  description: string;
  /** The default as help shows it, derived from the declared default; undefined when there is none. */
  defaultText?: string;
  /** The option must be given. */
  required?: boolean;
  /** Reads the raw value into the option's value, applying the default and checking it. */
  read(raw: RawValue, context: ReadContext): T;
}

/** The options of a command, by long name. */
export type OptionSpecs = Record<string, OptionSpec>;

/** The values a command's options read to, by long name. */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

/**
 * A default that depends on another option's value (declared before it): `cases[value]` when it has a case,
 * else `otherwise`. Help shows `30 for attentionCnn, else 50`.
 */
export interface KeyedDefault<T> {
  /** The option whose value selects the default (e.g. `arch`). */
  by: string;
  cases: Readonly<Record<string, T>>;
  otherwise: T;
}

/** A default computed when the command runs (e.g. the number of CPU cores), with the text help shows for it. */
export interface ComputedDefault<T> {
  text: string;
  value: (values: Readonly<Record<string, unknown>>) => T;
}

/** A declared default: a constant, one keyed by another option, or one computed at run time. */
export type DefaultOf<T> = T | KeyedDefault<T> | ComputedDefault<T>;

function isKeyed<T>(value: DefaultOf<T>): value is KeyedDefault<T> {
  return typeof value === 'object' && value !== null && 'by' in value && 'cases' in value;
}

function isComputed<T>(value: DefaultOf<T>): value is ComputedDefault<T> {
  return typeof value === 'object' && value !== null && 'text' in value && 'value' in value;
}

/** The help text of a declared default. */
export function defaultTextOf<T>(value: DefaultOf<T>): string {
  if (isComputed(value)) return value.text;
  if (isKeyed(value)) {
    const cases = Object.entries(value.cases).map(([key, v]) => `${String(v)} for ${key}`);
    return `${cases.join(', ')}, else ${String(value.otherwise)}`;
  }
  return String(value);
}

/** The value of a declared default, given the options read so far. */
export function resolveDefault<T>(value: DefaultOf<T>, values: Readonly<Record<string, unknown>>): T {
  if (isComputed(value)) return value.value(values);
  if (isKeyed(value)) {
    const key = values[value.by];
    return typeof key === 'string' && Object.hasOwn(value.cases, key) ? value.cases[key]! : value.otherwise;
  }
  return value;
}

/** The fields every value-taking declaration has. */
interface ValueOptionFields {
  description: string;
  valueName?: string;
  short?: string;
}

function missing(context: ReadContext, valueName: string | undefined, what = ''): UsageError {
  return new UsageError(`ser ${context.command}: --${context.name} <${valueName ?? 'value'}> is required${what}`, {
    hint: `run \`ser ${context.command} --help\``,
  });
}

/** The help text of a required option: its description, marked `(required)` unless it says so. */
function requiredDescription(description: string): string {
  return /\brequired\b/.test(description) ? description : `${description} (required)`;
}

/** A boolean flag (`--json`): true when given. */
export function flag(options: { description: string; short?: string }): OptionSpec<boolean> {
  return { type: 'boolean', ...options, read: (raw) => raw === true };
}

/** A string option: `string | undefined`, or `string` with `required` or a `default`. */
export function text(
  options: ValueOptionFields & ({ required: true } | { default: DefaultOf<string> }),
): OptionSpec<string>;
export function text(options: ValueOptionFields & { defaultText?: string }): OptionSpec<string | undefined>;
export function text(
  options: ValueOptionFields & { required?: boolean; default?: DefaultOf<string>; defaultText?: string },
): OptionSpec<string | undefined> {
  const { required, default: fallback, defaultText, ...rest } = options;
  return {
    type: 'string',
    ...rest,
    ...(required ? { required: true, description: requiredDescription(rest.description) } : {}),
    ...(fallback !== undefined
      ? { defaultText: defaultTextOf(fallback) }
      : defaultText !== undefined
        ? { defaultText }
        : {}),
    read(raw, context) {
      const value = stringOption({ [context.name]: raw }, context.name);
      if (value !== undefined && value !== '') return value;
      if (required) throw missing(context, rest.valueName);
      return fallback === undefined ? value : resolveDefault(fallback, context.values);
    },
  };
}

/**
 * A string restricted to `choices`. Help lists the choices when the description does not; a missing required
 * choice is a usage error that lists them.
 */
export function choice<const C extends readonly string[]>(
  options: ValueOptionFields & { choices: C } & ({ required: true } | { default: DefaultOf<C[number]> }),
): OptionSpec<C[number]>;
export function choice<const C extends readonly string[]>(
  options: ValueOptionFields & { choices: C },
): OptionSpec<C[number] | undefined>;
export function choice<const C extends readonly string[]>(
  options: ValueOptionFields & { choices: C; required?: boolean; default?: DefaultOf<C[number]> },
): OptionSpec<C[number] | undefined> {
  const { required, default: fallback, choices, ...rest } = options;
  return {
    type: 'string',
    ...rest,
    ...(required ? { required: true, description: requiredDescription(rest.description) } : {}),
    ...(fallback !== undefined ? { defaultText: defaultTextOf(fallback) } : {}),
    read(raw, context) {
      const value = choiceOption({ [context.name]: raw }, context.name, choices);
      if (value !== undefined) return value;
      if (required) throw missing(context, rest.valueName, ` (${choices.join(', ')})`);
      return fallback === undefined ? undefined : resolveDefault(fallback, context.values);
    },
  };
}

/** A number within `bounds`: `number` with a `default`, else `number | undefined`. */
export function number(options: ValueOptionFields & NumberBounds & { default: DefaultOf<number> }): OptionSpec<number>;
export function number(
  options: ValueOptionFields & NumberBounds & { defaultText?: string },
): OptionSpec<number | undefined>;
export function number(
  options: ValueOptionFields & NumberBounds & { default?: DefaultOf<number>; defaultText?: string },
): OptionSpec<number | undefined> {
  const { default: fallback, defaultText, min, max, exclusiveMin, integer, ...rest } = options;
  const bounds: NumberBounds = { min, max, exclusiveMin, integer };
  return {
    type: 'string',
    ...rest,
    ...(fallback !== undefined
      ? { defaultText: defaultTextOf(fallback) }
      : defaultText !== undefined
        ? { defaultText }
        : {}),
    read(raw, context) {
      const value = numberOption({ [context.name]: raw }, context.name, undefined, bounds);
      if (value !== undefined || fallback === undefined) return value;
      return resolveDefault(fallback, context.values);
    },
  };
}

/** An output file that must end in `extension` (e.g. `.svg`). */
export function outputFile(options: ValueOptionFields & { extension: string; required: true }): OptionSpec<string>;
export function outputFile(options: ValueOptionFields & { extension: string }): OptionSpec<string | undefined>;
export function outputFile(
  options: ValueOptionFields & { extension: string; required?: boolean },
): OptionSpec<string | undefined> {
  const { extension, required, ...rest } = options;
  return {
    type: 'string',
    ...rest,
    ...(required ? { required: true, description: requiredDescription(rest.description) } : {}),
    read(raw, context) {
      const value = fileOption({ [context.name]: raw }, context.name, extension);
      if (value === undefined && required) throw missing(context, rest.valueName);
      return value;
    },
  };
}

/**
 * Reads every declared option from parseArgs' raw values, in declaration order (so a default may depend on an
 * option declared before it).
 * @throws UsageError naming the option whose value is missing, malformed or out of range
 */
export function readOptions<O extends OptionSpecs>(
  command: string,
  specs: O,
  raw: Readonly<Record<string, RawValue>>,
): OptionValues<O> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    values[name] = spec.read(raw[name], { command, name, values });
  }
  return values as OptionValues<O>;
}

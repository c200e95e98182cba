/**
 * Every command's options come from one declaration: the default its help prints is the value parsing gives
 * when the option is absent, and a missing required option is a usage error (exit 2) in every command.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTRACT_MAX_SECONDS } from '@ser/datasets';
import { parseCommandLine } from '../src/args.js';
import type { AnyCommand } from '../src/command.js';
import { COMMANDS } from '../src/commands/index.js';
import { EXIT } from '../src/exit-codes.js';
import { commandHelp } from '../src/help.js';
import type { OptionSpec } from '../src/options.js';
import { runCli } from '../src/run-cli.js';
import { trainCommand } from '../src/commands/train.js';
import { tuneCommand } from '../src/commands/tune.js';
import { memoryIo } from './helpers/memory-io.js';
import { ARCH_CHOICES } from '../src/model/architectures.js';
import { defaultWorkers } from '../src/model/training-workers.js';

/** A value a required option accepts: its first choice, a .svg name, or a word. */
function sampleValue(name: string, spec: OptionSpec): string {
  const choices = /\b(ravdess|hyperband|ogCnn)\b/.exec(spec.description)?.[1];
  if (choices) return choices;
  return name === 'out' && /svg/.test(spec.valueName ?? '') ? 'x.svg' : 'x';
}

/** The command line with every required option and positional filled in, except `without`. */
function minimalArgs(command: AnyCommand, without?: string): string[] {
  const args: string[] = Array.from({ length: command.positionals.min }, () => 'x');
  for (const [name, spec] of Object.entries(command.options as Record<string, OptionSpec>)) {
    if (spec.required && name !== without) args.push(`--${name}`, sampleValue(name, spec));
  }
  return args;
}

/** `(default: …)` of each option in `help`, by option name (help wraps long lines: they are joined first). */
function helpDefaults(help: string): Map<string, string> {
  const joined = help.replace(/\n {10,}/g, ' ');
  const defaults = new Map<string, string>();
  for (const match of joined.matchAll(/--([\w-]+)(?: <[^>]+>)?\s+.*\(default: (.+)\)$/gm))
    defaults.set(match[1]!, match[2]!);
  return defaults;
}

/** Defaults computed at run time, and what they are. */
const COMPUTED: Record<string, (values: Record<string, unknown>) => unknown> = {
  'number of CPU cores': () => availableParallelism(),
  'the chunk length': (values) => values.chunk,
  '1 for ogCnn, paperCnn and attentionCnn on a machine with ≥ 2 cores, 0 for cnnLstm and mlp': (values) =>
    defaultWorkers(String(values.arch)),
};

describe('option declarations', () => {
  for (const command of COMMANDS) {
    it(`${command.name}: the defaults --help shows are the parsed defaults`, () => {
      const defaults = helpDefaults(commandHelp(command, 200));
      const parsed = parseCommandLine(command, minimalArgs(command)).options as Record<string, unknown>;
      let checked = 0;
      for (const [name, text] of defaults) {
        const spec = (command.options as Record<string, OptionSpec>)[name];
        if (!spec || spec.type === 'boolean' || name === 'progress') continue;
        const keyed = /^(.+) for (\w+), else (.+)$/.exec(text);
        if (COMPUTED[text]) {
          expect(parsed[name], `${command.name} --${name}`).toBe(COMPUTED[text](parsed));
        } else if (keyed) {
          const [, value, key, otherwise] = keyed;
          const by = (ARCH_CHOICES as readonly string[]).includes(key!) ? 'arch' : 'tuner';
          const withKey = parseCommandLine(command, [...minimalArgs(command, by), `--${by}`, key!]).options as Record<
            string,
            unknown
          >;
          expect(String(withKey[name]), `${command.name} --${name} with --${by} ${key}`).toBe(value);
          const other = by === 'arch' ? 'mlp' : 'random';
          const withOther = parseCommandLine(command, [...minimalArgs(command, by), `--${by}`, other])
            .options as Record<string, unknown>;
          expect(String(withOther[name]), `${command.name} --${name} with --${by} ${other}`).toBe(otherwise);
        } else if (spec.defaultText !== undefined && parsed[name] === undefined) {
          // a default the library applies (e.g. the Whisper model): documented, not parsed here
          continue;
        } else {
          expect(String(parsed[name]), `${command.name} --${name}`).toBe(text);
        }
        checked++;
      }
      const declared = Object.values(command.options as Record<string, OptionSpec>).filter(
        (spec) => spec.type === 'string' && spec.defaultText !== undefined,
      );
      expect(checked).toBeGreaterThanOrEqual(declared.length - 3);
    });
  }

  it('train and tune share the training options and their defaults (--seed 42)', () => {
    const train = parseCommandLine(trainCommand, ['--data', 'd', '--arch', 'ogCnn', '--out', 'o']).options;
    const tune = parseCommandLine(tuneCommand, ['--data', 'd', '--tuner', 'random', '--arch', 'ogCnn']).options;
    expect(train.seed).toBe(42);
    expect(tune.seed).toBe(train.seed);
    expect(tune['batch-size']).toBe(train['batch-size']);
    expect(tune.workers).toBe(train.workers);
    for (const name of ['seed', 'batch-size', 'workers', 'data'] as const) {
      expect(tuneCommand.options[name].defaultText, `--${name}`).toBe(trainCommand.options[name].defaultText);
      expect(tuneCommand.options[name].required, `--${name}`).toBe(trainCommand.options[name].required);
    }
    expect(commandHelp(tuneCommand)).toMatch(/--seed <n>\s+seed of the split and the sampling \(default: 42\)/);
  });

  it("extract's --max-seconds default is @ser/datasets' DEFAULT_EXTRACT_MAX_SECONDS", () => {
    const extract = COMMANDS.find((c) => c.name === 'extract')!;
    expect(parseCommandLine(extract, minimalArgs(extract)).options['max-seconds']).toBe(DEFAULT_EXTRACT_MAX_SECONDS);
  });
});

describe('one exit-code rule', () => {
  const cases = COMMANDS.flatMap((command) =>
    Object.entries(command.options as Record<string, OptionSpec>)
      .filter(([, spec]) => spec.required)
      .map(([name]) => ({ command, name })),
  );

  it('declares required options (--arch, --tuner, --data, --out, --dataset …)', () => {
    expect(cases.map((c) => `${c.command.name} --${c.name}`)).toEqual(
      expect.arrayContaining(['train --arch', 'tune --tuner', 'tune --data', 'extract --dataset', 'plot-model --out']),
    );
  });

  for (const { command, name } of cases) {
    it(`${command.name} without --${name} exits ${EXIT.usage} naming it`, async () => {
      const run = memoryIo();
      expect(await runCli([command.name, ...minimalArgs(command, name)], run.io)).toBe(EXIT.usage);
      expect(run.err()).toMatch(new RegExp(`ser ${command.name}: --${name} <[^>]+> is required`));
      expect(run.err()).toContain(`run \`ser ${command.name} --help\``);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { choiceOption, fileOption, numberOption, parseCommandLine } from '../src/args.js';
import { defineCommand } from '../src/command.js';
import { flag, number, text } from '../src/options.js';
import { parseCorpusRef } from '../src/corpus-ref.js';
import { UsageError, describeError, exitCodeOf, CliError } from '../src/errors.js';
import { commandHelp, wrapText } from '../src/help.js';
import { runCli } from '../src/run-cli.js';
import { memoryIo } from './helpers/memory-io.js';

const spec = defineCommand({
  name: 'demo',
  summary: 'a demo command',
  usage: 'demo <file> [options]',
  options: {
    count: number({ valueName: 'n', description: 'how many', default: 3, min: 1, integer: true }),
    loud: flag({ short: 'l', description: 'be loud' }),
    out: text({ valueName: 'file', description: 'where to write', required: true }),
  },
  positionals: { min: 1, max: 2, name: '<file>' },
  examples: ['ser demo a.wav --count 2'],
  run: async () => 0,
});

describe('parseCommandLine', () => {
  it('parses options and positionals', () => {
    const parsed = parseCommandLine(spec, ['a.wav', '--count', '5', '-l', '--out', 'x']);
    expect(parsed.positionals).toEqual(['a.wav']);
    expect(parsed.options).toEqual({ count: 5, loud: true, out: 'x' });
    expect([...parsed.given].sort()).toEqual(['count', 'loud', 'out']);
    // the declared default, and the declared bounds
    expect(parseCommandLine(spec, ['a.wav', '--out', 'x']).options).toEqual({ count: 3, loud: false, out: 'x' });
    expect(() => parseCommandLine(spec, ['a.wav', '--out', 'x', '--count', '0'])).toThrow(/--count must be ≥ 1, got 0/);
    expect(() => parseCommandLine(spec, ['a.wav'])).toThrow(/ser demo: --out <file> is required/);
  });

  it('turns unknown options and wrong positional counts into usage errors', () => {
    expect(() => parseCommandLine(spec, ['a.wav', '--nope'])).toThrow(UsageError);
    expect(() => parseCommandLine(spec, ['--out', 'x'])).toThrow(/missing <file>/);
    expect(() => parseCommandLine(spec, ['a', 'b', 'c', '--out', 'x'])).toThrow(/unexpected argument\(s\): c/);
    expect(parseCommandLine(spec, ['--help']).help).toBe(true); // help skips the positional and required checks
  });
});

describe('option readers', () => {
  it('reads numbers within bounds', () => {
    expect(numberOption({}, 'n', 7)).toBe(7);
    expect(numberOption({ n: '2.5' }, 'n', 7, { min: 0 })).toBe(2.5);
    expect(() => numberOption({ n: 'x' }, 'n', 7)).toThrow(/--n expects a number, got "x"/);
    expect(() => numberOption({ n: '' }, 'n', 7)).toThrow(/expects a number/);
    expect(() => numberOption({ n: '1.5' }, 'n', 7, { integer: true })).toThrow(/whole number/);
    expect(() => numberOption({ n: '0' }, 'n', 7, { min: 0, exclusiveMin: true })).toThrow(/must be > 0/);
    expect(() => numberOption({ n: '11' }, 'n', 7, { max: 10 })).toThrow(/must be ≤ 10/);
  });

  it('reads choices and required strings', () => {
    expect(choiceOption({ c: 'b' }, 'c', ['a', 'b'] as const, 'a')).toBe('b');
    expect(choiceOption({}, 'c', ['a', 'b'] as const, 'a')).toBe('a');
    expect(() => choiceOption({ c: 'z' }, 'c', ['a', 'b'] as const)).toThrow(/--c must be one of a, b; got "z"/);
    expect(fileOption({ out: 'cm.SVG' }, 'out', '.svg')).toBe('cm.SVG');
    expect(fileOption({}, 'out', '.svg')).toBeUndefined();
    expect(() => fileOption({ out: 'cm.png' }, 'out', '.svg')).toThrow(/--out must name a \.svg file/);
  });
});

describe('errors', () => {
  it('maps errors to exit codes and describes them with hints and causes', () => {
    expect(exitCodeOf(new UsageError('bad'))).toBe(2);
    expect(exitCodeOf(new CliError('failed'))).toBe(1);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
    const error = new CliError('cannot read x', { hint: 'check x', cause: new Error('EACCES') });
    expect(describeError(error)).toBe('cannot read x\n  caused by: EACCES\n  hint: check x');
  });
});

describe('help', () => {
  it('wraps text and lists options, defaults and examples', () => {
    expect(wrapText('aaa bbb ccc', 8)).toBe('aaa bbb\nccc');
    const help = commandHelp(spec);
    expect(help).toContain('Usage: ser demo <file> [options]');
    expect(help).toMatch(/--count <n>\s+how many \(default: 3\)/);
    expect(help).toMatch(/-l, --loud\s+be loud/);
    expect(help).toMatch(/--out <file>\s+where to write \(required\)/);
    expect(help).toContain('Exit codes: 0 ok, 1 the command failed, 2 usage error, 130 interrupted (Ctrl-C).');
    expect(help).toContain('  $ ser demo a.wav --count 2');
  });
});

describe('corpus references', () => {
  it('reads name, dir/name and file paths', () => {
    expect(parseCorpusRef('ravdess', '/w')).toEqual({ dir: '/w', name: 'ravdess' });
    expect(parseCorpusRef('data/ravdess.meta.json', '/w')).toEqual({ dir: '/w/data', name: 'ravdess' });
    expect(parseCorpusRef('/d/x_all.npy', '/w')).toEqual({ dir: '/d', name: 'all' });
    expect(() => parseCorpusRef('  ', '/w')).toThrow(UsageError);
  });
});

describe('runCli in-process', () => {
  it('prints help for `ser help <command>` and rejects unknown topics', async () => {
    const ok = memoryIo();
    expect(await runCli(['help', 'analyze'], ok.io)).toBe(0);
    expect(ok.out()).toContain('Usage: ser analyze <file|url>');
    const bad = memoryIo();
    expect(await runCli(['help', 'nothing'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/unknown command "nothing"/);
  });

  it('rejects an unknown top-level option', async () => {
    const run = memoryIo();
    expect(await runCli(['--verbose'], run.io)).toBe(2);
    expect(run.err()).toMatch(/unknown option "--verbose"/);
  });
});

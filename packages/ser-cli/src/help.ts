/** Help text for the `ser` command and its sub-commands. */
import { COMMON_OPTIONS, type AnyCommand } from './command.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import type { OptionSpec, OptionSpecs } from './options.js';

/** `--name <value>` / `-n, --name <value>` as shown in help. */
function optionLabel(name: string, spec: OptionSpec): string {
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  const short = spec.short ? `-${spec.short}, ` : '    ';
  return `${short}--${name}${value}`;
}

/** Wraps `text` to `width` columns, indenting continuation lines by `indent` spaces. */
export function wrapText(text: string, width: number, indent = 0): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width - indent) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** The full `ser <command> --help` text. */
export function commandHelp(spec: AnyCommand, width = 100): string {
  const out: string[] = [`Usage: ser ${spec.usage}`, '', wrapText(spec.summary, width)];
  if (spec.description) {
    for (const paragraph of spec.description.split(/\n\s*\n/)) out.push('', wrapText(paragraph, width));
  }
  const declared: OptionSpecs = spec.options as OptionSpecs;
  const options: OptionSpecs = { ...declared, ...COMMON_OPTIONS };
  const labels = Object.entries(options).map(([name, option]) => [optionLabel(name, option), option] as const);
  const labelWidth = Math.min(34, Math.max(...labels.map(([label]) => label.length)) + 2);
  out.push('', 'Options:');
  for (const [label, option] of labels) {
    const text = option.defaultText ? `${option.description} (default: ${option.defaultText})` : option.description;
    const pad =
      label.length + 2 > labelWidth ? `\n${' '.repeat(labelWidth + 2)}` : ' '.repeat(labelWidth - label.length);
    out.push(`  ${label}${pad}${wrapText(text, width, labelWidth + 2)}`);
  }
  out.push('', 'Examples:');
  for (const example of spec.examples) out.push(`  $ ${example}`);
  out.push('', EXIT_CODES_HELP);
  return `${out.join('\n')}\n`;
}

/** The top-level `ser --help` text: usage, the command list, global options and examples. */
export function mainHelp(commands: readonly AnyCommand[], version: string): string {
  const nameWidth = Math.max(...commands.map((c) => c.name.length)) + 2;
  const out = [
    `ser ${version}: speech emotion recognition from the command line`,
    '',
    'Usage: ser <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(nameWidth)}${c.summary}`),
    '',
    'Run `ser <command> --help` for its options and examples.',
    '',
    'Options:',
    '  -h, --help      show help (also `ser <command> --help`)',
    '  -v, --version   print the version',
    '',
    'Examples:',
    '  $ ser analyze speech.wav',
    '  $ ser analyze https://example.org/voice.mp3 --chunk 3 --json',
    '  $ ser calibrate calm.wav --out me.calibration.json && ser analyze call.wav --calibration me.calibration.json',
    '  $ ser extract ravdess/ --dataset ravdess --out ravdess-ser180',
    '  $ ser train --data ravdess-ser180 --arch mlp --out my-model',
    '',
    EXIT_CODES_HELP,
  ];
  return `${out.join('\n')}\n`;
}

/** The short list of commands printed after an unknown command. */
export function commandList(commands: readonly AnyCommand[]): string {
  return commands.map((c) => c.name).join(', ');
}

/** `ser merge <a> <b> … --out <name>`: concatenate saved corpora with the same features and labels. */
import { defineCommand } from '../command.js';
import { text } from '../options.js';
import { jsonOption } from '../shared-options.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { mergeCorpusFiles } from '../corpus/merge-corpus-files.js';
import { formatCorpusSummary } from '../ui/corpus-summary.js';

export const mergeCommand = defineCommand({
  name: 'merge',
  summary: 'concatenate saved feature corpora (same feature set and label set) into one',
  usage: 'merge <corpus> <corpus>… --out <name> [options]',
  description:
    'A corpus is named like `ser extract --out` names it: `name` or `dir/name` for the files x_<name>.npy, ' +
    'y_<name>.npy and <name>.meta.json. Corpora must share every feature parameter and the label set; ' +
    'otherwise the command says which parameter differs.',
  options: {
    out: text({ short: 'o', valueName: 'name', description: 'name ([dir/]name) of the merged corpus', required: true }),
    json: jsonOption(),
  },
  positionals: { min: 2, max: Infinity, name: 'at least two corpora to merge' },
  examples: [
    'ser merge ravdess-ser180 tess-ser180 --out all-ser180',
    'ser merge data/a data/b data/c --out data/abc --json',
  ],
  async run({ positionals, options, io }) {
    const out = parseCorpusRef(options.out, io.cwd);
    const inputs = positionals.map((ref) => parseCorpusRef(ref, io.cwd));
    const { summary } = await mergeCorpusFiles(inputs, out);
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ inputs, ...summary }, null, 2)}\n`);
      return 0;
    }
    io.stdout.write(`merged ${inputs.length} corpora\n${formatCorpusSummary(summary)}\n`);
    return 0;
  },
});

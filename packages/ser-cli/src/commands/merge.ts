/** `ser merge <a> <b> … --out <name>`: concatenate saved corpora with the same features and labels. */
import { countBy, loadCorpus, mergeCorpora, saveCorpus, type Corpus } from '@ser/datasets';
import { flagOption, requiredStringOption } from '../args.js';
import { JSON_OPTION, type CommandSpec } from '../command.js';
import { corpusRefLabel, parseCorpusRef } from '../corpus-ref.js';
import { renderTable } from '../ui/table.js';

export const mergeCommand: CommandSpec = {
  name: 'merge',
  summary: 'concatenate saved feature corpora (same feature set and label set) into one',
  usage: 'merge <corpus> <corpus>… --out <name> [options]',
  description:
    'A corpus is named like `ser extract --out` names it: `name` or `dir/name` for the files x_<name>.npy, ' +
    'y_<name>.npy and <name>.meta.json. Corpora must share every feature parameter and the label set; ' +
    'otherwise the command says which parameter differs.',
  options: {
    out: { type: 'string', short: 'o', valueName: 'name', description: 'name ([dir/]name) of the merged corpus (required)' },
    json: JSON_OPTION,
  },
  positionals: { min: 2, max: Infinity, name: 'at least two corpora to merge' },
  examples: ['ser merge ravdess-ser180 tess-ser180 --out all-ser180', 'ser merge data/a data/b data/c --out data/abc --json'],
  async run({ positionals, options, io }) {
    const out = parseCorpusRef(requiredStringOption(options, 'out', 'merge', 'name'), io.cwd);
    const refs = positionals.map((ref) => parseCorpusRef(ref, io.cwd));
    const corpora: Corpus[] = [];
    for (const ref of refs) corpora.push(await loadCorpus(ref.dir, ref.name));
    const merged = mergeCorpora(...corpora);
    const files = await saveCorpus(out.dir, out.name, merged);
    const labelCounts = countBy(merged.labels);
    const speakers = new Set(merged.items.map((item) => item.speaker)).size;
    if (flagOption(options, 'json')) {
      const inputs = refs.map((ref, i) => ({ corpus: corpusRefLabel(ref), rows: corpora[i]!.shape[0] }));
      io.stdout.write(`${JSON.stringify({ out: files, inputs, rows: merged.shape[0], shape: merged.shape, speakers, labelCounts }, null, 2)}\n`);
      return 0;
    }
    const rows = [['corpus', 'rows'], ...refs.map((ref, i) => [corpusRefLabel(ref), String(corpora[i]!.shape[0])]), ['merged', String(merged.shape[0])]];
    io.stdout.write(`${renderTable(rows, { headerRule: true })}\n`);
    io.stdout.write(`features ${merged.featureConfig.featureSet} [${merged.shape.slice(1).join('×')}], label set ${merged.labelSet.name}, ${speakers} speakers\n`);
    io.stdout.write(`per label: ${Object.entries(labelCounts).map(([label, n]) => `${label} ${n}`).join(', ')}\n`);
    io.stdout.write(`wrote ${files.x}, ${files.y}, ${files.meta}\n`);
    return 0;
  },
};

/** `ser plot-model <bundle> --out model.svg`: layer summary and layer-graph image of a bundle. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineCommand } from '../command.js';
import { outputFile } from '../options.js';
import { loadModels, loadModelsNode } from '../deps.js';
import { ensureBackend } from '../model/load-emotion-model.js';
import { resolveModelDir } from '../model/resolve-model-dir.js';

export const plotModelCommand = defineCommand({
  name: 'plot-model',
  summary: 'print the layer summary of a bundle and draw its layer graph as SVG',
  usage: 'plot-model <bundle> --out <file.svg>',
  options: {
    out: outputFile({
      short: 'o',
      valueName: 'file.svg',
      description: 'where to write the SVG',
      extension: '.svg',
      required: true,
    }),
  },
  positionals: { min: 1, max: 1, name: '<bundle> (the model folder)' },
  examples: ['ser plot-model my-model --out model.svg'],
  async run({ positionals, options, io }) {
    const location = await resolveModelDir(positionals[0], io.cwd);
    const out = resolve(io.cwd, options.out);
    await ensureBackend(io.env);
    const models = await loadModels();
    const { loadBundle } = await loadModelsNode();
    const bundle = await loadBundle(location.dir);
    try {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, models.plotModel(bundle.model));
      const { metadata } = bundle;
      io.stdout.write(
        `${location.dir}: ${metadata.architecture ?? 'model'} on ${metadata.featureConfig.featureSet} [${metadata.inputShape.join('×')}] → ${metadata.labels.join(', ')}\n` +
          `${models.describeModel(bundle.model).trimEnd()}\nwrote ${out}\n`,
      );
      return 0;
    } finally {
      bundle.model.dispose();
    }
  },
});

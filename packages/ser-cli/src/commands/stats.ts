/** `ser stats <bundle> --data <name>`: report and confusion matrix of a bundle on the held-out speakers of a corpus. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FeatureConfig } from '@ser/audio-features';
import type { EvaluationReport } from '@ser/models';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { outputFile } from '../options.js';
import { dataOption, jsonOption } from '../shared-options.js';
import { parseCorpusRef } from '../corpus-ref.js';
import { loadDatasets, loadModels, loadModelsNode } from '../deps.js';
import { CliError } from '../errors.js';
import { ensureBackend } from '../model/load-emotion-model.js';
import { resolveModelDir, type ModelLocation } from '../model/resolve-model-dir.js';
import { formatPercent } from '../ui/format.js';
import { renderConfusionTable } from '../ui/table.js';

export const statsCommand = defineCommand({
  name: 'stats',
  summary: 'classification report and confusion-matrix image of a bundle on the held-out speakers of a corpus',
  usage: 'stats <bundle> --data <name> [--out cm.svg] [options]',
  description:
    'Only the rows of speakers the bundle records as held out during training are used, so the figures are ' +
    "speaker-independent. The corpus must have the bundle's feature configuration and label set.",
  options: {
    data: dataOption(),
    out: outputFile({
      short: 'o',
      valueName: 'file.svg',
      description: 'write the confusion matrix as an SVG image',
      extension: '.svg',
    }),
    json: jsonOption('print { accuracy, macroF1, n, labels, confusion, report, speakers } as JSON'),
  },
  positionals: { min: 1, max: 1, name: '<bundle> (the model folder)' },
  examples: ['ser stats my-model --data ravdess-ser180 --out cm.svg', 'ser stats models/og --data all-ser180 --json'],
  async run({ positionals, options, io }) {
    const location = await resolveModelDir(positionals[0], io.cwd);
    const data = parseCorpusRef(options.data, io.cwd);
    const svg = options.out === undefined ? undefined : resolve(io.cwd, options.out);
    const stats = await heldOutStats(location, data, io);
    if (svg) await writeConfusionSvg(stats, svg);
    printStats(stats, svg, options.json, io);
    return EXIT.ok;
  },
});

/** The figures `ser stats` prints. */
interface HeldOutStats {
  report: EvaluationReport;
  /** @ser/models' `formatReport` of it. */
  reportText: string;
  labels: string[];
  heldOut: string[];
  /** Rows of the held-out speakers, and of the whole corpus. */
  rows: number;
  corpusRows: number;
  corpusName: string;
}

/**
 * Loads the corpus and the bundle, checks they agree (features, labels), and evaluates the bundle on the rows of the
 * speakers it records as held out.
 * @throws CliError when the bundle records no held-out speakers, the corpus differs from it or has none of them
 */
async function heldOutStats(
  location: ModelLocation,
  data: ReturnType<typeof parseCorpusRef>,
  io: CliIo,
): Promise<HeldOutStats> {
  const { loadCorpus } = await loadDatasets();
  const corpus = await loadCorpus(data.dir, data.name);
  await ensureBackend(io.env);
  const models = await loadModels();
  const { loadBundle } = await loadModelsNode();
  const bundle = await loadBundle(location.dir);
  try {
    const { metadata } = bundle;
    const heldOut = metadata.training?.validationSpeakers;
    if (!Array.isArray(heldOut) || heldOut.length === 0) {
      throw new CliError(`the bundle ${location.dir} does not record which speakers were held out`, {
        hint: 'use `ser evaluate <dir> --dataset …` on recordings of speakers it was not trained on instead',
      });
    }
    assertSameFeatures(metadata.featureConfig, corpus.featureConfig, location.dir, data.name);
    if (metadata.labels.join('\u0000') !== corpus.labelSet.labels.join('\u0000')) {
      throw new CliError(
        `the corpus labels (${corpus.labelSet.labels.join(', ')}) differ from the bundle's (${metadata.labels.join(', ')})`,
        {
          hint: 'extract the corpus with the label set the model was trained on (--labels)',
        },
      );
    }
    const held = new Set(heldOut);
    const rows = corpus.items.flatMap((item, row) => (held.has(item.speaker) ? [row] : []));
    if (rows.length === 0) {
      throw new CliError(`corpus ${data.name} has no rows of the held-out speakers ${heldOut.join(', ')}`, {
        hint: 'give the corpus the model was trained on (or one that includes those speakers)',
      });
    }
    const size = corpus.shape.slice(1).reduce((a, b) => a * b, 1);
    const x = new Float32Array(rows.length * size);
    const y = new Int32Array(rows.length);
    rows.forEach((row, i) => {
      x.set(corpus.x.subarray(row * size, (row + 1) * size), i * size);
      y[i] = corpus.y[row]!;
    });
    const report = await models.evaluateModel(bundle.model, x, y, [...metadata.labels], {
      standardization: metadata.standardization,
      shape: metadata.inputShape,
    });
    return {
      report,
      reportText: models.formatReport(report, 3).trimEnd(),
      labels: [...metadata.labels],
      heldOut,
      rows: rows.length,
      corpusRows: corpus.shape[0] ?? 0,
      corpusName: data.name,
    };
  } finally {
    bundle.model.dispose();
  }
}

/** Draws the confusion matrix as an SVG image at `file`. */
async function writeConfusionSvg(stats: HeldOutStats, file: string): Promise<void> {
  const models = await loadModels();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    models.renderConfusionMatrix(stats.report.confusionMatrix, stats.labels, {
      title: `held-out speakers: ${stats.heldOut.join(', ')}`,
    }),
  );
}

/** Prints the figures: JSON with --json, else the report and the confusion matrix as text. */
function printStats(stats: HeldOutStats, svg: string | undefined, json: boolean, io: CliIo): void {
  const { report, labels, heldOut } = stats;
  if (json) {
    const result = {
      accuracy: report.accuracy,
      macroF1: report.macroAvg.f1,
      n: stats.rows,
      labels,
      confusion: report.confusionMatrix,
      report,
      speakers: heldOut,
      svg: svg ?? null,
    };
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.stdout.write(
    [
      `${stats.rows} held-out row(s) of speakers ${heldOut.join(', ')} (of ${stats.corpusRows} in ${stats.corpusName})`,
      `accuracy ${formatPercent(report.accuracy)}   macro-F1 ${report.macroAvg.f1.toFixed(3)}`,
      '',
      stats.reportText,
      '',
      'confusion matrix (rows: true, columns: predicted)',
      renderConfusionTable(labels, report.confusionMatrix),
      ...(svg ? [`wrote ${svg}`] : []),
    ].join('\n') + '\n',
  );
}

/** Throws unless both feature configurations agree on every parameter. */
function assertSameFeatures(
  bundleConfig: FeatureConfig,
  corpusConfig: FeatureConfig,
  bundleDir: string,
  corpusName: string,
): void {
  const bundle: Readonly<Record<string, unknown>> = { ...bundleConfig };
  const corpus: Readonly<Record<string, unknown>> = { ...corpusConfig };
  for (const key of [...new Set([...Object.keys(bundle), ...Object.keys(corpus)])].sort()) {
    if (bundle[key] !== corpus[key]) {
      throw new CliError(
        `corpus ${corpusName} was extracted with ${key} = ${JSON.stringify(corpus[key])}, the bundle ${bundleDir} expects ${JSON.stringify(bundle[key])}`,
        { hint: 'extract the corpus with the feature set the model was trained on (--features)' },
      );
    }
  }
}

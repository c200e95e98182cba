/** The work of `ser merge`: load saved corpora, merge them (refusing incompatible ones), save, summarise. */
import type { Corpus, CorpusLocation, CorpusSummary } from '@ser/datasets';
import { loadDatasets } from '../deps.js';

/**
 * Loads the saved corpora `inputs`, merges them with @ser/datasets' `mergeCorpora` and saves the result to `out`.
 *
 * @returns the merged corpus and its summary
 * @throws DatasetError naming the corpus and the parameter that differs, or a file both corpora hold
 * @example
 * ```ts
 * const { summary } = await mergeCorpusFiles([{ dir: 'data', name: 'ravdess' }, { dir: 'data', name: 'tess' }], { dir: 'data', name: 'all' });
 * ```
 */
export async function mergeCorpusFiles(
  inputs: readonly CorpusLocation[],
  out: CorpusLocation,
): Promise<{ corpus: Corpus; summary: CorpusSummary }> {
  const { loadCorpus, mergeCorpora, saveCorpus, summarizeCorpus } = await loadDatasets();
  const corpora = [];
  for (const input of inputs) corpora.push(await loadCorpus(input.dir, input.name));
  const corpus = mergeCorpora(...corpora);
  const files = await saveCorpus(out.dir, out.name, corpus);
  return { corpus, summary: summarizeCorpus(corpus, files) };
}

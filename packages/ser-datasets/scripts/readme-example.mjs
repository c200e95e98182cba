// The README's example, runnable: node scripts/readme-example.mjs [path/to/ravdess] [out-dir]
import {
  applyLabelSet,
  defaultValidationSplit,
  extractFeatures,
  loadCorpus,
  saveCorpus,
  scanRavdess,
} from '@ser/datasets';

const ravdessDir = process.argv[2] ?? '../../../shared/datasets/ravdess';
const outDir = process.argv[3] ?? '/tmp/ser-corpora';

// 1. Scan: every file becomes an item (labels from the name) or a skipped entry with its reason.
const { items, skipped } = await scanRavdess(ravdessDir);
console.log(`${items.length} items, ${skipped.length} skipped`, items[0]);

// 2. Label: ser6 merges calm into neutral and drops surprise (reported, not silently lost).
const few = items
  .filter((item) => ['ravdess:01', 'ravdess:02', 'ravdess:17'].includes(item.speaker))
  .filter((_, i) => i % 6 === 0);
const labelled = applyLabelSet(few, 'ser6');
console.log('per label', labelled.counts, 'dropped', labelled.droppedCounts);

// 3. Extract the 180-value vector on all cores (worker threads), in input order.
const corpus = await extractFeatures(labelled, {
  featureSet: 'ser180',
  onProgress: ({ done, total }) => done === total && console.log(`extracted ${done}/${total}`),
});
console.log('x', corpus.shape, 'failures', corpus.failures.length);

// 4. Save as x_<name>.npy / y_<name>.npy / <name>.meta.json (np.load reads them) and load back.
await saveCorpus(outDir, 'ravdess-ser6', corpus);
const loaded = await loadCorpus(outDir, 'ravdess-ser6');

// 5. Speaker-independent validation split: RAVDESS actors 17–20 held out when present.
const split = defaultValidationSplit(loaded);
console.log(
  `train ${split.train.length} rows (${split.trainSpeakers.join()}), test ${split.test.length} rows (${split.testSpeakers.join()})`,
);

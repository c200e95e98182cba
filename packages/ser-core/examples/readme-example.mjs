// The README's example, runnable: node packages/ser-core/examples/readme-example.mjs (after npm run build)
import { EKMAN7, EKMAN7_LABELS, SerError, createRandom, ekman7LabelOf, seededShuffle, textLabelOf } from '@ser/core';

// 1. One error shape: a stable code, the file in front of the message, the cause and a hint.
class ThingError extends SerError {
  /** @override */
  name = 'ThingError';
}
const error = new ThingError('NOT_FOUND', 'no such corpus', {
  file: 'out/ravdess.meta.json',
  hint: 'run ser extract first',
});
console.log(error.code, error.message, error instanceof SerError); // NOT_FOUND out/ravdess.meta.json: no such corpus true

// 2. The labels and their synonyms, defined once.
console.log(EKMAN7_LABELS.join(' ')); // angry disgust fear happy neutral sad surprise
console.log(ekman7LabelOf('Joy'), textLabelOf('angry'), EKMAN7.mapping.calm); // happy anger neutral

// 3. The seeded generator: the same numbers for the same seed on every machine.
console.log(createRandom(42)() === createRandom(42)(), seededShuffle([1, 2, 3, 4, 5], 1).length); // true 5

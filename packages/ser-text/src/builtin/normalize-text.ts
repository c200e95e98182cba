/**
 * Text normalisation and word tokenisation of the built-in text-emotion model. The trainer
 * (`scripts/train-builtin.mjs`) and the runtime use these same functions, so they must never change
 * without retraining the model (the model records `featureVersion`).
 */

/** Version of the normalisation + feature scheme; stored in the model and checked when it loads. */
export const FEATURE_VERSION = 1;

const URL_PATTERN = /\bhttps?:\/\/\S+|\bwww\.\S+/gu;
const WORD_OR_SYMBOL = /\[[a-z]+\]|<url>|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;

/**
 * Unicode NFKC, lower case, URLs replaced by the token `<url>`, curly apostrophes made straight,
 * whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(URL_PATTERN, ' <url> ')
    .replace(/[’‘`]/gu, "'")
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Splits normalised text into tokens: words (letters, digits, inner apostrophes such as "don't"),
 * GoEmotions placeholders such as `[name]`, the URL placeholder `<url>`, and every other non-space character on its own
 * (punctuation and emoji carry emotion, so they are kept).
 */
export function tokenizeWords(normalized: string): string[] {
  return normalized.match(WORD_OR_SYMBOL) ?? [];
}

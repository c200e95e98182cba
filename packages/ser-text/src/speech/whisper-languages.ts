/**
 * The languages Whisper knows (ISO 639-1 style codes as Whisper's tokenizer spells them, and English
 * names), and normalisation of a user's language option to a code.
 */
import { TextEmotionError } from '../errors.js';

/** Whisper language code → English name. */
export const WHISPER_LANGUAGES: Readonly<Record<string, string>> = Object.freeze({
  en: 'english',
  zh: 'chinese',
  de: 'german',
  es: 'spanish',
  ru: 'russian',
  ko: 'korean',
  fr: 'french',
  ja: 'japanese',
  pt: 'portuguese',
  tr: 'turkish',
  pl: 'polish',
  ca: 'catalan',
  nl: 'dutch',
  ar: 'arabic',
  sv: 'swedish',
  it: 'italian',
  id: 'indonesian',
  hi: 'hindi',
  fi: 'finnish',
  vi: 'vietnamese',
  he: 'hebrew',
  uk: 'ukrainian',
  el: 'greek',
  ms: 'malay',
  cs: 'czech',
  ro: 'romanian',
  da: 'danish',
  hu: 'hungarian',
  ta: 'tamil',
  no: 'norwegian',
  th: 'thai',
  ur: 'urdu',
  hr: 'croatian',
  bg: 'bulgarian',
  lt: 'lithuanian',
  la: 'latin',
  mi: 'maori',
  ml: 'malayalam',
  cy: 'welsh',
  sk: 'slovak',
  te: 'telugu',
  fa: 'persian',
  lv: 'latvian',
  bn: 'bengali',
  sr: 'serbian',
  az: 'azerbaijani',
  sl: 'slovenian',
  kn: 'kannada',
  et: 'estonian',
  mk: 'macedonian',
  br: 'breton',
  eu: 'basque',
  is: 'icelandic',
  hy: 'armenian',
  ne: 'nepali',
  mn: 'mongolian',
  bs: 'bosnian',
  kk: 'kazakh',
  sq: 'albanian',
  sw: 'swahili',
  gl: 'galician',
  mr: 'marathi',
  pa: 'punjabi',
  si: 'sinhala',
  km: 'khmer',
  sn: 'shona',
  yo: 'yoruba',
  so: 'somali',
  af: 'afrikaans',
  oc: 'occitan',
  ka: 'georgian',
  be: 'belarusian',
  tg: 'tajik',
  sd: 'sindhi',
  gu: 'gujarati',
  am: 'amharic',
  yi: 'yiddish',
  lo: 'lao',
  uz: 'uzbek',
  fo: 'faroese',
  ht: 'haitian creole',
  ps: 'pashto',
  tk: 'turkmen',
  nn: 'nynorsk',
  mt: 'maltese',
  sa: 'sanskrit',
  lb: 'luxembourgish',
  my: 'myanmar',
  bo: 'tibetan',
  tl: 'tagalog',
  mg: 'malagasy',
  as: 'assamese',
  tt: 'tatar',
  haw: 'hawaiian',
  ln: 'lingala',
  ha: 'hausa',
  ba: 'bashkir',
  jw: 'javanese',
  su: 'sundanese',
});

const NAME_TO_CODE = new Map<string, string>([
  ...Object.entries(WHISPER_LANGUAGES).map(([code, name]) => [name, code] as [string, string]),
  ['burmese', 'my'],
  ['valencian', 'ca'],
  ['flemish', 'nl'],
  ['haitian', 'ht'],
  ['letzeburgesch', 'lb'],
  ['pushto', 'ps'],
  ['panjabi', 'pa'],
  ['moldavian', 'ro'],
  ['moldovan', 'ro'],
  ['sinhalese', 'si'],
  ['castilian', 'es'],
]);

/**
 * Normalises a language option — a code (`'fr'`), an English name (`'French'`), a Whisper token
 * (`'<|fr|>'`) or a region tag (`'fr-CA'`) — to Whisper's code. Throws INVALID_ARGUMENT for anything else.
 */
export function toWhisperLanguageCode(language: string): string {
  const raw = String(language).trim().toLowerCase();
  const token = /^<\|([a-z]{2,3})\|>$/u.exec(raw)?.[1];
  const candidates = [token ?? raw, raw.split(/[-_]/u)[0]!];
  for (const candidate of candidates) {
    if (candidate in WHISPER_LANGUAGES) return candidate;
    const byName = NAME_TO_CODE.get(candidate);
    if (byName) return byName;
  }
  throw new TextEmotionError(
    'INVALID_ARGUMENT',
    `language "${language}" is not one Whisper knows; use a code or English name such as en, fr, german (${Object.keys(WHISPER_LANGUAGES).length} languages)`,
  );
}

/**
 * Picks the most likely language from decoder logits after `<|startoftranscript|>`, looking only at the
 * language tokens (`langToId` maps `'<|en|>'` → token id). Returns the code and its probability among
 * the language tokens.
 */
export function pickLanguageFromLogits(
  logits: ArrayLike<number>,
  langToId: Readonly<Record<string, number>>,
): { language: string; probability: number } {
  const entries = Object.entries(langToId).filter(
    ([token, id]) => /^<\|[a-z]{2,3}\|>$/u.test(token) && id < logits.length,
  );
  if (entries.length === 0)
    throw new TextEmotionError(
      'INVALID_MODEL',
      'the Whisper model has no language tokens (generation_config.lang_to_id)',
    );
  let max = -Infinity;
  for (const [, id] of entries) max = Math.max(max, logits[id]!);
  let sum = 0;
  let best = entries[0]!;
  for (const entry of entries) {
    sum += Math.exp(logits[entry[1]]! - max);
    if (logits[entry[1]]! > logits[best[1]]!) best = entry;
  }
  return { language: best[0].slice(2, -2), probability: 1 / sum };
}

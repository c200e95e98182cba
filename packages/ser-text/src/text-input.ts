/**
 * Validation of text given to the classifiers: strings, or bytes that must be UTF-8.
 * Policy (documented in the README): empty or whitespace-only text is an error (`EMPTY_TEXT`), never a
 * made-up "neutral" answer; bytes that are not valid UTF-8 are an error (`INVALID_UTF8`) naming the
 * byte offset, never silently replaced.
 */
import { TextEmotionError } from './errors.js';

/** Text as a string, or as UTF-8 bytes. */
export type TextInput = string | Uint8Array;

/**
 * Offset of the first byte that breaks UTF-8 (bad lead byte, missing or bad continuation byte,
 * overlong form, surrogate, value above U+10FFFF), or -1 when all of `bytes` is valid UTF-8.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Turns one input into a non-empty string, or throws a {@link TextEmotionError}:
 * `INVALID_ARGUMENT` for a value that is neither a string nor a Uint8Array, `INVALID_UTF8` for bytes
 * that are not UTF-8 (with the offset of the first bad byte), `EMPTY_TEXT` for empty or whitespace-only
 * text. `where` names the input in messages (e.g. "text[3]").
 */
export function toValidText(input: unknown, where = 'text'): string {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else if (input instanceof Uint8Array) {
    const bad = findInvalidUtf8(input);
    if (bad >= 0) {
      throw new TextEmotionError(
        'INVALID_UTF8',
        `${where}: bytes are not valid UTF-8 (first bad byte 0x${input[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); ` +
          'pass a string or UTF-8 encoded bytes',
      );
    }
    text = new TextDecoder('utf-8').decode(input);
  } else {
    throw new TextEmotionError(
      'INVALID_ARGUMENT',
      `${where}: expected a string or a Uint8Array of UTF-8, got ${describe(input)}`,
    );
  }
  if (text.trim() === '') {
    throw new TextEmotionError('EMPTY_TEXT', `${where} is empty: expected at least one non-space character`);
  }
  return text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}

import { describe, expect, it } from 'vitest';
import { findInvalidUtf8, toValidText, TextEmotionError } from '../src/index.js';

describe('text input validation', () => {
  it('accepts strings and valid UTF-8 bytes (all sequence lengths)', () => {
    const text = 'héllo 世界 😀 ok';
    const bytes = new TextEncoder().encode(text);
    expect(findInvalidUtf8(bytes)).toBe(-1);
    expect(toValidText(bytes)).toBe(text);
    expect(toValidText('  hi ')).toBe('  hi ');
  });

  it('finds the first bad byte: stray continuation, truncated sequence, overlong, surrogate, > U+10FFFF', () => {
    expect(findInvalidUtf8(Uint8Array.from([0x61, 0x80, 0x62]))).toBe(1);
    expect(findInvalidUtf8(Uint8Array.from([0x61, 0xe4, 0xb8]))).toBe(1);
    expect(findInvalidUtf8(Uint8Array.from([0xc0, 0xaf]))).toBe(0);
    expect(findInvalidUtf8(Uint8Array.from([0xe0, 0x80, 0xaf]))).toBe(0);
    expect(findInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(findInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xff]))).toBe(2);
  });

  it('non-UTF-8 bytes (Latin-1 "café") are a clear INVALID_UTF8 error with the offset', () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]);
    expect(() => toValidText(latin1, 'text[2]')).toThrow(
      /text\[2\]: bytes are not valid UTF-8 \(first bad byte 0xe9 at offset 3\)/,
    );
    try {
      toValidText(latin1);
    } catch (e) {
      expect((e as TextEmotionError).code).toBe('INVALID_UTF8');
    }
  });

  it('empty / whitespace text is EMPTY_TEXT; other types are INVALID_ARGUMENT', () => {
    expect(() => toValidText('')).toThrow(expect.objectContaining({ code: 'EMPTY_TEXT' }));
    expect(() => toValidText(' \n\t ')).toThrow(/text is empty/);
    expect(() => toValidText(new Uint8Array(0))).toThrow(expect.objectContaining({ code: 'EMPTY_TEXT' }));
    expect(() => toValidText(42)).toThrow(/expected a string or a Uint8Array of UTF-8, got number/);
    expect(() => toValidText(null)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildWhisperArguments,
  pickLanguageFromLogits,
  toSegments,
  toWhisperLanguageCode,
  WHISPER_LANGUAGES,
} from '../src/index.js';

describe('Whisper language and task options', () => {
  it('normalises codes, names, tokens and region tags to Whisper codes', () => {
    expect(toWhisperLanguageCode('fr')).toBe('fr');
    expect(toWhisperLanguageCode('French')).toBe('fr');
    expect(toWhisperLanguageCode('<|de|>')).toBe('de');
    expect(toWhisperLanguageCode('pt-BR')).toBe('pt');
    expect(toWhisperLanguageCode('castilian')).toBe('es');
    expect(toWhisperLanguageCode('haw')).toBe('haw');
    expect(Object.keys(WHISPER_LANGUAGES)).toHaveLength(99);
    expect(() => toWhisperLanguageCode('klingon')).toThrow(/language "klingon" is not one Whisper knows/);
  });

  it('builds the pipeline arguments: 30 s chunks, 5 s stride, timestamps, task and language', () => {
    expect(buildWhisperArguments({}, true)).toEqual({
      language: null,
      task: 'transcribe',
      chunk_length_s: 30,
      stride_length_s: 5,
      return_timestamps: true,
    });
    expect(
      buildWhisperArguments({ language: 'German', task: 'translate', chunkLengthS: 20, strideLengthS: 2 }, true),
    ).toEqual({
      language: 'de',
      task: 'translate',
      chunk_length_s: 20,
      stride_length_s: 2,
      return_timestamps: true,
    });
  });

  it('rejects bad task, chunking, and what English-only models cannot do', () => {
    expect(() => buildWhisperArguments({ task: 'summarize' as never }, true)).toThrow(
      /task must be 'transcribe' or 'translate'/,
    );
    expect(() => buildWhisperArguments({ chunkLengthS: 31 }, true)).toThrow(/chunkLengthS/);
    expect(() => buildWhisperArguments({ chunkLengthS: 10, strideLengthS: 5 }, true)).toThrow(
      /strideLengthS must be ≥ 0 and < chunkLengthS \/ 2/,
    );
    expect(() => buildWhisperArguments({ task: 'translate' }, false)).toThrow(/English-only.*cannot translate/);
    expect(() => buildWhisperArguments({ language: 'fr' }, false)).toThrow(/English-only.*"fr"/);
    // English-only models get no language token even when English is asked for
    expect(buildWhisperArguments({ language: 'english' }, false).language).toBeNull();
  });

  it('picks the language with the highest logit among language tokens only', () => {
    const logits = new Float32Array(10);
    logits[0] = 50; // not a language token: ignored
    logits[3] = 2; // <|en|>
    logits[5] = 4; // <|fr|>
    logits[7] = 1; // <|de|>
    const picked = pickLanguageFromLogits(logits, { '<|en|>': 3, '<|fr|>': 5, '<|de|>': 7, '<|transcribe|>': 0 });
    expect(picked.language).toBe('fr');
    expect(picked.probability).toBeCloseTo(Math.exp(4) / (Math.exp(2) + Math.exp(4) + Math.exp(1)), 6);
    expect(() => pickLanguageFromLogits(logits, {})).toThrow(/no language tokens/);
  });

  it('turns timestamped chunks into trimmed segments; an open end is the audio end', () => {
    expect(
      toSegments(
        [
          { timestamp: [0, 2.5], text: ' Hello there.' },
          { timestamp: [2.5, null], text: ' Bye. ' },
          { timestamp: [3, 4], text: ' ' },
        ],
        4.2,
      ),
    ).toEqual([
      { start: 0, end: 2.5, text: 'Hello there.' },
      { start: 2.5, end: 4.2, text: 'Bye.' },
    ]);
  });
});

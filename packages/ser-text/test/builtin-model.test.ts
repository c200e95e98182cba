import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR, needs } from '@ser/test-support';
import {
  BUILTIN_MODEL_FILE_NAME,
  classifyText,
  decodeBuiltinModelFile,
  encodeBuiltinModelFile,
  hashString,
  loadBuiltinTextModel,
  normalizeText,
  TEXT_EMOTION_LABELS,
  tokenizeWords,
  type TextEmotionLabel,
} from '../src/index.js';

const goemotions = path.join(DATASETS_DIR, 'text/goemotions');

function readDevSingleLabel(): Array<{ text: string; label: TextEmotionLabel }> {
  const lines = readFileSync(path.join(goemotions, 'ekman/dev.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  return lines
    .map((l) => l.split('\t'))
    .filter(([, ids]) => !ids!.includes(','))
    .map(([text, id]) => ({ text: text!, label: TEXT_EMOTION_LABELS[Number(id)]! }));
}

describe('feature scheme (frozen: the shipped model depends on it)', () => {
  it('normalises and tokenises words, placeholders, punctuation and emoji', () => {
    expect(tokenizeWords(normalizeText('I can’t  believe [NAME] did THAT!!! 😀 see https://x.com/a?b'))).toEqual([
      'i',
      "can't",
      'believe',
      '[name]',
      'did',
      'that',
      '!',
      '!',
      '!',
      '😀',
      'see',
      '<url>',
    ]);
  });
  it('hashes are stable', () => {
    expect(hashString('hello', 0)).toBe(2290972270);
    expect(hashString('', 0)).toBe(2872998923);
  });
});

describe('built-in text-emotion model', () => {
  it('loads (once) and carries its provenance and dev figures', async () => {
    const model = await loadBuiltinTextModel();
    expect(await loadBuiltinTextModel()).toBe(model);
    expect(model.model.labels).toEqual([...TEXT_EMOTION_LABELS]);
    expect(model.data.evaluation.rows).toBe(4946);
    expect(String(model.data.training.data)).toMatch(/GoEmotions/);
  });

  it('classifies clear examples into the right emotion with 7 sorted scores summing to 1', async () => {
    const examples: Array<[string, TextEmotionLabel]> = [
      ['Thank you so much, I love this!', 'joy'],
      ['This is disgusting, gross.', 'disgust'],
      ["I'm really scared and nervous about tomorrow", 'fear'],
      ['I hate you, stop being so stupid', 'anger'],
      ['I miss her so much, I am so sad', 'sadness'],
      ['Wow, I did not expect that at all!', 'surprise'],
      ['The meeting is at 3 pm in room 4.', 'neutral'],
    ];
    const results = await classifyText(examples.map(([t]) => t));
    results.forEach((r, i) => {
      expect(r.label, examples[i]![0]).toBe(examples[i]![1]);
      expect(r.engine).toBe('builtin');
      expect(r.scores.map((s) => s.label).sort()).toEqual([...TEXT_EMOTION_LABELS].sort());
      expect(r.scores.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 10);
      for (let k = 1; k < 7; k++) expect(r.scores[k - 1]!.score).toBeGreaterThanOrEqual(r.scores[k]!.score);
      expect(r.truncated).toBe(false);
    });
  });

  it('is deterministic', async () => {
    const a = await classifyText('well that was unexpected, but fun');
    const b = await classifyText('well that was unexpected, but fun');
    expect(a).toEqual(b);
  });

  it(
    `reaches ≥ 66 % accuracy and ≥ 0.58 macro-F1 on all GoEmotions dev single-label rows — the figures it reports`,
    needs('goemotions'),
    async () => {
      const rows = readDevSingleLabel();
      expect(rows).toHaveLength(4946);
      const model = await loadBuiltinTextModel();
      const tp = new Map<string, number>(),
        predicted = new Map<string, number>(),
        actual = new Map<string, number>();
      let correct = 0;
      for (const { text, label } of rows) {
        const guess = model.classify(text).scores[0]!.label;
        if (guess === label) {
          correct += 1;
          tp.set(label, (tp.get(label) ?? 0) + 1);
        }
        predicted.set(guess, (predicted.get(guess) ?? 0) + 1);
        actual.set(label, (actual.get(label) ?? 0) + 1);
      }
      const f1 = TEXT_EMOTION_LABELS.map((l) => {
        const p = (tp.get(l) ?? 0) / (predicted.get(l) ?? 1);
        const r = (tp.get(l) ?? 0) / (actual.get(l) ?? 1);
        return p + r > 0 ? (2 * p * r) / (p + r) : 0;
      });
      const accuracy = correct / rows.length;
      const macroF1 = f1.reduce((a, b) => a + b, 0) / f1.length;
      expect(accuracy).toBeGreaterThanOrEqual(0.66);
      expect(macroF1).toBeGreaterThanOrEqual(0.58);
      expect(accuracy).toBeCloseTo(model.data.evaluation.accuracy, 4);
      expect(macroF1).toBeCloseTo(model.data.evaluation.macroF1, 3);
      TEXT_EMOTION_LABELS.forEach((l, i) => expect(f1[i]).toBeCloseTo(model.data.evaluation.perClassF1[l]!, 3));
    },
  );

  it('very long text is truncated, not a crash', async () => {
    const long = `I am so happy today! ${'and then we walked along the river '.repeat(40_000)}`; // ~1.4 MB
    const r = await classifyText(long);
    expect(r.truncated).toBe(true);
    expect(r.scores).toHaveLength(7);
    // only the first maxChars (2000) normalised characters count: same scores as the cut text
    const cut = await classifyText(long.slice(0, 2000));
    expect(cut.truncated).toBe(false);
    expect(r.scores).toEqual(cut.scores);
  });

  it('bad input: empty text and non-UTF-8 bytes are clear errors; UTF-8 bytes work', async () => {
    await expect(classifyText('   ')).rejects.toMatchObject({ code: 'EMPTY_TEXT' });
    await expect(classifyText(['fine', ''])).rejects.toThrow(/text\[1\] is empty/);
    await expect(classifyText(Uint8Array.from([0x49, 0x20, 0xff, 0x21]))).rejects.toMatchObject({
      code: 'INVALID_UTF8',
    });
    const fromBytes = await classifyText(new TextEncoder().encode('I love it ❤️'));
    expect(fromBytes.text).toBe('I love it ❤️');
    expect(fromBytes.label).toBe('joy');
    expect(await classifyText([])).toEqual([]);
  });
});

describe('the built-in model file (model/builtin-text-model.bin)', () => {
  const file = path.resolve(__dirname, '../model', BUILTIN_MODEL_FILE_NAME);
  const bytes = new Uint8Array(readFileSync(file));

  it('is one binary file of about 2 MB: int8 weights and uint8 idf, no base64', () => {
    const size = statSync(file).size;
    const data = decodeBuiltinModelFile(bytes, file);
    expect(data.weights.length + data.idf.length).toBe(2 ** 18 * 7 + 2 ** 18);
    expect(size - data.weights.length - data.idf.length).toBeLessThan(4096); // preamble + JSON header
  });

  it('writes back byte-identical, and the loaded model is the file', async () => {
    expect(Buffer.from(encodeBuiltinModelFile(decodeBuiltinModelFile(bytes, file))).equals(bytes)).toBe(true);
    const loaded = await loadBuiltinTextModel();
    expect(Array.from(loaded.data.weights.subarray(0, 64))).toEqual(
      Array.from(decodeBuiltinModelFile(bytes, file).weights.subarray(0, 64)),
    );
  });

  it('loads from given bytes or a file: URL, and that model is then the shared one', async () => {
    const fromBytes = await loadBuiltinTextModel({ bytes: bytes.slice().buffer });
    expect(await loadBuiltinTextModel()).toBe(fromBytes);
    const fromUrl = await loadBuiltinTextModel({ url: pathToFileURL(file) });
    expect(fromUrl === fromBytes).toBe(false); // not .not.toBe: on a mismatch it deep-compares 2 M weights
    expect(fromUrl.classify('I love this!').scores).toEqual(fromBytes.classify('I love this!').scores);
  });

  it('a missing file names itself and what to do; the failure is not kept', async () => {
    const missing = pathToFileURL(path.join(path.dirname(file), 'nope.bin'));
    const error = await loadBuiltinTextModel({ url: missing }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    expect(String((error as Error).message)).toMatch(/nope\.bin \(ENOENT\).*loadBuiltinTextModel\(\{ url \}\)/);
    expect((await loadBuiltinTextModel()).model.labels).toEqual([...TEXT_EMOTION_LABELS]);
  });

  it('a damaged or foreign file is INVALID_MODEL naming it, never a crash', () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [new Uint8Array(0), /no SERTXTM version 1 header/],
      [new TextEncoder().encode('{"format":"ser-text-hashed-logreg"}'), /no SERTXTM version 1 header/],
      [bytes.subarray(0, bytes.length - 1), /2098331 bytes, expected 2098332|bytes, expected/],
      [Uint8Array.from([...bytes.subarray(0, 8), 0xff, 0xff, 0xff, 0x7f]), /runs past the end/],
    ];
    const badJson = bytes.slice();
    badJson[12] = 0x7b + 1; // the header's opening brace
    cases.push([badJson, /not UTF-8 JSON/]);
    for (const [input, message] of cases) {
      expect(() => decodeBuiltinModelFile(input, 'damaged.bin')).toThrow(message);
      expect(() => decodeBuiltinModelFile(input, 'damaged.bin')).toThrow(/^damaged\.bin: /);
    }
  });

  it('refuses a source that is neither { url } nor { bytes }', async () => {
    await expect(loadBuiltinTextModel({})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(loadBuiltinTextModel({ url: 'not a url' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

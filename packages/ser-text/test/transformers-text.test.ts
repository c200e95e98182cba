import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyText as classifyTextNode } from '../src/node.js';
import {
  classifyText,
  clearPipelineCache,
  ModelNotFoundError,
  TEXT_EMOTION_LABELS,
  TextEmotionError,
} from '../src/index.js';
import { writeTinyTextModel } from './helpers/tiny-text-model.js';

let modelsDir: string;
const MODEL = 'tiny/text-emotion';

beforeAll(() => {
  modelsDir = mkdtempSync(path.join(os.tmpdir(), 'ser-text-models-'));
  writeTinyTextModel(modelsDir, MODEL);
  // same network, labels named the way acoustic corpora name them and in another order
  writeTinyTextModel(modelsDir, 'tiny/aliased-labels', {
    labels: ['happy', 'sad', 'angry', 'neutral', 'fearful', 'disgusted', 'surprised'],
  });
  writeTinyTextModel(modelsDir, 'tiny/bad-labels', {
    labels: ['LABEL_0', 'LABEL_1', 'LABEL_2', 'LABEL_3', 'LABEL_4', 'LABEL_5', 'LABEL_6'],
  });
});
afterAll(() => {
  clearPipelineCache();
  rmSync(modelsDir, { recursive: true, force: true });
});

describe('transformers engine on a tiny real ONNX model (offline)', () => {
  it('loads from the models folder, tokenises, runs ONNX and returns all 7 labels summing to 1', async () => {
    const results = await classifyText(['I am so happy', 'this is disgusting', 'i am crying today', 'wow unexpected'], {
      engine: 'transformers',
      model: MODEL,
      modelsDir,
    });
    expect(results.map((r) => r.label)).toEqual(['joy', 'disgust', 'sadness', 'surprise']);
    for (const r of results) {
      expect(r.engine).toBe('transformers');
      expect(r.scores).toHaveLength(7);
      expect(new Set(r.scores.map((s) => s.label))).toEqual(new Set(TEXT_EMOTION_LABELS));
      expect(r.scores.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 5);
      for (let i = 1; i < 7; i++) expect(r.scores[i - 1]!.score).toBeGreaterThanOrEqual(r.scores[i]!.score);
      expect(r.score).toBe(r.scores[0]!.score);
    }
    // scores depend on the input: one emotion word among five tokens vs among three
    const strong = await classifyText('happy', { engine: 'transformers', model: MODEL, modelsDir });
    const weak = await classifyText('i am so very happy today', { engine: 'transformers', model: MODEL, modelsDir });
    expect(strong.score).toBeGreaterThan(weak.score);
    // a sentence with no emotion word follows the bias → neutral
    expect((await classifyText('this is it', { engine: 'transformers', model: MODEL, modelsDir })).label).toBe(
      'neutral',
    );
  });

  it('a batch gives the same scores as one text at a time (padding is masked)', async () => {
    const texts = ['happy', 'i am so very afraid today', 'the', 'furious'];
    const batch = await classifyText(texts, { engine: 'transformers', model: MODEL, modelsDir });
    for (const [i, text] of texts.entries()) {
      const alone = await classifyText(text, { engine: 'transformers', model: MODEL, modelsDir });
      expect(batch[i]!.scores.map((s) => s.label)).toEqual(alone.scores.map((s) => s.label));
      batch[i]!.scores.forEach((s, k) => expect(s.score).toBeCloseTo(alone.scores[k]!.score, 5));
    }
  });

  it('maps model label names (happy, sad, angry, fearful, …) onto the canonical seven', async () => {
    const r = await classifyText('so happy', { engine: 'transformers', model: 'tiny/aliased-labels', modelsDir });
    // index 0 of this model is "happy": the word "happy" (label index 3 in EMOTION_WORDS) pushes index 3 = neutral
    expect(new Set(r.scores.map((s) => s.label))).toEqual(new Set(TEXT_EMOTION_LABELS));
    expect(r.label).toBe('neutral');
    const furious = await classifyText('furious', { engine: 'transformers', model: 'tiny/aliased-labels', modelsDir });
    expect(furious.label).toBe('joy'); // index 0 → "happy" → joy
  });

  it('rejects a model whose labels are not emotions, naming the label', async () => {
    await expect(
      classifyText('happy', { engine: 'transformers', model: 'tiny/bad-labels', modelsDir }),
    ).rejects.toThrow(/LABEL_\d.*id2label/);
  });

  it('truncates very long text to the model length instead of failing', async () => {
    const long = `${'happy '.repeat(5000)}sad`;
    const r = await classifyText(long, { engine: 'transformers', model: MODEL, modelsDir });
    expect(r.truncated).toBe(true);
    expect(r.label).toBe('joy');
    expect((await classifyText('happy', { engine: 'transformers', model: MODEL, modelsDir })).truncated).toBe(false);
  });

  it('a folder path works as the model', async () => {
    const r = await classifyText('so scared', { engine: 'transformers', model: path.join(modelsDir, MODEL) });
    expect(r.label).toBe('fear');
  });

  it("a missing model is one ModelNotFoundError naming the folder and the files (main entry, from transformers' error)", async () => {
    const error = await classifyText('happy', {
      engine: 'transformers',
      model: 'nobody/missing-model',
      modelsDir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    const e = error as ModelNotFoundError;
    expect(e.modelDir).toBe(path.join(modelsDir, 'nobody/missing-model'));
    expect(e.message).toContain(path.join(modelsDir, 'nobody/missing-model'));
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'])
      expect(e.message).toContain(f);
    expect(existsSync(path.join(modelsDir, 'nobody'))).toBe(false); // nothing was downloaded or created
  });

  it('main entry: a missing ONNX file (config present) is a ModelNotFoundError naming that file', async () => {
    const error = await classifyText('happy', { engine: 'transformers', model: MODEL, modelsDir, dtype: 'q8' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).missingFiles).toEqual(['onnx/model_quantized.onnx']);
  });

  it('a missing folder path is a ModelNotFoundError for that folder', async () => {
    const folder = path.join(modelsDir, 'no-such-folder');
    const error = await classifyTextNode('happy', { engine: 'transformers', model: folder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).modelDir).toBe(folder);
    expect((error as ModelNotFoundError).missingFiles).toHaveLength(4);
  });

  it('the node entry lists exactly which files are missing before loading', async () => {
    const error = await classifyTextNode('happy', {
      engine: 'transformers',
      model: MODEL,
      modelsDir,
      dtype: 'q8',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).missingFiles).toEqual(['onnx/model_quantized.onnx']);
    expect((error as Error).message).toMatch(/missing: onnx\/model_quantized\.onnx/);
  });

  it('SER_MODELS_DIR is used when modelsDir is not given', async () => {
    const previous = process.env.SER_MODELS_DIR;
    process.env.SER_MODELS_DIR = modelsDir;
    try {
      expect((await classifyText('wow', { engine: 'transformers', model: MODEL })).label).toBe('surprise');
    } finally {
      if (previous === undefined) delete process.env.SER_MODELS_DIR;
      else process.env.SER_MODELS_DIR = previous;
    }
  });

  it('rejects an unknown engine and dtype with typed errors', async () => {
    await expect(classifyText('x', { engine: 'gpt' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(classifyText('x', { engine: 'transformers', dtype: 'fp64' as never })).rejects.toBeInstanceOf(
      TextEmotionError,
    );
  });
});

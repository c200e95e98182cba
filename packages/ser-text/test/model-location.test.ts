import { afterEach, describe, expect, it } from 'vitest';
import {
  isModelPath,
  ModelNotFoundError,
  resolveModelLocation,
  textClassificationFiles,
  whisperFiles,
} from '../src/index.js';

const saved = process.env.SER_MODELS_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.SER_MODELS_DIR;
  else process.env.SER_MODELS_DIR = saved;
});

describe('model location', () => {
  it('ids resolve in modelsDir, then SER_MODELS_DIR, then ./models', () => {
    delete process.env.SER_MODELS_DIR;
    expect(resolveModelLocation('Xenova/whisper-base')).toEqual({
      model: 'Xenova/whisper-base',
      modelId: 'Xenova/whisper-base',
      modelsDir: './models',
      modelDir: './models/Xenova/whisper-base',
    });
    process.env.SER_MODELS_DIR = '/srv/models/';
    expect(resolveModelLocation('Xenova/whisper-base').modelDir).toBe('/srv/models/Xenova/whisper-base');
    expect(resolveModelLocation('Xenova/whisper-base', { modelsDir: '/opt/m' }).modelDir).toBe(
      '/opt/m/Xenova/whisper-base',
    );
  });

  it('paths are folders used as they are', () => {
    expect(isModelPath('./my-model')).toBe(true);
    expect(isModelPath('/abs/model/')).toBe(true);
    expect(isModelPath('C:\\models\\x')).toBe(true);
    expect(isModelPath('owner/name')).toBe(false);
    expect(resolveModelLocation('/abs/model/')).toMatchObject({
      modelId: '/abs/model',
      modelDir: '/abs/model',
      modelsDir: '/abs',
    });
    expect(() => resolveModelLocation('  ')).toThrow(/non-empty/);
  });

  it('required files follow the dtype', () => {
    expect(textClassificationFiles()).toEqual([
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model.onnx',
    ]);
    expect(textClassificationFiles('q8').at(-1)).toBe('onnx/model_quantized.onnx');
    expect(whisperFiles('fp16')).toContain('onnx/decoder_model_merged_fp16.onnx');
  });

  it('ModelNotFoundError says what to put where', () => {
    const e = new ModelNotFoundError({
      model: 'a/b',
      modelDir: '/m/a/b',
      requiredFiles: ['config.json'],
      missingFiles: ['config.json'],
    });
    expect(e.message).toBe(
      'model "a/b" is not available offline. missing: config.json. Put these files in /m/a/b/ : config.json (from https://huggingface.co/a/b), ' +
        'or set SER_MODELS_DIR / the modelsDir option to the folder that holds "a/b", or pass allowDownload: true to fetch it from the Hugging Face Hub into that folder.',
    );
    const folder = new ModelNotFoundError({
      model: './x',
      modelDir: './x',
      requiredFiles: ['config.json'],
      missingFiles: [],
    });
    expect(folder.message).toBe('model "./x" is not available offline. Put these files in ./x/ : config.json.');
    expect(folder.code).toBe('NOT_FOUND');
  });
});

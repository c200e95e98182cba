/**
 * Builds a tiny, real transformers.js text-classification model on disk (transformers.js folder layout):
 * a WordLevel tokenizer and an ONNX graph Gather(embedding) → masked mean → MatMul → Add = logits, so
 * that loading, tokenising, ONNX inference (onnxruntime-node) and post-processing all really run.
 * Each emotion word puts weight on its label, so scores depend on the input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
/** Words with the label index (in `labels`) they push towards; others are neutral-free zeros. */
export const EMOTION_WORDS: Record<string, number> = {
  furious: 0,
  angry: 0,
  gross: 1,
  disgusting: 1,
  scared: 2,
  afraid: 2,
  happy: 3,
  love: 3,
  okay: 4,
  fine: 4,
  sad: 5,
  crying: 5,
  wow: 6,
  unexpected: 6,
};
const FILLER = ['i', 'am', 'so', 'the', 'is', 'this', 'very', 'it', 'was', 'today'];

function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer.slice(0)) };
}
function int64Tensor(name: string, values: number[]): onnx.ITensorProto {
  const data = BigInt64Array.from(values.map(BigInt));
  return {
    name,
    dims: [values.length],
    dataType: onnx.TensorProto.DataType.INT64,
    rawData: new Uint8Array(data.buffer),
  };
}
function valueInfo(name: string, elemType: number, dims: Array<string | number>): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Writes the model to `<modelsDir>/<modelId>/`; returns that folder. */
export function writeTinyTextModel(
  modelsDir: string,
  modelId: string,
  options: { labels?: string[]; modelMaxLength?: number; strength?: number } = {},
): string {
  const labels = options.labels ?? ['anger', 'disgust', 'fear', 'joy', 'neutral', 'sadness', 'surprise'];
  const strength = options.strength ?? 12;
  const dir = path.join(modelsDir, modelId);
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });

  const vocabList = [...SPECIAL, ...Object.keys(EMOTION_WORDS), ...FILLER];
  const vocab = Object.fromEntries(vocabList.map((t, i) => [t, i]));
  const hidden = labels.length;
  const embedding = new Float32Array(vocabList.length * hidden);
  vocabList.forEach((token, i) => {
    const label = EMOTION_WORDS[token];
    if (label !== undefined) embedding[i * hidden + label] = strength;
  });
  const projection = new Float32Array(hidden * labels.length);
  for (let i = 0; i < hidden; i++) projection[i * labels.length + i] = 1;
  const bias = new Float32Array(labels.length);
  bias[labels.indexOf('neutral') >= 0 ? labels.indexOf('neutral') : 0] = 0.5; // a plain sentence leans neutral

  const { FLOAT, INT64 } = onnx.TensorProto.DataType;
  const node = (
    opType: string,
    input: string[],
    output: string[],
    attribute: onnx.IAttributeProto[] = [],
  ): onnx.INodeProto => ({
    opType,
    input,
    output,
    attribute,
    name: output[0]!,
  });
  const graph: onnx.IGraphProto = {
    name: 'tiny-text-emotion',
    node: [
      node(
        'Gather',
        ['embedding', 'input_ids'],
        ['embedded'],
        [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      ),
      node(
        'Cast',
        ['attention_mask'],
        ['mask_f'],
        [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }],
      ),
      node('Unsqueeze', ['mask_f', 'axis_last'], ['mask_3d']),
      node('Mul', ['embedded', 'mask_3d'], ['masked']),
      node(
        'ReduceSum',
        ['masked', 'axis_seq'],
        ['summed'],
        [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      ),
      node(
        'ReduceSum',
        ['mask_f', 'axis_seq'],
        ['count'],
        [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      ),
      node('Div', ['summed', 'count'], ['pooled']),
      node('MatMul', ['pooled', 'projection'], ['projected']),
      node('Add', ['projected', 'bias'], ['logits']),
    ],
    initializer: [
      floatTensor('embedding', [vocabList.length, hidden], embedding),
      floatTensor('projection', [hidden, labels.length], projection),
      floatTensor('bias', [labels.length], bias),
      int64Tensor('axis_last', [2]),
      int64Tensor('axis_seq', [1]),
    ],
    input: [
      valueInfo('input_ids', INT64, ['batch', 'sequence']),
      valueInfo('attention_mask', INT64, ['batch', 'sequence']),
    ],
    output: [valueInfo('logits', FLOAT, ['batch', labels.length])],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'ser-text-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  writeFileSync(path.join(dir, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());

  const special = (content: string) => ({
    id: vocab[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  };
  writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      model_max_length: options.modelMaxLength ?? 32,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      do_lower_case: true,
    }),
  );
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'roberta',
      architectures: ['RobertaForSequenceClassification'],
      problem_type: 'single_label_classification',
      id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])),
      label2id: Object.fromEntries(labels.map((l, i) => [l, i])),
      vocab_size: vocabList.length,
      hidden_size: hidden,
    }),
  );
  return dir;
}

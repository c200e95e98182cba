/**
 * Builds a tiny, real transformers.js Whisper model on disk: Whisper's feature extractor config, a
 * byte-level BPE tokenizer with Whisper's special and timestamp tokens, an ONNX encoder and a merged
 * ONNX decoder (with KV-cache inputs/outputs) whose next token is a fixed function of the previous one:
 *   <|startoftranscript|> → <|fr|>   (so language detection finds French)
 *   <|transcribe|> → <|0.00|> → "bonjour" → " monde" → <|1.00|> → <|endoftext|>
 *   <|translate|>  → <|0.02|> → "hello" → " world" → <|1.00|> → <|endoftext|>
 * so the real pipeline (feature extraction, generation, timestamp rules, ASR decoding) runs end to end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';

const TEXT = ['hello', 'Ġworld', 'bonjour', 'Ġmonde'];
const SPECIAL = [
  '<|endoftext|>',
  '<|startoftranscript|>',
  '<|en|>',
  '<|fr|>',
  '<|translate|>',
  '<|transcribe|>',
  '<|startoflm|>',
  '<|startofprev|>',
  '<|nocaptions|>',
  '<|notimestamps|>',
];
const TIMESTAMPS = Array.from({ length: 1501 }, (_, i) => `<|${(i * 0.02).toFixed(2)}|>`);

function int64Tensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.INT64,
    rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
  };
}
function floatTensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(Float32Array.from(values).buffer),
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
const node = (
  opType: string,
  input: string[],
  output: string[],
  attribute: onnx.IAttributeProto[] = [],
): onnx.INodeProto => ({ opType, input, output, attribute, name: output[0]! });
const intAttr = (name: string, i: number): onnx.IAttributeProto => ({
  name,
  type: onnx.AttributeProto.AttributeType.INT,
  i,
});

function writeModel(file: string, graph: onnx.IGraphProto): void {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'ser-text-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  writeFileSync(file, onnx.ModelProto.encode(model).finish());
}

/** Writes the model to `<modelsDir>/<modelId>/`; returns that folder. */
export function writeTinyWhisperModel(modelsDir: string, modelId: string): string {
  const dir = path.join(modelsDir, modelId);
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  const tokens = [...TEXT, ...SPECIAL, ...TIMESTAMPS];
  const id = (t: string): number => tokens.indexOf(t);
  const V = tokens.length;
  const { FLOAT, INT64 } = onnx.TensorProto.DataType;

  // Encoder: [b, 80, 3000] → mean over mel bins → [b, 1, 3000] → [b, 1500, 2] → mean → [b, 1500, 1]
  writeModel(path.join(dir, 'onnx', 'encoder_model.onnx'), {
    name: 'tiny-whisper-encoder',
    node: [
      node(
        'ReduceMean',
        ['input_features'],
        ['mel_mean'],
        [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1] }, intAttr('keepdims', 1)],
      ),
      node('Reshape', ['mel_mean', 'pairs_shape'], ['pairs']),
      node(
        'ReduceMean',
        ['pairs'],
        ['last_hidden_state'],
        [{ name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [2] }, intAttr('keepdims', 1)],
      ),
    ],
    initializer: [int64Tensor('pairs_shape', [3], [-1, 1500, 2])],
    input: [valueInfo('input_features', FLOAT, ['batch', 80, 3000])],
    output: [valueInfo('last_hidden_state', FLOAT, ['batch', 1500, 1])],
  });

  // Decoder: logits = one_hot(next[input_ids]) × 30; KV cache: decoder grows by the input ids, encoder = hidden states.
  const next = new Array<number>(V).fill(id('<|endoftext|>'));
  next[id('<|startoftranscript|>')] = id('<|fr|>');
  next[id('<|transcribe|>')] = id('<|0.00|>');
  next[id('<|translate|>')] = id('<|0.02|>');
  next[id('<|0.00|>')] = id('bonjour');
  next[id('bonjour')] = id('Ġmonde');
  next[id('<|0.02|>')] = id('hello');
  next[id('hello')] = id('Ġworld');
  next[id('Ġmonde')] = id('<|1.00|>');
  next[id('Ġworld')] = id('<|1.00|>');
  const pkv = (kind: 'decoder' | 'encoder', part: 'key' | 'value') => `past_key_values.0.${kind}.${part}`;
  const present = (kind: 'decoder' | 'encoder', part: 'key' | 'value') => `present.0.${kind}.${part}`;
  writeModel(path.join(dir, 'onnx', 'decoder_model_merged.onnx'), {
    name: 'tiny-whisper-decoder',
    node: [
      node('Gather', ['next_token', 'input_ids'], ['next_ids'], [intAttr('axis', 0)]),
      node('OneHot', ['next_ids', 'vocab_size', 'one_hot_values'], ['logits'], [intAttr('axis', -1)]),
      node('Cast', ['input_ids'], ['ids_f'], [intAttr('to', FLOAT)]),
      node('Unsqueeze', ['ids_f', 'axes_1_3'], ['new_kv']),
      node('Concat', [pkv('decoder', 'key'), 'new_kv'], [present('decoder', 'key')], [intAttr('axis', 2)]),
      node('Concat', [pkv('decoder', 'value'), 'new_kv'], [present('decoder', 'value')], [intAttr('axis', 2)]),
      node('Unsqueeze', ['encoder_hidden_states', 'axes_1'], [present('encoder', 'key')]),
      node('Identity', [present('encoder', 'key')], [present('encoder', 'value')]),
    ],
    initializer: [
      int64Tensor('next_token', [V], next),
      int64Tensor('vocab_size', [1], [V]),
      floatTensor('one_hot_values', [2], [0, 30]),
      int64Tensor('axes_1_3', [2], [1, 3]),
      int64Tensor('axes_1', [1], [1]),
    ],
    input: [
      valueInfo('input_ids', INT64, ['batch', 'sequence']),
      valueInfo('encoder_hidden_states', FLOAT, ['batch', 1500, 1]),
      valueInfo(pkv('decoder', 'key'), FLOAT, ['batch', 1, 'past', 1]),
      valueInfo(pkv('decoder', 'value'), FLOAT, ['batch', 1, 'past', 1]),
      valueInfo(pkv('encoder', 'key'), FLOAT, ['batch', 1, 'encoder_sequence', 1]),
      valueInfo(pkv('encoder', 'value'), FLOAT, ['batch', 1, 'encoder_sequence', 1]),
    ],
    output: [
      valueInfo('logits', FLOAT, ['batch', 'sequence', V]),
      valueInfo(present('decoder', 'key'), FLOAT, ['batch', 1, 'total', 1]),
      valueInfo(present('decoder', 'value'), FLOAT, ['batch', 1, 'total', 1]),
      valueInfo(present('encoder', 'key'), FLOAT, ['batch', 1, 1500, 1]),
      valueInfo(present('encoder', 'value'), FLOAT, ['batch', 1, 1500, 1]),
    ],
  });

  // As in Whisper's own tokenizer.json, timestamp tokens are added tokens but not "special".
  const added = (special: boolean) => (content: string) => ({
    id: id(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special,
  });
  writeFileSync(
    path.join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [...SPECIAL.map(added(true)), ...TIMESTAMPS.map(added(false))],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: '',
        end_of_word_suffix: '',
        fuse_unk: false,
        byte_fallback: false,
        vocab: Object.fromEntries(TEXT.map((t) => [t, id(t)])),
        merges: [],
      },
    }),
  );
  writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'WhisperTokenizer',
      model_max_length: 1024,
      bos_token: '<|endoftext|>',
      eos_token: '<|endoftext|>',
      unk_token: '<|endoftext|>',
      pad_token: '<|endoftext|>',
    }),
  );
  const eos = id('<|endoftext|>');
  const sot = id('<|startoftranscript|>');
  const common = {
    decoder_start_token_id: sot,
    eos_token_id: eos,
    pad_token_id: eos,
    bos_token_id: eos,
    begin_suppress_tokens: [],
    suppress_tokens: [],
  };
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'whisper',
      architectures: ['WhisperForConditionalGeneration'],
      is_encoder_decoder: true,
      d_model: 1,
      encoder_layers: 1,
      decoder_layers: 1,
      encoder_attention_heads: 1,
      decoder_attention_heads: 1,
      max_source_positions: 1500,
      max_target_positions: 448,
      num_mel_bins: 80,
      vocab_size: V,
      ...common,
    }),
  );
  writeFileSync(
    path.join(dir, 'generation_config.json'),
    JSON.stringify({
      ...common,
      is_multilingual: true,
      max_length: 448,
      max_initial_timestamp_index: 50,
      no_timestamps_token_id: id('<|notimestamps|>'),
      lang_to_id: { '<|en|>': id('<|en|>'), '<|fr|>': id('<|fr|>') },
      task_to_id: { transcribe: id('<|transcribe|>'), translate: id('<|translate|>') },
    }),
  );
  writeFileSync(
    path.join(dir, 'preprocessor_config.json'),
    JSON.stringify({
      feature_extractor_type: 'WhisperFeatureExtractor',
      processor_class: 'WhisperProcessor',
      feature_size: 80,
      sampling_rate: 16000,
      hop_length: 160,
      chunk_length: 30,
      n_fft: 400,
      n_samples: 480000,
      nb_max_frames: 3000,
      padding_side: 'right',
      padding_value: 0,
      return_attention_mask: false,
    }),
  );
  return dir;
}

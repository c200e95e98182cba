export * from './common.js';
export { ogCnn, OG_CNN_DEFAULTS } from './og-cnn.js';
export { paperCnn, PAPER_CNN_DEFAULTS } from './paper-cnn.js';
export { cnnLstm, cnnLstmSequenceLength, CNN_LSTM_DEFAULTS } from './cnn-lstm.js';
export { mlp, MLP_DEFAULTS } from './mlp.js';
export { describeModel } from './describe-model.js';
export { plotModel, escapeXml } from './plot-model.js';
export { attentionCnn, ATTENTION_CNN_DEFAULTS } from './attention-cnn.js';
export { calibratedAttentionCnn, CALIBRATED_ATTENTION_CNN_DEFAULTS } from './calibrated-attention-cnn.js';
export {
  AttentionStdPooling,
  FrameCmvn,
  STD_POOLING_EPSILON,
  registerSerLayers,
  type AttentionStdPoolingArgs,
  type FrameCmvnArgs,
} from './layers/index.js';
export { averageModels } from './average-models.js';

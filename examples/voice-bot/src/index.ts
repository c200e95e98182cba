/**
 * The voice bot's core, independent of any chat platform.
 */
export type { ChatAdapter, VoiceMessage, VoiceMessageHandler } from './chat-adapter.js';
export { createVoiceBot, replyToVoiceMessage, type VoiceBotOptions } from './voice-bot.js';
export { recognizeEmotion, splitChunks, rmsDbfs, type RecognizedEmotion, type RecognizeEmotionOptions } from './recognize-emotion.js';
export {
  EMOTION_RESPONSES,
  INTERNAL_ERROR_REPLY,
  SILENT_AUDIO_REPLY,
  UNREADABLE_AUDIO_REPLY,
  emotionReply,
  responseFor,
} from './emotion-replies.js';
export { WebhookAdapter, type WebhookAdapterOptions } from './webhook-adapter.js';
export { WebhookRequestError, parseWebhookRequest } from './webhook-request.js';
export { loadEmotionModel, type LoadedEmotionModel } from './emotion-model.js';

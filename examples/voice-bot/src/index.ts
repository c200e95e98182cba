/**
 * The voice bot's core, independent of any chat platform.
 */
export type { ChatAdapter, VoiceMessage, VoiceMessageHandler } from './chat-adapter.js';
export { createVoiceBot, replyToVoiceMessage, type VoiceBotOptions } from './voice-bot.js';
export { recognizeEmotion, type RecognizedEmotion } from './recognize-emotion.js';
export {
  BUSY_REPLY,
  EMOTION_RESPONSES,
  INTERNAL_ERROR_REPLY,
  SILENT_AUDIO_REPLY,
  UNREADABLE_AUDIO_REPLY,
  emotionReply,
  responseFor,
} from './emotion-replies.js';
export { WebhookAdapter, type WebhookAdapterOptions } from './webhook-adapter.js';
export { WebhookRequestError, parseWebhookRequest } from './webhook-request.js';

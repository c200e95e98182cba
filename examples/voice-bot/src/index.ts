/**
 * The voice bot's core, independent of any chat platform.
 */
export type {
  ChatAdapter,
  TextMessage,
  TextMessageHandler,
  VoiceMessage,
  VoiceMessageHandler,
} from './chat-adapter.js';
export { senderOf } from './chat-adapter.js';
export {
  DEFAULT_AWAITING_CALIBRATION_TTL_MS,
  createVoiceBot,
  replyToTextMessage,
  replyToVoiceMessage,
  withCalibrationStores,
  type CalibratingBotOptions,
  type VoiceBotOptions,
} from './voice-bot.js';
export { recognizeEmotion, type RecognizedEmotion } from './recognize-emotion.js';
export { enrollSpeaker, type Enrollment } from './enroll-speaker.js';
export { parseCommand, type BotCommand } from './bot-commands.js';
export {
  BUSY_REPLY,
  EMOTION_RESPONSES,
  INTERNAL_ERROR_REPLY,
  SILENT_AUDIO_REPLY,
  UNREADABLE_AUDIO_REPLY,
  emotionReply,
  responseFor,
} from './emotion-replies.js';
export {
  CALIBRATE_PROMPT,
  ENROLLMENT_REPLIES,
  FORGOTTEN_REPLY,
  HELP_REPLY,
  NOTHING_TO_FORGET_REPLY,
  calibratedReply,
} from './calibration-replies.js';
export { WebhookAdapter, type WebhookAdapterOptions } from './webhook-adapter.js';
export { WebhookRequestError, parseWebhookRequest } from './webhook-request.js';

/**
 * The bot: for each voice message, recognise the speaker's emotion and reply with it and a fitting answer.
 */
import { AudioFeaturesError } from '@ser/audio-features';
import { ModelError } from '@ser/models';
import type { RecognizerPool } from '@ser/models/node';
import type { ChatAdapter, VoiceMessage } from './chat-adapter.js';
import { BUSY_REPLY, INTERNAL_ERROR_REPLY, SILENT_AUDIO_REPLY, UNREADABLE_AUDIO_REPLY, emotionReply } from './emotion-replies.js';
import { recognizeEmotion } from './recognize-emotion.js';

/** Options of {@link createVoiceBot}. */
export interface VoiceBotOptions {
  /**
   * The recognizer pool (`createRecognizerPool` of @ser/models/node) that decodes and analyses messages: its
   * workers, queue and decode budget are the bot's, the same defaults as the HTTP service's.
   */
  pool: RecognizerPool;
  /** Receives unexpected errors (not bad audio); default `console.error`. */
  onError?: (error: unknown, message: VoiceMessage) => void;
}

/** The text the bot answers `message` with. Never throws: bad audio gets a polite explanation. */
export async function replyToVoiceMessage(message: VoiceMessage, options: VoiceBotOptions): Promise<string> {
  try {
    const fileName = message.fileName ?? `voice message from ${message.chatId}`;
    const result = await recognizeEmotion(options.pool, message.audio, fileName);
    if (result.kind === 'busy') return BUSY_REPLY;
    return result.kind === 'silent' ? SILENT_AUDIO_REPLY : emotionReply(result.label, result.confidence);
  } catch (error) {
    if (error instanceof AudioFeaturesError) return UNREADABLE_AUDIO_REPLY;
    if (error instanceof ModelError && error.code === 'INVALID_DATA') return SILENT_AUDIO_REPLY;
    if (error instanceof ModelError && (error.code === 'WORKER_FAILED' || error.code === 'ABORTED')) return UNREADABLE_AUDIO_REPLY;
    (options.onError ?? ((e: unknown) => console.error('voice bot error:', e)))(error, message);
    return INTERNAL_ERROR_REPLY;
  }
}

/**
 * Connects the bot to a chat platform: every voice message the adapter delivers is answered through
 * `adapter.sendReply`.
 *
 * @example
 * ```ts
 * const pool = createRecognizerPool(); // @ser/models/node
 * createVoiceBot(new WebhookAdapter({ isBusy: () => pool.full }), { pool });
 * ```
 */
export function createVoiceBot(adapter: ChatAdapter, options: VoiceBotOptions): void {
  adapter.onVoiceMessage(async (message) => {
    await adapter.sendReply(message.chatId, await replyToVoiceMessage(message, options));
  });
}

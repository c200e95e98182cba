/**
 * The bot: for each voice message, recognise the speaker's emotion and reply with it and a fitting answer; the
 * `calibrate` command tunes it to a speaker's voice with their next voice message.
 */
import { AudioFeaturesError } from '@ser/audio-features';
import { ModelError, createCalibrationStore, type CalibrationStore } from '@ser/models';
import type { RecognizerPool } from '@ser/models/node';
import { parseCommand } from './bot-commands.js';
import { senderOf, type ChatAdapter, type TextMessage, type VoiceMessage } from './chat-adapter.js';
import {
  CALIBRATE_PROMPT,
  ENROLLMENT_REPLIES,
  FORGOTTEN_REPLY,
  HELP_REPLY,
  NOTHING_TO_FORGET_REPLY,
  calibratedReply,
} from './calibration-replies.js';
import {
  BUSY_REPLY,
  INTERNAL_ERROR_REPLY,
  SILENT_AUDIO_REPLY,
  UNREADABLE_AUDIO_REPLY,
  emotionReply,
} from './emotion-replies.js';
import { enrollSpeaker } from './enroll-speaker.js';
import { recognizeEmotion } from './recognize-emotion.js';

/** How long the bot waits for the calm voice message after `calibrate` by default: 10 minutes. */
export const DEFAULT_AWAITING_CALIBRATION_TTL_MS = 10 * 60 * 1000;

/** Options of {@link createVoiceBot}. */
export interface VoiceBotOptions {
  /**
   * The recognizer pool (`createRecognizerPool` of @ser/models/node) that decodes and analyses messages: its
   * workers, queue and decode budget are the bot's, the same defaults as the HTTP service's. Calibration needs its
   * calibrated model (loaded by default when the pool is given no `modelDir`).
   */
  pool: RecognizerPool;
  /**
   * Speakers' calibrations by sender (`userId`, else `chatId`). {@link createVoiceBot}'s default:
   * `createCalibrationStore()` of @ser/models — 1000 senders, least recently used dropped first, each for one hour.
   * Without it, {@link replyToVoiceMessage} analyses uncalibrated.
   */
  calibrations?: CalibrationStore;
  /**
   * Senders whose next voice message is their calibration. {@link createVoiceBot}'s default: 1000 senders, each
   * waiting {@link DEFAULT_AWAITING_CALIBRATION_TTL_MS}.
   */
  awaitingCalibration?: CalibrationStore<true>;
  /** Receives unexpected errors (not bad audio); default `console.error`. */
  onError?: (error: unknown, message: VoiceMessage | TextMessage) => void;
}

/** {@link VoiceBotOptions} with both stores: what the commands need. */
export type CalibratingBotOptions = VoiceBotOptions &
  Required<Pick<VoiceBotOptions, 'calibrations' | 'awaitingCalibration'>>;

/** `options` with the default stores filled in. */
export function withCalibrationStores(options: VoiceBotOptions): CalibratingBotOptions {
  return {
    ...options,
    calibrations: options.calibrations ?? createCalibrationStore(),
    awaitingCalibration:
      options.awaitingCalibration ?? createCalibrationStore<true>({ ttlMs: DEFAULT_AWAITING_CALIBRATION_TTL_MS }),
  };
}

/** Audio that could not be decoded, or whose worker died or timed out on it. */
function unreadable(error: unknown): boolean {
  return (
    error instanceof AudioFeaturesError ||
    (error instanceof ModelError && (error.code === 'WORKER_FAILED' || error.code === 'ABORTED'))
  );
}

function reportError(options: VoiceBotOptions, error: unknown, message: VoiceMessage | TextMessage): string {
  (options.onError ?? ((e: unknown) => console.error('voice bot error:', e)))(error, message);
  return INTERNAL_ERROR_REPLY;
}

/**
 * The text the bot answers `message` with. Never throws: bad audio gets a polite explanation. When the sender
 * asked to `calibrate`, the message is their calm speech: the reply confirms the calibration or says why it could
 * not be used. Otherwise it is analysed, with the sender's calibration when `options.calibrations` has one (the
 * reply then says it is tuned to their voice).
 */
export async function replyToVoiceMessage(message: VoiceMessage, options: VoiceBotOptions): Promise<string> {
  const sender = senderOf(message);
  const fileName = message.fileName ?? `voice message from ${message.chatId}`;
  if (options.calibrations !== undefined && options.awaitingCalibration?.get(sender) !== undefined) {
    return enrollmentReply(message, sender, fileName, options as CalibratingBotOptions);
  }
  try {
    const calibration = options.calibrations?.get(sender);
    const result = await recognizeEmotion(options.pool, message.audio, fileName, { calibration });
    if (result.kind === 'busy') return BUSY_REPLY;
    return result.kind === 'silent'
      ? SILENT_AUDIO_REPLY
      : emotionReply(result.label, result.confidence, { calibrated: result.report.calibrated });
  } catch (error) {
    if (unreadable(error)) return UNREADABLE_AUDIO_REPLY;
    if (error instanceof ModelError && error.code === 'INVALID_DATA') return SILENT_AUDIO_REPLY;
    return reportError(options, error, message);
  }
}

/** Takes `message` as the sender's calm speech. */
async function enrollmentReply(
  message: VoiceMessage,
  sender: string,
  fileName: string,
  options: CalibratingBotOptions,
): Promise<string> {
  options.awaitingCalibration.delete(sender); // the next message only: another one sent meanwhile is analysed
  try {
    const enrollment = await enrollSpeaker(options.pool, message.audio, fileName);
    if (enrollment.kind === 'busy') {
      options.awaitingCalibration.set(sender, true); // not the speaker's fault: the next message still counts
      return BUSY_REPLY;
    }
    options.calibrations.set(sender, enrollment.calibration);
    return calibratedReply(enrollment.calibration.speechSeconds);
  } catch (error) {
    if (error instanceof ModelError) {
      if (error.code === 'ENROLLMENT_SILENT' || error.code === 'INVALID_DATA')
        return ENROLLMENT_REPLIES.ENROLLMENT_SILENT;
      if (error.code === 'ENROLLMENT_TOO_SHORT' || error.code === 'ENROLLMENT_NOT_CALM')
        return ENROLLMENT_REPLIES[error.code];
      if (error.code === 'INCOMPATIBLE_CALIBRATION') return ENROLLMENT_REPLIES.UNAVAILABLE;
    }
    if (unreadable(error)) return ENROLLMENT_REPLIES.UNREADABLE;
    return reportError(options, error, message);
  }
}

/**
 * The text the bot answers a text message with: `calibrate` (or `/calibrate`) → it asks for calm speech and takes
 * the sender's next voice message as it; `forget calibration` (or `/uncalibrate`) → it drops their calibration;
 * anything else → what it can do.
 */
export function replyToTextMessage(message: TextMessage, options: CalibratingBotOptions): string {
  const sender = senderOf(message);
  switch (parseCommand(message.text)) {
    case 'calibrate':
      options.awaitingCalibration.set(sender, true);
      return CALIBRATE_PROMPT;
    case 'forget-calibration': {
      const waiting = options.awaitingCalibration.delete(sender);
      return options.calibrations.delete(sender) || waiting ? FORGOTTEN_REPLY : NOTHING_TO_FORGET_REPLY;
    }
    default:
      return HELP_REPLY;
  }
}

/**
 * Connects the bot to a chat platform: every voice and text message the adapter delivers is answered through
 * `adapter.sendReply`. Calibrations are kept per sender in `options.calibrations` (default: a bounded store).
 *
 * @example
 * ```ts
 * const pool = createRecognizerPool(); // @ser/models/node; loads the calibrated default model for `calibrate`
 * createVoiceBot(new WebhookAdapter({ isBusy: () => pool.full }), { pool });
 * ```
 */
export function createVoiceBot(adapter: ChatAdapter, options: VoiceBotOptions): void {
  const bot = withCalibrationStores(options);
  adapter.onVoiceMessage(async (message) => {
    await adapter.sendReply(message.chatId, await replyToVoiceMessage(message, bot));
  });
  adapter.onTextMessage(async (message) => {
    await adapter.sendReply(message.chatId, replyToTextMessage(message, bot));
  });
}

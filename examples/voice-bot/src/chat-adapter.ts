/**
 * The small interface between the bot and a chat platform. A Telegram, Discord or test adapter implements
 * it; the bot never sees the platform's library.
 */

/** A voice message as the platform delivers it. */
export interface VoiceMessage {
  /** Where to reply (a Telegram chat id, a Discord channel id, …), as a string. */
  chatId: string;
  /** Who sent it (a Telegram user id, …): their calibration is kept under it. Default `chatId` (one user per chat). */
  userId?: string;
  /** The audio file's bytes (Telegram/Discord voice notes are OGG/Opus; WAV, MP3, FLAC also work). */
  audio: Uint8Array;
  /** The MIME type the platform gave, e.g. `audio/ogg` (informational: the format is detected from the bytes). */
  mimeType?: string;
  /** A file name for messages, e.g. `voice.ogg`. */
  fileName?: string;
}

/** A text message, e.g. a command such as `calibrate` or `/uncalibrate`. */
export interface TextMessage {
  /** Where to reply, as for {@link VoiceMessage.chatId}. */
  chatId: string;
  /** Who sent it; default `chatId`. */
  userId?: string;
  text: string;
}

/** Called by an adapter for every voice message; resolves once the bot has replied. */
export type VoiceMessageHandler = (message: VoiceMessage) => Promise<void>;

/** Called by an adapter for every text message; resolves once the bot has replied. */
export type TextMessageHandler = (message: TextMessage) => Promise<void>;

/** What the bot needs from a chat platform. */
export interface ChatAdapter {
  /** Registers the bot's handler for incoming voice messages. */
  onVoiceMessage(handler: VoiceMessageHandler): void;
  /** Registers the bot's handler for incoming text messages (its commands). */
  onTextMessage(handler: TextMessageHandler): void;
  /** Sends a text reply to a chat. */
  sendReply(chatId: string, text: string): Promise<void>;
}

/** The key a sender's calibration is kept under: `userId`, else `chatId`. */
export function senderOf(message: VoiceMessage | TextMessage): string {
  return message.userId ?? message.chatId;
}

/**
 * What the bot says for each emotion (pure).
 */
import { ekman7LabelOf, type Ekman7Label } from '@ser/core';

/** A fitting response per emotion: the `ekman7` labels, and RAVDESS's calm. */
export const EMOTION_RESPONSES: Readonly<Record<Ekman7Label | 'calm', string>> = {
  angry: "That sounds frustrating. I'm here if you want to talk it through — what happened?",
  disgust: 'Sounds like something really put you off. Want to tell me about it?',
  fear: 'You sound worried. Take a breath — is there anything I can help with?',
  happy: 'You sound cheerful! Glad to hear it — what is the good news?',
  neutral: 'Thanks for the message. How can I help?',
  sad: "You sound a bit down. I'm sorry — do you want to talk about it?",
  surprise: 'You sound surprised! What happened?',
  calm: 'You sound calm and collected. How can I help?',
};

/**
 * The response for `label` (any of its names: `fearful` is `fear`, `surprised` is `surprise`, …), or a neutral
 * one for a label this table does not know.
 */
export function responseFor(label: string): string {
  const emotion = label === 'calm' ? 'calm' : ekman7LabelOf(label);
  return emotion === undefined ? 'Thanks for the voice message. How can I help?' : EMOTION_RESPONSES[emotion];
}

/**
 * The full reply: the detected emotion with its confidence, then the response; `calibrated` adds that the
 * speaker's calibration was used.
 */
export function emotionReply(label: string, confidence: number, options: { calibrated?: boolean } = {}): string {
  const tuned = options.calibrated === true ? ', tuned to your voice' : '';
  return `I hear ${label} in your voice (${Math.round(confidence * 100)}% confident${tuned}). ${responseFor(label)}`;
}

/** Reply for audio the bot could not decode. */
export const UNREADABLE_AUDIO_REPLY =
  "Sorry, I couldn't open that audio file — it seems damaged or is not a format I know (OGG/Opus, WAV, MP3, FLAC). Could you send it again?";

/** Reply for a message with no audible speech. */
export const SILENT_AUDIO_REPLY =
  "I couldn't hear anything in that message — was the microphone muted? Please try again.";

/** Reply when something unexpected went wrong. */
export const INTERNAL_ERROR_REPLY =
  'Sorry, something went wrong while I was listening to your message. Please try again in a moment.';

/** Reply when every analysis place is taken. */
export const BUSY_REPLY = "I'm listening to a lot of messages right now — please send yours again in a moment.";

/**
 * What the bot says about speaker calibration: the prompt, the confirmation, and why an enrollment failed (pure).
 */
import { DEFAULT_MIN_ENROLLMENT_SECONDS } from '@ser/models';

/** The answer to `calibrate`: the next voice message is taken as calm speech. */
export const CALIBRATE_PROMPT =
  "Let's tune me to your voice. Please send a voice message of about 5 seconds of calm speech — for example, read a few sentences aloud " +
  'in your normal, relaxed voice. I will use your next voice message for this.';

/** The confirmation of a calibration resting on `speechSeconds` of speech. */
export function calibratedReply(speechSeconds: number): string {
  return (
    `Thanks — I'm now tuned to your voice (${speechSeconds.toFixed(1)} seconds of speech). ` +
    'I will use it for your voice messages from now on; send "forget calibration" to drop it.'
  );
}

/** The answer to `forget calibration`, when there was one (or a pending request) and when there was none. */
export const FORGOTTEN_REPLY =
  "Done — I've forgotten your calibration. I will listen to your voice messages without it.";
export const NOTHING_TO_FORGET_REPLY =
  'You have no calibration with me, so there is nothing to forget. Send "calibrate" to make one.';

const TRY_AGAIN = 'Send "calibrate" to try again.';

/** Why an enrollment could not be used, by ModelError code. */
export const ENROLLMENT_REPLIES = {
  ENROLLMENT_SILENT: `I couldn't hear anything in that message, so I couldn't tune to your voice — was the microphone muted? ${TRY_AGAIN}`,
  ENROLLMENT_TOO_SHORT:
    `That message had too little speech to tune to your voice: I need at least ${DEFAULT_MIN_ENROLLMENT_SECONDS} seconds of you ` +
    `talking (about 5 is best). ${TRY_AGAIN}`,
  ENROLLMENT_NOT_CALM:
    "That didn't sound calm enough to tune to your voice — I need your everyday, relaxed voice (reading a few sentences " +
    `aloud works well). ${TRY_AGAIN}`,
  UNREADABLE: `I couldn't open that audio file, so I couldn't tune to your voice. ${TRY_AGAIN}`,
  UNAVAILABLE: "Sorry, I can't tune to voices here: this bot runs without a speaker-calibrated model.",
} as const;

/** The answer to a text that is no command. */
export const HELP_REPLY =
  'Send me a voice message and I will tell you the emotion I hear. Send "calibrate" to tune me to your voice first, ' +
  '"forget calibration" to drop it.';

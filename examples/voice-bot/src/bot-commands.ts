/**
 * The bot's text commands (pure): `calibrate` / `/calibrate`, `forget calibration` / `/uncalibrate`.
 */

/** A command the bot knows. */
export type BotCommand = 'calibrate' | 'forget-calibration';

const COMMANDS: Readonly<Record<string, BotCommand>> = {
  calibrate: 'calibrate',
  '/calibrate': 'calibrate',
  'forget calibration': 'forget-calibration',
  '/uncalibrate': 'forget-calibration',
};

/**
 * The command `text` is, or `null`. Case, surrounding spaces and punctuation, repeated spaces and a Telegram
 * `@BotName` suffix (`/calibrate@MoodBot`) do not matter.
 * @example
 * ```ts
 * parseCommand(' Calibrate! ');          // 'calibrate'
 * parseCommand('/uncalibrate@MoodBot');  // 'forget-calibration'
 * parseCommand('hello');                 // null
 * ```
 */
export function parseCommand(text: string): BotCommand | null {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(\/\w+)@\w+/, '$1')
    .replace(/[.!?]+$/, '');
  return COMMANDS[normalized] ?? null;
}

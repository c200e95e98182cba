/**
 * @ser/cli: the `ser` command. The binary is `dist/cli.js`; this entry exposes the same machinery for
 * programs and tests: {@link runCli} runs a command line against given streams, and the pure helpers
 * (text formatting of analyses; the analysis itself is @ser/models' `createRecognizer`) are exported for reuse.
 */
export { runCli, findCommand } from './run-cli.js';
export { parseCommandLine, type ParsedCommandLine } from './args.js';
export { COMMANDS } from './commands/index.js';
export type {
  AnyCommand,
  CommandSpec,
  CommandContext,
  OptionSpec,
  OptionSpecs,
  OptionValues,
  ParsedOptions,
} from './command.js';
export { EXIT_CODES_HELP, type ExitCode } from './exit-codes.js';
export type { RawValue, ReadContext } from './options.js';
export type { CliIo, OutputStream } from './io.js';
export { CliError, UsageError, EXIT, exitCodeOf, describeError, type CliErrorCode } from './errors.js';
export { formatChunkHeader, formatChunkLine, formatSummary } from './analysis/format-analysis.js';
export { toEkman7 } from './analysis/ekman.js';
export {
  mapItemsToModel,
  modelLabelFor,
  type EmotionItem,
  type LabelSetLike,
  type MappedItems,
} from './analysis/label-mapping.js';
export { horizontalBar, distributionBar, labelAbbreviations } from './ui/bars.js';
export { renderTable, renderConfusionTable, type TableOptions, type Align } from './ui/table.js';
export { formatTime, formatDuration, formatPercent, fitWidth } from './ui/format.js';
export {
  ProgressReporter,
  chooseProgressMode,
  withStatus,
  type ProgressMode,
  type ProgressOptions,
} from './ui/progress.js';
export { findExecutable } from '@ser/audio-features/node';
export { findPlayer, NO_PLAYER_MESSAGE, type AudioPlayer } from './media/player.js';
export { isHttpUrl, isYouTubeUrl, fileNameFromUrl } from './media/urls.js';
export { encodeWav16 } from './media/wav-writer.js';
export { CLI_VERSION } from './version.js';

/** `ser listen`: record from the microphone (or take a file), and show the acoustic, text and fused emotions. */
import { assertLongEnough } from '../analysis/duration.js';
import { toEkman7 } from '../analysis/ekman.js';
import { describeCalibration, type CalibrationSummary } from '../calibration/calibration-file.js';
import { createCalibratedRecognizer } from '../calibration/calibrated-recognizer.js';
import {
  LISTEN_CALIBRATION_OPTIONS,
  parseListenCalibration,
  prepareListenCalibration,
} from '../calibration/listen-calibration.js';
import { defineCommand, type OptionValues } from '../command.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { flag, number, text } from '../options.js';
import { jsonOption, modelOption } from '../shared-options.js';
import { loadTextNode } from '../deps.js';
import { CliError, describeError } from '../errors.js';
import { loadMedia, type LoadedMedia } from '../media/load-media.js';
import { recordFromMicrophone } from '../media/microphone.js';
import { loadEmotionModel } from '../model/load-emotion-model.js';
import { describeMissingTextModel } from '../model/text-model-error.js';
import { resolveModelDir, type ModelLocation } from '../model/resolve-model-dir.js';
import { horizontalBar } from '../ui/bars.js';
import { formatDuration, formatPercent } from '../ui/format.js';
import { chooseProgressMode, withStatus } from '../ui/progress.js';
import { renderTable } from '../ui/table.js';

/** A distribution as label → probability, for printing. */
type Distribution = { label: string; score: number }[];

export const listenCommand = defineCommand({
  name: 'listen',
  summary: 'record from the microphone (or take a file) and show the emotion; with --text also what was said',
  usage: 'listen [--seconds 4] [--text] [--file <file>] [--calibration <file> | --calibrate] [options]',
  description:
    'Records --seconds of audio with the first recorder found on PATH (sox `rec`, `arecord` or `ffmpeg`), or reads ' +
    '--file, and analyses it like `ser analyze` (2-s chunks, silence left out, the duration-weighted mean of the chunks). With --text the speech is also transcribed with Whisper ' +
    '(translated to English when needed), the words are classified, and the acoustic and text views are fused ' +
    '(weighted mean of the seven shared emotions). Whisper models are read from --models-dir or $SER_MODELS_DIR.\n\n' +
    'Speaker calibration: --calibration <file> (from `ser calibrate`) analyses with the speaker-calibrated model. ' +
    '--calibrate first asks the speaker to talk calmly: a prompt and a 3-s countdown on stderr, then ' +
    '--calibrate-seconds (5) of calm speech recorded from the microphone, enrolled as `ser calibrate` does (refused ' +
    'when silent, under 3 s of speech, or not calm; the command then exits 1), optionally saved with ' +
    '--save-calibration; then it listens calibrated. --calibrate-file <calm.wav> takes the calm speech from a ' +
    'recording instead of the microphone (scripts, tests); it implies --calibrate and works with --file too.',
  options: {
    seconds: number({
      short: 's',
      valueName: 'seconds',
      description: 'how long to record',
      default: 4,
      min: 0,
      exclusiveMin: true,
      max: 600,
    }),
    file: text({ valueName: 'file', description: 'analyse this recording instead of the microphone' }),
    text: flag({ short: 't', description: 'also transcribe and classify the words, and fuse both views' }),
    model: modelOption(
      'the pretrained default model; calibrated: the calibrated default model',
      'acoustic model bundle folder',
    ),
    ...LISTEN_CALIBRATION_OPTIONS,
    whisper: text({
      valueName: 'model',
      description: 'Whisper model (hub id in the models folder, or a folder)',
      defaultText: 'Xenova/whisper-base',
    }),
    'models-dir': text({
      valueName: 'dir',
      description: 'folder of transformers.js models',
      defaultText: '$SER_MODELS_DIR or ./models',
    }),
    'allow-download': flag({
      description: 'let --text fetch a missing Whisper model from the Hugging Face Hub into the models folder',
    }),
    language: text({ valueName: 'code', description: 'spoken language (e.g. en, de); detected when omitted' }),
    'text-weight': number({
      valueName: 'w',
      description: 'weight of the text view in the fusion, 0…1',
      default: 0.5,
      min: 0,
      max: 1,
    }),
    json: jsonOption(),
  },
  positionals: { min: 0, max: 0, name: 'no arguments' },
  examples: [
    'ser listen',
    'ser listen --seconds 6 --text',
    'ser listen --file message.ogg --text --language de',
    'ser listen --file speech.wav --model ./my-model --json',
    'ser listen --calibrate --save-calibration me.calibration.json',
    'ser listen --calibration me.calibration.json --seconds 6',
    'ser listen --file angry.wav --calibrate-file calm.wav --json',
  ],
  async run({ options, given, io }) {
    const acoustic = await listenAcoustic(options, given, io);
    const text = options.text ? await listenText(acoustic, options, io) : undefined;
    printListen(acoustic, text, options, io);
    if (text?.error) {
      io.stderr.write(`error: the text view failed: ${text.error.message}\n`);
      io.stderr.write(`  hint: ${text.error.hint}\n`);
      return EXIT.failure;
    }
    return EXIT.ok;
  },
});

/** The option values of `ser listen`. */
type ListenValues = OptionValues<typeof listenCommand.options>;

/** What the acoustic model heard. */
interface AcousticView {
  audio: LoadedMedia;
  location: ModelLocation;
  calibration: CalibrationSummary | null;
  acoustic: Distribution;
  acousticTop: string;
  ekman: ReturnType<typeof toEkman7>;
}

/** What was said, its emotions and their fusion with the acoustic view; or why the text view failed. */
interface TextView {
  text: { transcript: string; englishText: string; language: string | null; scores: Distribution } | null;
  fused: Distribution | null;
  error?: { message: string; hint: string };
}

/** Records (or reads --file), calibrates when asked, and analyses the audio like `ser analyze`. */
async function listenAcoustic(options: ListenValues, given: ReadonlySet<string>, io: CliIo): Promise<AcousticView> {
  const calibrationRequest = parseListenCalibration(options, given);
  const location = await resolveModelDir(options.model, io.cwd, { calibrated: calibrationRequest !== undefined });
  // The model first: a calibration is checked against it (and enrolled with it) before the speaker is recorded.
  const model = await withStatus(io.stderr, chooseProgressMode(io.stderr, false), 'loading the model', () =>
    loadEmotionModel(location.dir),
  );
  try {
    const calibrated = calibrationRequest && (await prepareListenCalibration(calibrationRequest, model, location, io));
    const audio = options.file
      ? await loadMedia(options.file, { env: io.env, cwd: io.cwd, mono: true })
      : await recordFromMicrophone(options.seconds, io);
    assertLongEnough(audio.source, audio.duration);
    const recognizer = await createCalibratedRecognizer({ model, location, calibration: calibrated });
    const { summary } = recognizer.analyze(audio.samples, audio.sampleRate);
    if (summary.label === null || summary.probabilities === null) {
      throw new CliError(
        `${audio.source} is silent (every chunk below ${recognizer.settings.silenceThresholdDbfs} dBFS RMS): there is no speech to analyse`,
        {
          hint: 'check the microphone input level or the file',
        },
      );
    }
    const probabilities = summary.probabilities;
    const acoustic = model.labels.map((label) => ({ label, score: probabilities[label] ?? 0 }));
    return {
      audio,
      location,
      calibration: calibrated?.summary ?? null,
      acoustic,
      acousticTop: summary.label,
      ekman: toEkman7(
        model.labels,
        acoustic.map((s) => s.score),
      ),
    };
  } finally {
    model.dispose();
  }
}

/**
 * Transcribes with Whisper (@ser/text/node, which checks the model folder on disk first so that every missing file
 * is named), classifies the words and fuses both views. A failure is returned, not thrown: the acoustic view
 * is still printed.
 */
async function listenText(view: AcousticView, options: ListenValues, io: CliIo): Promise<TextView> {
  try {
    const { analyzeSpeechText, fuseEmotions } = await loadTextNode();
    const transcribe = {
      ...(options.whisper ? { model: options.whisper } : {}),
      ...(options['models-dir'] ? { modelsDir: options['models-dir'] } : {}),
      ...(options.language ? { language: options.language } : {}),
      ...(options['allow-download'] ? { allowDownload: true } : {}),
    };
    const analysis = await analyzeSpeechText(
      { samples: view.audio.samples, sampleRate: view.audio.sampleRate },
      { transcribe },
    );
    const scores = analysis.emotions ? analysis.emotions.scores.map((s) => ({ label: s.label, score: s.score })) : [];
    const text = { transcript: analysis.text, englishText: analysis.englishText, language: analysis.language, scores };
    if (!analysis.emotions) return { text, fused: null };
    if (view.ekman.unmapped.length > 0) {
      io.stderr.write(
        `note: the model's label(s) ${view.ekman.unmapped.join(', ')} have no counterpart among the seven shared emotions and are left out of the fusion\n`,
      );
    }
    const textWeight = options['text-weight'];
    const fused = fuseEmotions(view.ekman.distribution, analysis.emotions.scores, {
      weights: { acoustic: 1 - textWeight, text: textWeight },
    }).map((s) => ({ label: s.acousticLabel, score: s.score }));
    return { text, fused };
  } catch (error) {
    const missingModel = describeMissingTextModel(error);
    return {
      text: null,
      fused: null,
      error: {
        message: missingModel?.message ?? describeError(error),
        hint:
          missingModel?.hint ??
          'put the Whisper model files in the models folder (--models-dir or $SER_MODELS_DIR), or add --allow-download',
      },
    };
  }
}

/** Prints the views: JSON with --json, else a distribution table per view. */
function printListen(view: AcousticView, textView: TextView | undefined, options: ListenValues, io: CliIo): void {
  const { audio, location, calibration, acoustic, acousticTop } = view;
  const text = textView?.text ?? null;
  const fused = textView?.fused ?? null;
  if (options.json) {
    const result = {
      source: audio.source,
      duration: audio.duration,
      sampleRate: audio.sampleRate,
      model: { dir: location.dir, isDefault: location.isDefault },
      calibration,
      acoustic: Object.fromEntries(acoustic.map((s) => [s.label, s.score])),
      acousticTop,
      text: text && { ...text, scores: Object.fromEntries(text.scores.map((s) => [s.label, s.score])) },
      fused: fused && Object.fromEntries(fused.map((s) => [s.label, s.score])),
      ...(textView?.error ? { textError: textView.error.message } : {}),
    };
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const textWeight = options['text-weight'];
  const heading = `${audio.source}: ${formatDuration(audio.duration)}${calibration ? `; ${describeCalibration(calibration)}` : ''}`;
  const out = [heading, '', 'acoustic (how it sounds):', formatDistribution(acoustic)];
  if (text) {
    out.push(
      '',
      `text (what was said${text.language ? `, language ${text.language}` : ''}): "${text.transcript || '(nothing recognised)'}"`,
    );
    if (text.englishText !== text.transcript) out.push(`in English: "${text.englishText}"`);
    if (text.scores.length) out.push(formatDistribution(text.scores));
  }
  if (fused)
    out.push(
      '',
      `fused (acoustic ${formatPercent(1 - textWeight, 0)}, text ${formatPercent(textWeight, 0)}):`,
      formatDistribution(fused),
    );
  io.stdout.write(`${out.join('\n')}\n`);
}

/** Rows `label  p%  bar`, most probable first. */
function formatDistribution(distribution: Distribution): string {
  const sorted = [...distribution].sort((a, b) => b.score - a.score);
  return renderTable(
    sorted.map((s) => [`  ${s.label}`, formatPercent(s.score), horizontalBar(s.score, 30)]),
    { align: ['left', 'right', 'left'] },
  );
}

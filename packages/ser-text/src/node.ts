/**
 * @ser/text/node: everything of `@ser/text`, plus what needs Node — audio file paths for `transcribe`
 * and `analyzeSpeechText`, a file-system check that names missing model files, and `recordMicrophone`.
 */
import { loadAudio } from '@ser/audio-features/node';
import * as core from './index.js';
import { listMissingModelFiles } from './node/model-files.js';
import type { SpeechAudioInput } from './speech/speech-audio.js';

export * from './index.js';
export {
  recordMicrophone,
  requireRecorder,
  type RecordMicrophoneOptions,
  type MicrophoneRecording,
} from './node/record-microphone.js';
export {
  findRecorder,
  findExecutable,
  recorderArguments,
  s16leToFloat32,
  RECORDERS,
  type RecorderName,
  type FoundRecorder,
  type RecorderCommandOptions,
} from './node/find-recorder.js';
export { listMissingModelFiles } from './node/model-files.js';

/** Audio for the Node entry: a file path, or anything the main entry accepts. */
export type NodeSpeechAudioInput = string | SpeechAudioInput;

async function loadIfPath(audio: NodeSpeechAudioInput): Promise<SpeechAudioInput> {
  if (typeof audio !== 'string') return audio;
  const loaded = await loadAudio(audio, { sr: core.WHISPER_SAMPLE_RATE });
  return { samples: loaded.samples, sampleRate: loaded.sampleRate };
}

/**
 * {@link core.classifyText} with missing transformers model files listed from the file system.
 */
export const classifyText: typeof core.classifyText = ((input: never, options: core.ClassifyTextOptions = {}) =>
  core.classifyText(input, { listMissingFiles: listMissingModelFiles, ...options })) as typeof core.classifyText;

/**
 * {@link core.transcribe} that also takes a file path (decoded and resampled to 16 kHz mono by
 * `@ser/audio-features/node`'s `loadAudio`), with missing model files listed from the file system.
 */
export async function transcribe(
  audio: NodeSpeechAudioInput,
  options: core.TranscribeOptions = {},
): Promise<core.Transcript> {
  const fileName = typeof audio === 'string' ? audio : options.fileName;
  return core.transcribe(await loadIfPath(audio), {
    listMissingFiles: listMissingModelFiles,
    ...options,
    ...(fileName === undefined ? {} : { fileName }),
  });
}

/**
 * {@link core.analyzeSpeechText} that also takes a file path, with missing model files listed from the
 * file system.
 */
export async function analyzeSpeechText(
  audio: NodeSpeechAudioInput,
  options: core.AnalyzeSpeechTextOptions = {},
): Promise<core.SpeechTextAnalysis> {
  const fileName = typeof audio === 'string' ? audio : options.transcribe?.fileName;
  return core.analyzeSpeechText(await loadIfPath(audio), {
    ...options,
    transcribe: {
      listMissingFiles: listMissingModelFiles,
      ...options.transcribe,
      ...(fileName === undefined ? {} : { fileName }),
    },
    classify: { listMissingFiles: listMissingModelFiles, ...options.classify },
  });
}

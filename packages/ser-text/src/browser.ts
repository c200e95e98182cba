/**
 * @ser/text/browser: everything of `@ser/text`, plus a microphone recorder built on getUserMedia and an
 * AudioWorklet. No Node built-ins.
 */
export * from './index.js';
export {
  recordMicrophone,
  CAPTURE_PROCESSOR_SOURCE,
  type BrowserRecordMicrophoneOptions,
  type BrowserMicrophoneRecording,
} from './browser/record-microphone.js';

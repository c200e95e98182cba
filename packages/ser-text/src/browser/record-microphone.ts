/**
 * Recording from the microphone in browsers: getUserMedia + an AudioWorklet that forwards the input's
 * first channel, collected until the requested length, resampled to the requested rate when the
 * browser would not open an AudioContext at that rate.
 */
import { resample } from '@ser/audio-features';
import { TextEmotionError } from '../errors.js';
import { validateRecordingLength } from '../recording-options.js';

/** Options of {@link recordMicrophone}. */
export interface BrowserRecordMicrophoneOptions {
  /** Length in seconds (> 0, at most 3600). */
  seconds: number;
  /** Sample rate of the result in Hz (default 16000). */
  sampleRate?: number;
  /** Extra audio constraints for getUserMedia (default: echo cancellation / noise suppression off). */
  audioConstraints?: Record<string, unknown>;
}

/** A recording. */
export interface BrowserMicrophoneRecording {
  samples: Float32Array;
  sampleRate: number;
}

// Minimal structural types of the Web Audio / Media Capture APIs used here (the package compiles without the DOM lib).
interface MediaStreamTrackLike {
  stop(): void;
}
interface MediaStreamLike {
  getTracks(): MediaStreamTrackLike[];
}
interface AudioNodeLike {
  connect(node: AudioNodeLike): void;
  disconnect(): void;
}
interface WorkletNodeLike extends AudioNodeLike {
  port: { onmessage: ((event: { data: Float32Array }) => void) | null };
}
interface AudioContextLike {
  sampleRate: number;
  destination: AudioNodeLike;
  audioWorklet: { addModule(url: string): Promise<void> };
  createMediaStreamSource(stream: MediaStreamLike): AudioNodeLike;
  close(): Promise<void>;
}
type AudioContextConstructor = new (options?: { sampleRate?: number }) => AudioContextLike;
type AudioWorkletNodeConstructor = new (context: AudioContextLike, name: string, options?: object) => WorkletNodeLike;

/** Source of the AudioWorklet processor: posts a copy of each 128-frame block of channel 0. */
export const CAPTURE_PROCESSOR_SOURCE = `
class SerCaptureProcessor extends AudioWorkletProcessor {
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) this.port.postMessage(channel.slice(0));
    return true;
  }
}
registerProcessor('ser-capture', SerCaptureProcessor);
`;

function concatenate(chunks: Float32Array[], length: number): Float32Array {
  const out = new Float32Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.length, length - offset);
    out.set(chunk.subarray(0, take), offset);
    offset += take;
    if (offset >= length) break;
  }
  return out;
}

/**
 * Records `seconds` of mono audio from the user's microphone (asks for permission). Throws
 * RECORDER_UNAVAILABLE when the browser lacks getUserMedia / AudioWorklet and RECORDING_FAILED when
 * permission is denied or no device exists.
 */
export async function recordMicrophone(options: BrowserRecordMicrophoneOptions): Promise<BrowserMicrophoneRecording> {
  const { seconds, sampleRate } = validateRecordingLength(options);
  const g = globalThis as unknown as {
    navigator?: { mediaDevices?: { getUserMedia?(c: object): Promise<MediaStreamLike> } };
    AudioContext?: AudioContextConstructor;
    AudioWorkletNode?: AudioWorkletNodeConstructor;
    Blob?: new (parts: string[], options: { type: string }) => object;
    URL: { createObjectURL?(blob: object): string; revokeObjectURL?(url: string): void };
  };
  const getUserMedia = g.navigator?.mediaDevices?.getUserMedia?.bind(g.navigator.mediaDevices);
  if (!getUserMedia || !g.AudioContext || !g.AudioWorkletNode || !g.Blob || !g.URL.createObjectURL) {
    throw new TextEmotionError(
      'RECORDER_UNAVAILABLE',
      'this environment has no navigator.mediaDevices.getUserMedia / AudioContext / AudioWorkletNode (needs a browser page served over https or localhost); in Node use recordMicrophone from @ser/text/node',
    );
  }
  let stream: MediaStreamLike;
  try {
    stream = await getUserMedia({
      audio: {
        channelCount: 1,
        echoCancellation: false,
        noiseSuppression: false,
        autoGainControl: false,
        ...options.audioConstraints,
      },
    });
  } catch (cause) {
    throw new TextEmotionError(
      'RECORDING_FAILED',
      `microphone access failed: ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    );
  }
  let context: AudioContextLike;
  try {
    context = new g.AudioContext({ sampleRate });
  } catch {
    context = new g.AudioContext(); // browser refused the rate: record at the native rate and resample
  }
  const moduleUrl = g.URL.createObjectURL(new g.Blob([CAPTURE_PROCESSOR_SOURCE], { type: 'application/javascript' }));
  try {
    await context.audioWorklet.addModule(moduleUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new g.AudioWorkletNode(context, 'ser-capture', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      channelCount: 1,
    });
    const needed = Math.ceil(seconds * context.sampleRate);
    const chunks: Float32Array[] = [];
    await new Promise<void>((resolve) => {
      let collected = 0;
      node.port.onmessage = (event) => {
        chunks.push(event.data);
        collected += event.data.length;
        if (collected >= needed) resolve();
      };
      source.connect(node);
      node.connect(context.destination); // keeps the graph pulling; the worklet outputs silence
    });
    node.port.onmessage = null;
    source.disconnect();
    node.disconnect();
    const recorded = concatenate(chunks, needed);
    const samples = context.sampleRate === sampleRate ? recorded : resample(recorded, context.sampleRate, sampleRate);
    return { samples, sampleRate };
  } finally {
    for (const track of stream.getTracks()) track.stop();
    g.URL.revokeObjectURL?.(moduleUrl);
    await context.close().catch(() => undefined);
  }
}

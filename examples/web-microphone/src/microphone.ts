/**
 * Microphone capture: getUserMedia → AudioWorklet (or ScriptProcessor where worklets are missing) →
 * blocks of mono samples on the main thread.
 */
import captureProcessorUrl from './capture-processor.ts?worker&url';

/** A running capture. */
export interface MicrophoneCapture {
  /** Sample rate of the delivered samples (the AudioContext's rate, often 48 000). */
  sampleRate: number;
  /** `audio-worklet` or `script-processor`. */
  method: 'audio-worklet' | 'script-processor';
  /** Stops the microphone and closes the audio graph. */
  stop(): Promise<void>;
}

/**
 * Asks for the microphone and calls `onSamples` with each block of mono samples (first channel).
 * Must be called from a user gesture in browsers that block audio autoplay.
 * @throws DOMException `NotAllowedError` when permission is refused, `NotFoundError` without a microphone
 */
export async function startMicrophone(onSamples: (block: Float32Array) => void): Promise<MicrophoneCapture> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  const context = new AudioContext();
  await context.resume();
  const source = context.createMediaStreamSource(stream);
  const stopTracks = () => stream.getTracks().forEach((track) => track.stop());
  if (context.audioWorklet) {
    await context.audioWorklet.addModule(captureProcessorUrl);
    const node = new AudioWorkletNode(context, 'ser-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    node.port.onmessage = (event: MessageEvent<Float32Array>) => onSamples(event.data);
    source.connect(node);
    return {
      sampleRate: context.sampleRate,
      method: 'audio-worklet',
      stop: async () => {
        source.disconnect();
        node.port.onmessage = null;
        stopTracks();
        await context.close();
      },
    };
  }
  // Fallback for browsers without AudioWorklet: the deprecated ScriptProcessorNode.
  const processor = context.createScriptProcessor(4096, 1, 1);
  processor.onaudioprocess = (event) => onSamples(new Float32Array(event.inputBuffer.getChannelData(0)));
  source.connect(processor);
  processor.connect(context.destination); // a ScriptProcessor only runs when connected
  return {
    sampleRate: context.sampleRate,
    method: 'script-processor',
    stop: async () => {
      source.disconnect();
      processor.disconnect();
      stopTracks();
      await context.close();
    },
  };
}

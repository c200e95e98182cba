import { AudioFeaturesError } from '../errors.js';
import { withConsoleCaptured } from './captured-console.js';
import { mpegDeclaredLength, mpegStreamShape } from './mpeg-info.js';
import type { SampleSink } from './sample-sink.js';
import { FEED_BYTES, decodedNothing, loadPackage, runWasmDecode, throwIfDecodeErrors } from './wasm-codecs.js';

/**
 * Decodes an MP3 (MPEG-1/2/2.5 layers I–III) with `mpg123-decoder`, 64 KiB at a time, into `sink`. The shape
 * comes from the first frame header and the length, when the file has one, from its Xing/Info frame count: a
 * stream that decodes to less is CORRUPT_AUDIO (cut off). mpg123 always outputs two channels; a mono MP3
 * (channel mode 11) keeps one.
 */
export async function decodeMp3(bytes: Uint8Array, sink: SampleSink, file?: string): Promise<void> {
  const shape = mpegStreamShape(bytes);
  if (!shape)
    throw new AudioFeaturesError('CORRUPT_AUDIO', 'no MPEG audio frame header found in the first 64 KiB', { file });
  const declared = mpegDeclaredLength(bytes);
  sink.start({
    ...shape,
    ...(declared !== undefined && declared > 0 ? { frames: declared } : {}),
    source: 'the MP3 frame header',
  });
  const { MPEGDecoder } = await loadPackage(() => import('mpg123-decoder'), 'mpg123-decoder', file);
  await runWasmDecode(
    'mp3',
    () => new MPEGDecoder(),
    async (decoder) => {
      let decoded = 0;
      for (let at = 0; at < bytes.length; at += FEED_BYTES) {
        const { result } = withConsoleCaptured(() => decoder.decode(bytes.subarray(at, at + FEED_BYTES)));
        throwIfDecodeErrors('mp3', result, `the frame near byte ${at}`, file);
        if (result.samplesDecoded === 0) continue;
        if (result.sampleRate !== shape.sampleRate) {
          throw new AudioFeaturesError(
            'UNSUPPORTED_CODEC',
            `the MP3 stream changes its sample rate from ${shape.sampleRate} to ${result.sampleRate} Hz near byte ${at}`,
            { file },
          );
        }
        decoded += result.samplesDecoded;
        if (!sink.write(result.channelData.slice(0, shape.channels), result.samplesDecoded)) return;
      }
      if (decoded === 0) throw decodedNothing('mp3', file);
      // Two frames of slack for encoder/decoder delay bookkeeping.
      if (declared !== undefined && decoded < declared - 2 * 1152) {
        throw new AudioFeaturesError(
          'CORRUPT_AUDIO',
          `truncated MP3 stream (Xing/Info frame count): the header declares ${declared} samples per channel but only ${decoded} could be decoded`,
          { file },
        );
      }
    },
    file,
  );
}

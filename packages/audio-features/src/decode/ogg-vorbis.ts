import { AudioFeaturesError } from '../errors.js';
import { oggDeclaredLength, oggTruncation } from './ogg-pages.js';
import type { SampleSink } from './sample-sink.js';
import { vorbisStreamShape } from './vorbis-info.js';
import {
  FEED_BYTES,
  decodedNothing,
  loadPackage,
  runWasmDecode,
  throwIfDecodeErrors,
  type WasmDecoded,
} from './wasm-codecs.js';

/**
 * Decodes Ogg Vorbis with `@wasm-audio-decoders/ogg-vorbis`, 64 KiB at a time, into `sink`, trimmed to the last
 * granule position. A file that ends inside a page or without an end-of-stream page is CORRUPT_AUDIO.
 */
export async function decodeOggVorbis(bytes: Uint8Array, sink: SampleSink, file?: string): Promise<void> {
  const truncation = oggTruncation(bytes);
  if (truncation) throw new AudioFeaturesError('CORRUPT_AUDIO', `truncated Ogg Vorbis stream: ${truncation}`, { file });
  const shape = vorbisStreamShape(bytes);
  if (!shape)
    throw new AudioFeaturesError('CORRUPT_AUDIO', 'the first Ogg page holds no complete Vorbis identification header', {
      file,
    });
  const declared = oggDeclaredLength(bytes, 'vorbis');
  const limit = declared !== undefined && declared > 0 ? declared : Infinity;
  sink.start({
    ...shape,
    ...(limit !== Infinity ? { frames: limit } : {}),
    source: 'the Vorbis identification header',
  });
  const { OggVorbisDecoder } = await loadPackage(
    () => import('@wasm-audio-decoders/ogg-vorbis'),
    '@wasm-audio-decoders/ogg-vorbis',
    file,
  );
  await runWasmDecode(
    'ogg-vorbis',
    () => new OggVorbisDecoder(),
    async (decoder) => {
      let decoded = 0;
      /** Hands decoded samples to the sink; false when no more are wanted. */
      const deliver = (result: WasmDecoded, where: string): boolean => {
        throwIfDecodeErrors('ogg-vorbis', result, where, file);
        const count = Math.min(result.samplesDecoded, limit - decoded);
        if (count <= 0) return decoded < limit;
        if (result.sampleRate !== shape.sampleRate || result.channelData.length !== shape.channels) {
          throw new AudioFeaturesError(
            'UNSUPPORTED_CODEC',
            `the Ogg Vorbis stream changes from ${shape.channels} channel(s) at ${shape.sampleRate} Hz to ${result.channelData.length} at ${result.sampleRate} Hz (${where})`,
            { file },
          );
        }
        decoded += count;
        return sink.write(result.channelData, count) && decoded < limit;
      };
      for (let at = 0; at < bytes.length; at += FEED_BYTES) {
        if (!deliver(await decoder.decode(bytes.subarray(at, at + FEED_BYTES)), `a packet near byte ${at}`)) return;
      }
      if (!deliver(await decoder.flush(), 'the last packets')) return;
      if (decoded === 0) throw decodedNothing('ogg-vorbis', file);
    },
    file,
  );
}

import { AudioFeaturesError } from '../errors.js';
import { withConsoleCaptured } from './captured-console.js';
import { oggPackets } from './ogg-packets.js';
import { oggTruncation } from './ogg-pages.js';
import { surveyOpusStreams, type OpusStream } from './opus-streams.js';
import type { SampleSink } from './sample-sink.js';
import { decodedNothing, loadPackage, runWasmDecode, throwIfDecodeErrors } from './wasm-codecs.js';

/** Opus always decodes at 48 kHz. */
const OPUS_RATE = 48000;

/**
 * Decodes Ogg Opus into `sink`, packet by packet, with the libopus decoder of `opus-decoder`: our own Ogg
 * demuxer finds the packets, each logical stream (and each chained one) is trimmed to its last granule
 * position minus its pre-skip, and decoding stops at the first packet libopus refuses (one CORRUPT_AUDIO error
 * naming the packet; the decoder's own per-packet stderr lines are not printed).
 */
export async function decodeOggOpus(bytes: Uint8Array, sink: SampleSink, file?: string): Promise<void> {
  const truncation = oggTruncation(bytes);
  if (truncation) throw new AudioFeaturesError('CORRUPT_AUDIO', `truncated Ogg Opus stream: ${truncation}`, { file });
  const streams = surveyOpusStreams(bytes, file);
  if (streams.length === 0)
    throw new AudioFeaturesError('CORRUPT_AUDIO', 'no OpusHead packet found in the Ogg stream', { file });
  const channels = streams[0]!.channels;
  const other = streams.find((s) => s.channels !== channels);
  if (other) {
    throw new AudioFeaturesError(
      'UNSUPPORTED_CODEC',
      `chained Ogg Opus streams with different channel counts (${channels}, then ${other.channels}) are not supported`,
      { file },
    );
  }
  const frames = streams.every((s) => s.frames !== undefined) ? streams.reduce((n, s) => n + s.frames!, 0) : undefined;
  sink.start({
    sampleRate: OPUS_RATE,
    channels,
    ...(frames !== undefined ? { frames } : {}),
    source: 'the OpusHead packet',
  });
  const { OpusDecoder } = await loadPackage(() => import('opus-decoder'), 'opus-decoder', file);
  const create = (stream: OpusStream) =>
    new OpusDecoder({
      sampleRate: OPUS_RATE,
      channels: stream.channels,
      streamCount: stream.streamCount,
      coupledStreamCount: stream.coupledStreamCount,
      channelMappingTable: stream.channelMappingTable,
      preSkip: stream.preSkip,
    });
  let total = 0;
  for (const stream of streams) {
    let stop = false;
    await runWasmDecode(
      'ogg-opus',
      () => create(stream),
      async (decoder) => {
        const limit = stream.frames ?? Infinity;
        let decoded = 0;
        let packetNumber = 0;
        for (const packet of oggPackets(bytes)) {
          if (packet.serial !== stream.serial || packet.pageOffset < stream.firstPage) continue;
          if (packet.pageOffset > stream.lastPage) break;
          if (packetNumber++ < 2) continue; // OpusHead, OpusTags
          const { result } = withConsoleCaptured(() => decoder.decodeFrame(packet.data));
          throwIfDecodeErrors(
            'ogg-opus',
            result,
            `packet ${packetNumber - 1} (in the page at byte ${packet.pageOffset})`,
            file,
          );
          const count = Math.min(result.samplesDecoded, limit - decoded);
          if (count <= 0) continue;
          decoded += count;
          if (!sink.write(result.channelData, count)) {
            stop = true;
            return;
          }
          if (decoded >= limit) break;
        }
        total += decoded;
      },
      file,
    );
    if (stop) return;
  }
  if (total === 0) throw decodedNothing('ogg-opus', file);
}

import { AudioFeaturesError } from '../errors.js';
import { hasAscii } from './detect.js';
import { readOggPage } from './ogg-pages.js';

/** What the OpusHead packet of one logical stream says, and where the stream ends. */
export interface OpusStream {
  serial: number;
  channels: number;
  /** Samples the decoder drops at the start (48 kHz). */
  preSkip: number;
  /** Multistream layout (mapping family 0: one stream, mono or coupled stereo). */
  streamCount: number;
  coupledStreamCount: number;
  channelMappingTable: number[];
  /** Samples the stream decodes to: its last granule position minus the pre-skip (undefined when no page has one). */
  frames: number | undefined;
  /** Byte offsets of its first and last page. */
  firstPage: number;
  lastPage: number;
}

/**
 * The Ogg Opus logical streams to decode, in order: the first one and any chained after it (each beginning
 * after the previous one ended). Streams multiplexed alongside the first (another Opus track, video…) are left
 * out. Reads page headers only.
 *
 * @throws AudioFeaturesError CORRUPT_AUDIO for an OpusHead that is cut short or impossible, UNSUPPORTED_CODEC
 *   for an unknown major version
 */
export function surveyOpusStreams(bytes: Uint8Array, file: string | undefined): OpusStream[] {
  const all: OpusStream[] = [];
  const bySerial = new Map<number, OpusStream>();
  for (let offset = 0; offset < bytes.length;) {
    const page = readOggPage(bytes, offset);
    if (!page || page.end > bytes.length) break;
    const body = offset + 27 + bytes[offset + 26]!;
    if (page.headerType & 0x02 && hasAscii(bytes, body, 'OpusHead')) {
      const stream = parseOpusHead(bytes.subarray(body, page.end), page.serial, offset, file);
      all.push(stream);
      bySerial.set(page.serial, stream);
    }
    const stream = bySerial.get(page.serial);
    if (stream) {
      stream.lastPage = offset;
      if (page.granulePosition >= 0) stream.frames = Math.max(0, page.granulePosition - stream.preSkip);
    }
    offset = page.end;
  }
  const chain: OpusStream[] = [];
  for (const stream of all) {
    if (chain.length === 0 || stream.firstPage > chain[chain.length - 1]!.lastPage) chain.push(stream);
  }
  return chain;
}

/** Parses an OpusHead packet (RFC 7845 §5.1). */
function parseOpusHead(head: Uint8Array, serial: number, firstPage: number, file: string | undefined): OpusStream {
  const corrupt = (what: string) =>
    new AudioFeaturesError('CORRUPT_AUDIO', `the OpusHead packet at byte ${firstPage} ${what}`, { file });
  if (head.length < 19) throw corrupt(`is ${head.length} bytes, expected at least 19`);
  const version = head[8]!;
  if (version >> 4 !== 0) {
    throw new AudioFeaturesError(
      'UNSUPPORTED_CODEC',
      `Ogg Opus version ${version >> 4}.${version & 0x0f} is not supported (expected 0.x)`,
      { file },
    );
  }
  const channels = head[9]!;
  const preSkip = head[10]! | (head[11]! << 8);
  const family = head[18]!;
  if (channels === 0) throw corrupt('claims 0 channels (expected ≥ 1)');
  let streamCount = 1;
  let coupledStreamCount = channels - 1;
  let channelMappingTable = channels === 2 ? [0, 1] : [0];
  if (family === 0) {
    if (channels > 2) throw corrupt(`claims ${channels} channels with channel mapping family 0 (expected 1 or 2)`);
  } else {
    if (head.length < 21 + channels)
      throw corrupt(`is ${head.length} bytes, too short for its ${channels}-channel mapping table`);
    streamCount = head[19]!;
    coupledStreamCount = head[20]!;
    channelMappingTable = Array.from(head.subarray(21, 21 + channels));
    if (streamCount === 0 || coupledStreamCount > streamCount) {
      throw corrupt(
        `declares ${streamCount} streams of which ${coupledStreamCount} coupled (expected ≥ 1, coupled ≤ streams)`,
      );
    }
  }
  return {
    serial,
    channels,
    preSkip,
    streamCount,
    coupledStreamCount,
    channelMappingTable,
    frames: undefined,
    firstPage,
    lastPage: firstPage,
  };
}

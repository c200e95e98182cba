import { hasAscii } from './detect.js';
import type { AudioFormat } from './types.js';

/** Display names of the formats, for messages. */
export const FORMAT_NAMES: Readonly<Record<AudioFormat, string>> = {
  wav: 'WAV',
  aiff: 'AIFF',
  flac: 'FLAC',
  mp3: 'MP3',
  'ogg-vorbis': 'Ogg Vorbis',
  'ogg-opus': 'Ogg Opus',
};

/** Human-readable list of what {@link decodeAudio} reads, for error messages. */
export const SUPPORTED_FORMATS_TEXT =
  'WAV (PCM 8/16/24/32-bit, IEEE float 32/64, A-law, µ-law, WAVE_FORMAT_EXTENSIBLE, RF64), ' +
  'AIFF/AIFC (NONE, twos, sowt, raw, in24, in32, fl32, fl64, ulaw, alaw), FLAC (native or in Ogg), MP3, Ogg Vorbis, Ogg Opus';

/** Formats recognisable by their magic numbers that this library does not decode. */
const KNOWN_UNSUPPORTED: ReadonlyArray<{ test: (b: Uint8Array) => boolean; name: string }> = [
  { test: (b) => hasAscii(b, 4, 'ftyp'), name: 'an MP4/M4A/MOV container (AAC or ALAC audio)' },
  { test: (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3, name: 'a Matroska/WebM container' },
  { test: (b) => b[0] === 0xff && (b[1]! & 0xf6) === 0xf0, name: 'an ADTS AAC stream' },
  { test: (b) => hasAscii(b, 0, 'caff'), name: 'a Core Audio (CAF) file' },
  { test: (b) => hasAscii(b, 0, 'wvpk'), name: 'a WavPack file' },
  { test: (b) => hasAscii(b, 0, 'MAC '), name: "a Monkey's Audio (APE) file" },
  { test: (b) => hasAscii(b, 0, '.snd'), name: 'a Sun/NeXT .au file' },
  {
    test: (b) => hasAscii(b, 0, 'OggS'),
    name: 'an Ogg stream whose first packet is not Opus, Vorbis or FLAC (e.g. Speex, Theora)',
  },
  { test: (b) => hasAscii(b, 0, 'RIFF'), name: 'a RIFF file that is not WAVE (e.g. AVI)' },
  { test: (b) => hasAscii(b, 0, 'FORM'), name: 'an IFF file that is not AIFF/AIFC' },
  { test: (b) => hasAscii(b, 0, '#!AMR'), name: 'an AMR file' },
  { test: (b) => hasAscii(b, 0, 'MThd'), name: 'a MIDI file' },
];

/** True when the first bytes are a media container or codec we recognise but do not decode (an MP4, WebM, CAF…). */
export function isKnownUnsupportedMedia(bytes: Uint8Array): boolean {
  return KNOWN_UNSUPPORTED.some((k) => k.test(bytes));
}

/** Renders the first bytes as hex plus printable ASCII, e.g. `52 49 46 46 … ("RIFF....")`. */
export function describeLeadingBytes(bytes: Uint8Array, count = 12): string {
  const head = bytes.subarray(0, Math.min(count, bytes.length));
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const ascii = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${hex} ("${ascii}")`;
}

/** Message for bytes whose format was not recognised: what they look like and what is supported. */
export function unknownFormatMessage(bytes: Uint8Array): string {
  const known = KNOWN_UNSUPPORTED.find((k) => k.test(bytes));
  const looksLike = known ? `; this looks like ${known.name}, which is not supported` : '';
  return (
    `unrecognised audio format: the first bytes are ${describeLeadingBytes(bytes)}${looksLike}. ` +
    `Supported (detected from the header, not the file name): ${SUPPORTED_FORMATS_TEXT}`
  );
}

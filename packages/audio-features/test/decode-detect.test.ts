import { describe, expect, it } from 'vitest';
import { detectAudioFormat } from '../src/decode/index.js';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

/** A first Ogg page (27-byte header, one segment) whose packet starts with `packet`. */
function oggPage(packet: Uint8Array): Uint8Array {
  const header = new Uint8Array(27);
  header.set(ascii('OggS'));
  header[5] = 0x02; // beginning of stream
  header[26] = 1; // one segment
  return concat(header, [packet.length], packet);
}

/** A 10-byte ID3v2.4 header announcing `size` bytes of tag, followed by that many zero bytes. */
function id3(size: number): Uint8Array {
  return concat(
    ascii('ID3'),
    [4, 0, 0, (size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f],
    new Uint8Array(size),
  );
}

const mp3FrameHeader = [0xff, 0xfb, 0x90, 0xc4]; // MPEG-1 layer III, 128 kbit/s, 44.1 kHz, mono

describe('detectAudioFormat (magic numbers, never names)', () => {
  it.each([
    ['RIFF/WAVE', concat(ascii('RIFF'), [0, 0, 0, 0], ascii('WAVEfmt ')), 'wav'],
    ['RF64/WAVE', concat(ascii('RF64'), [0xff, 0xff, 0xff, 0xff], ascii('WAVEds64')), 'wav'],
    ['FORM/AIFF', concat(ascii('FORM'), [0, 0, 0, 0], ascii('AIFFCOMM')), 'aiff'],
    ['FORM/AIFC', concat(ascii('FORM'), [0, 0, 0, 0], ascii('AIFCFVER')), 'aiff'],
    ['fLaC', concat(ascii('fLaC'), [0x80, 0, 0, 34]), 'flac'],
    ['ID3 + fLaC', concat(id3(20), ascii('fLaC'), [0, 0, 0, 34]), 'flac'],
    ['Ogg Opus', oggPage(ascii('OpusHead\x01\x01')), 'ogg-opus'],
    ['Ogg Vorbis', oggPage(concat([1], ascii('vorbis'), [0, 0, 0, 0])), 'ogg-vorbis'],
    ['Ogg FLAC', oggPage(concat([0x7f], ascii('FLAC'), [1, 0])), 'flac'],
    ['MP3 frame sync', concat(mp3FrameHeader, new Uint8Array(100)), 'mp3'],
    ['ID3 + MP3 frame', concat(id3(30), mp3FrameHeader, new Uint8Array(100)), 'mp3'],
    ['ID3 + padding + MP3 frame', concat(id3(30), new Uint8Array(64), mp3FrameHeader, new Uint8Array(100)), 'mp3'],
    ['a RIFF header cut before WAVE', ascii('RIFF\x10\x00'), 'wav'],
  ] as const)('%s → %s', (_name, bytes, format) => {
    expect(detectAudioFormat(bytes)).toBe(format);
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['3 bytes', ascii('RIF')],
    ['RIFF/AVI', concat(ascii('RIFF'), [0, 0, 0, 0], ascii('AVI LIST'))],
    ['Ogg Speex', oggPage(ascii('Speex   1.2'))],
    ['ADTS AAC (layer bits 00)', Uint8Array.of(0xff, 0xf1, 0x50, 0x80, 0, 0x1f, 0xfc)],
    ['MPEG sync with a reserved sample rate', Uint8Array.of(0xff, 0xfb, 0x9c, 0xc4)],
    ['MPEG sync with bitrate index 15', Uint8Array.of(0xff, 0xfb, 0xf0, 0xc4)],
    ['MP4', concat([0, 0, 0, 0x20], ascii('ftypM4A '))],
    ['text', ascii('just some text')],
  ] as const)('%s → null', (_name, bytes) => {
    expect(detectAudioFormat(bytes)).toBeNull();
  });

  it('returns null rather than throwing for non-bytes', () => {
    expect(detectAudioFormat('RIFF' as unknown as Uint8Array)).toBeNull();
  });
});

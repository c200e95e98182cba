import { AudioFeaturesError } from '../../errors.js';
import { hasAscii } from '../detect.js';
import { oggTruncation, readOggPage } from '../ogg-pages.js';

/**
 * Turns FLAC in Ogg into a native FLAC stream. In the Ogg FLAC mapping the first packet is
 * `0x7F "FLAC"`, a 2-byte version, a 2-byte header-packet count, then `fLaC` and STREAMINFO;
 * every later packet is one metadata block or one frame. Packets are contiguous in the page
 * bodies of the stream, so concatenating the bodies of the first logical stream and dropping the
 * 9-byte mapping header gives `fLaC` + metadata + frames.
 *
 * @throws AudioFeaturesError CORRUPT_AUDIO when the file ends inside a page or without an
 *   end-of-stream page (as for Ogg Vorbis/Opus: Ogg FLAC's STREAMINFO often declares no length, so
 *   this is how a cut file is noticed), or when the first packet is not the FLAC mapping header
 */
export function unwrapOggFlac(bytes: Uint8Array, file?: string): Uint8Array {
  const truncation = oggTruncation(bytes);
  if (truncation) throw new AudioFeaturesError('CORRUPT_AUDIO', `truncated Ogg FLAC stream: ${truncation}`, { file });
  const first = readOggPage(bytes, 0);
  if (!first) throw new AudioFeaturesError('CORRUPT_AUDIO', 'the Ogg FLAC stream has no complete first page', { file });
  const bodies: Uint8Array[] = [];
  let total = 0;
  for (let offset = 0; offset < bytes.length;) {
    const page = readOggPage(bytes, offset);
    if (!page || page.end === Infinity) break;
    const bodyStart = offset + 27 + bytes[offset + 26]!;
    if (page.serial === first.serial) {
      const body = bytes.subarray(bodyStart, Math.min(page.end, bytes.length));
      bodies.push(body);
      total += body.length;
    }
    offset = page.end;
  }
  const joined = new Uint8Array(total);
  let p = 0;
  for (const body of bodies) {
    joined.set(body, p);
    p += body.length;
  }
  if (joined[0] !== 0x7f || !hasAscii(joined, 1, 'FLAC') || !hasAscii(joined, 9, 'fLaC')) {
    throw new AudioFeaturesError('CORRUPT_AUDIO', "the Ogg FLAC stream does not start with 0x7F 'FLAC' … 'fLaC'", {
      file,
    });
  }
  if (joined[5] !== 1) {
    throw new AudioFeaturesError(
      'UNSUPPORTED_CODEC',
      `Ogg FLAC mapping version ${joined[5]}.${joined[6]} is not supported (expected 1.x)`,
      { file },
    );
  }
  return joined.subarray(9);
}

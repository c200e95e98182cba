/**
 * Channel count and sample rate from the Vorbis identification header, the first packet of an Ogg Vorbis
 * file (`\x01vorbis`, version, channels, rate), or undefined when the first page does not hold it.
 */
export function vorbisStreamShape(bytes: Uint8Array): { sampleRate: number; channels: number } | undefined {
  if (bytes.length < 27) return undefined;
  const packet = 27 + bytes[26]!;
  if (packet + 16 > bytes.length || bytes[packet] !== 0x01) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { channels: bytes[packet + 11]!, sampleRate: view.getUint32(packet + 12, true) };
}

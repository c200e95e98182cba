/** Writing float samples as a 16-bit PCM WAV file (for players and `ser download`). */

/**
 * Encodes `channels` (equal lengths, values in −1…1; louder values are clipped) as a 16-bit PCM
 * RIFF/WAVE file at `sampleRate` Hz.
 */
export function encodeWav16(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  if (channels.length === 0) throw new Error('encodeWav16: expected at least one channel');
  const frames = channels[0]!.length;
  if (channels.some((c) => c.length !== frames)) throw new Error('encodeWav16: channels differ in length');
  if (!(sampleRate > 0) || !Number.isInteger(sampleRate))
    throw new Error(`encodeWav16: sample rate must be a positive integer, got ${sampleRate}`);
  const channelCount = channels.length;
  const dataBytes = frames * channelCount * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) {
      const v = channels[c]![i]!;
      const clipped = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
      view.setInt16(offset, Math.round(clipped < 0 ? clipped * 32768 : clipped * 32767), true);
      offset += 2;
    }
  }
  return bytes;
}

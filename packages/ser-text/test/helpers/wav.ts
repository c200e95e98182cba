/** Writes 16-bit PCM WAV bytes (test fixture generator). */
export function pcm16Wav(channels: Float32Array[], sampleRate: number): Uint8Array {
  const frames = channels[0]!.length;
  const blockAlign = channels.length * 2;
  const bytes = new Uint8Array(44 + frames * blockAlign);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, s: string) =>
    Array.from(s).forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + frames * blockAlign, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, frames * blockAlign, true);
  for (let i = 0; i < frames; i++) {
    channels.forEach((ch, c) =>
      view.setInt16(44 + i * blockAlign + c * 2, Math.max(-32768, Math.min(32767, Math.round(ch[i]! * 32767))), true),
    );
  }
  return bytes;
}

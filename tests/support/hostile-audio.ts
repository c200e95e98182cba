/**
 * Hostile audio for tests (issue #14): files of a few hundred bytes whose headers lie — a WAV claiming 1 Hz or
 * 4 GHz, a FLAC claiming an hour of 8-channel 96 kHz audio. Made in the test, never stored.
 */

/** A 16-bit (or 32-bit float) mono WAV whose header claims `rate` Hz, with `frames` frames of a quiet sine. */
export function wavClaimingRate(
  rate: number,
  frames: number,
  options: { float?: boolean; value?: number } = {},
): Buffer {
  const bytesPerSample = options.float ? 4 : 2;
  const data = Buffer.alloc(frames * bytesPerSample);
  for (let i = 0; i < frames; i++) {
    if (options.float) data.writeFloatLE((options.value ?? 0.1) * Math.sin(i / 5), i * 4);
    else data.writeInt16LE(Math.round(3000 * Math.sin(i / 5)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(options.float ? 3 : 1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE((rate * bytesPerSample) >>> 0, 28);
  header.writeUInt16LE(bytesPerSample, 32);
  header.writeUInt16LE(bytesPerSample * 8, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A FLAC that is nothing but a STREAMINFO claiming an hour of 8-channel 96 kHz audio (42 bytes). */
export function flacClaimingAnHourOf8ChannelAudio(): Buffer {
  const info = Buffer.alloc(34);
  info.writeUInt16BE(4096, 0);
  info.writeUInt16BE(4096, 2);
  const rate = 96000;
  const total = 3600 * rate;
  info[10] = (rate >> 12) & 0xff;
  info[11] = (rate >> 4) & 0xff;
  info[12] = ((rate & 0x0f) << 4) | (7 << 1); // 8 channels, bits-per-sample high bit 0
  info[13] = (15 << 4) | Math.floor(total / 2 ** 32); // 16 bits
  info.writeUInt32BE(total % 2 ** 32, 14);
  return Buffer.concat([Buffer.from('fLaC', 'latin1'), Buffer.from([0x80, 0, 0, 34]), info]);
}

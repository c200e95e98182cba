/** CRC-8 (polynomial 0x07) and CRC-16 (polynomial 0x8005) of FLAC frame headers and frames, table-driven. */

function makeCrcTable(polynomial: number, bits: 8 | 16): Uint16Array {
  const table = new Uint16Array(256);
  const top = 1 << (bits - 1);
  const mask = (1 << bits) - 1;
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (bits - 8);
    for (let k = 0; k < 8; k++) crc = crc & top ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
    table[byte] = crc;
  }
  return table;
}

const CRC8_TABLE = makeCrcTable(0x07, 8);
const CRC16_TABLE = makeCrcTable(0x8005, 16);

/** CRC-8 of `bytes[start, end)` as FLAC frame headers use it (initial value 0). */
export function flacCrc8(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = CRC8_TABLE[crc ^ bytes[i]!]!;
  return crc;
}

/** CRC-16 of `bytes[start, end)` as FLAC frame footers use it (initial value 0). */
export function flacCrc16(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[(crc >> 8) ^ bytes[i]!]!;
  return crc;
}

// The Ogg page checksum (RFC 3533): CRC-32 with polynomial 0x04C11DB7, not reflected, initial value 0,
// no final XOR, computed over the whole page with its checksum field set to zero. (Not zlib's CRC-32,
// which is reflected: a page summed with that one is rejected by every Ogg reader.)

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index += 1) {
    let crc = index << 24;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    table[index] = crc >>> 0;
  }
  return table;
})();

export function oggCrc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ (TABLE[((crc >>> 24) ^ byte) & 0xff] as number)) >>> 0;
  return crc >>> 0;
}

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crcBytes(bytes: ArrayLike<number>): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 (IEEE 802.3, as zlib) of a string's UTF-8 bytes, as an unsigned 32-bit integer. */
export function crc32(text: string): number {
  // Checksummed texts are ASCII digits and separators, so the common path skips the UTF-8 encoder.
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return crcBytes(new TextEncoder().encode(text));
    c = TABLE[(c ^ code) & 0xff]! ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** The same CRC-32 read as a signed 32-bit integer, as OKX publishes it. */
export function crc32Signed(text: string): number {
  return crc32(text) | 0;
}

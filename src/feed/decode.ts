const utf8 = new TextDecoder();

/** True for gzip's magic bytes; BingX sends every frame gzip-compressed. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A binary frame as text: gunzipped with the platform's DecompressionStream when compressed. */
export async function decodeBinaryFrame(bytes: Uint8Array): Promise<string> {
  if (!isGzip(bytes)) return utf8.decode(bytes);
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

export function base64ToBytes(data64: string): Uint8Array {
  const bin = atob(data64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

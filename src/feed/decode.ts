const utf8 = new TextDecoder();

/**
 * Most text a gzip frame may inflate to. BingX, the venue that compresses, sends at most its full 1000-level book:
 * about 100 KB of JSON. 4 MiB leaves forty times that for a venue that deepens its book, while a gzip bomb (a few
 * hundred KB that inflate to hundreds of MB) is stopped before it can take the worker's memory.
 */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

/** True for gzip's magic bytes; BingX sends every frame gzip-compressed. */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A binary frame as text: gunzipped with the platform's DecompressionStream when compressed, read chunk by chunk
 * and abandoned as soon as it grows past `maxBytes` (the caller counts the throw as a malformed frame).
 */
export async function decodeBinaryFrame(bytes: Uint8Array, maxBytes = MAX_INFLATED_BYTES): Promise<string> {
  if (!isGzip(bytes)) return utf8.decode(bytes);
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  const inflated = await readAtMost(stream, maxBytes);
  if (!inflated) throw new Error(`gzip frame of ${bytes.length.toLocaleString('en-US')} bytes inflates past ${maxBytes.toLocaleString('en-US')} bytes (the cap); dropped`);
  return utf8.decode(inflated);
}

/**
 * Every byte of `stream`, or undefined (the stream cancelled) as soon as there are more than `maxBytes`: what
 * comes from outside is never held whole before its size is known.
 */
export async function readAtMost(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0] : concat(chunks, size);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
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

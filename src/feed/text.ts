/**
 * Text that came from outside (a close reason, an HTTP error body, a venue's message) clipped before it is kept
 * in a status or shown: a venue or a broken proxy can send megabytes, and a status is copied to the screen four
 * times a second. The original length is noted so a clipped text still says how big it was.
 */
export function clipText(text: string, max = 300): string {
  if (text.length <= max) return text;
  // Never end on half of a surrogate pair: the cut would show as a replacement character.
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} chars)`;
}

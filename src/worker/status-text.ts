import { clipText } from '../feed/text';

/** An error as status text: its message may come from outside (a socket, a proxy), so it is clipped. */
export function describe(err: unknown): string {
  return clipText(err instanceof Error ? err.message : String(err));
}

/** A URL's host, for a status text; the text itself when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

import type { RawLevel } from '../book/levels';

/** Reads a value that must be a JSON object (not null, not a list). */
export function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** Parses a frame that must be a JSON object. */
export function parseObject(text: string): Record<string, unknown> {
  return objectOf(JSON.parse(text), 'the frame');
}

/** Reads `[["price","size", ...], ...]` as levels, rejecting anything else. */
export function levelPairs(value: unknown, field: string): RawLevel[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${field} is not a list of levels`);
  return value.map((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
      throw new Error(`${field} holds a level that is not [price, size]`);
    }
    return [entry[0], entry[1]] as const;
  });
}

/** Reads a required integer id (numbers or numeric strings, as venues send both). */
export function integer(value: unknown, field: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`${field} is not an integer`);
  return n;
}

export function optionalInteger(value: unknown, field: string): number | undefined {
  return value === undefined || value === null ? undefined : integer(value, field);
}

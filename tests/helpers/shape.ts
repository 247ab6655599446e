/**
 * The shape of a JSON message: which fields it has and what kind of value each holds, not the values. The
 * simulator's frames must have the shape of the venues' documented examples, so that a test passing against the
 * simulator says something about the real venue.
 *
 * Kinds: 'number', 'decimal string' (a string a venue uses for a number: "90990.01"), 'string', 'boolean', 'null',
 * objects by field, and arrays by the shapes of their elements (an empty array matches any element shape).
 */
export type Shape = string | { readonly [field: string]: Shape } | readonly Shape[];

const DECIMAL = /^-?\d+(\.\d+)?$/;

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return DECIMAL.test(value) ? 'decimal string' : 'string';
  return typeof value;
}

/** The shape of a parsed JSON value; an array's is the list of its elements' distinct shapes. */
export function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) {
    const seen = new Map<string, Shape>();
    for (const element of value) {
      const s = shapeOf(element);
      seen.set(JSON.stringify(s), s);
    }
    return [...seen.values()];
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, Shape> = {};
    for (const key of Object.keys(value).sort()) out[key] = shapeOf((value as Record<string, unknown>)[key]);
    return out;
  }
  return kind(value);
}

/**
 * Where `actual`'s shape differs from `documented`'s, as paths with what each has ("data[].b[][]: string vs
 * decimal string"); empty when they agree. An array element's shape is compared against every documented element
 * shape; an empty array on either side agrees with any. `ignore` lists paths that may differ, each for a reason
 * the test states.
 */
export function shapeDifferences(actual: unknown, documented: unknown, ignore: readonly string[] = []): string[] {
  const out: string[] = [];
  walk(shapeOf(actual), shapeOf(documented), '', new Set(ignore), out);
  return out;
}

function walk(a: Shape, d: Shape, path: string, ignore: ReadonlySet<string>, out: string[]): void {
  if (ignore.has(path)) return;
  const name = path || '(message)';
  if (Array.isArray(a) || Array.isArray(d)) {
    if (!Array.isArray(a) || !Array.isArray(d)) {
      out.push(`${name}: ${describe(a)} vs ${describe(d)}`);
      return;
    }
    if (a.length === 0 || d.length === 0) return;
    for (const element of a) {
      const tries = d.map((documented) => {
        const found: string[] = [];
        walk(element, documented, `${path}[]`, ignore, found);
        return found;
      });
      const best = tries.reduce((x, y) => (y.length < x.length ? y : x));
      out.push(...best);
    }
    return;
  }
  if (typeof a === 'object' || typeof d === 'object') {
    if (typeof a !== 'object' || typeof d !== 'object') {
      out.push(`${name}: ${describe(a)} vs ${describe(d)}`);
      return;
    }
    const ao = a as Record<string, Shape>;
    const dobj = d as Record<string, Shape>;
    for (const key of new Set([...Object.keys(ao), ...Object.keys(dobj)])) {
      const child = path ? `${path}.${key}` : key;
      if (ignore.has(child)) continue;
      if (!(key in dobj)) out.push(`${child}: sent, not documented`);
      else if (!(key in ao)) out.push(`${child}: documented, not sent`);
      else walk(ao[key]!, dobj[key]!, child, ignore, out);
    }
    return;
  }
  if (a !== d) out.push(`${name}: ${a} vs ${d}`);
}

function describe(s: Shape): string {
  if (Array.isArray(s)) return 'array';
  return typeof s === 'object' ? 'object' : s;
}

import { describe, expect, it } from 'vitest';
import { clipText } from '../../../src/feed/text';

describe('clipText', () => {
  it('keeps a short text as it is', () => {
    expect(clipText('Service Unavailable')).toBe('Service Unavailable');
    expect(clipText('x'.repeat(300))).toBe('x'.repeat(300));
  });

  it('cuts a long text and says how long it was', () => {
    const body = '<html>' + 'a'.repeat(5_242_874);
    const clipped = clipText(body);
    expect(clipped).toBe('<html>' + 'a'.repeat(294) + '… (5,242,880 chars)');
  });

  it('takes a smaller cap', () => {
    expect(clipText('going away now', 5)).toBe('going… (14 chars)');
  });

  it('does not split a surrogate pair', () => {
    expect(clipText('ab😀cd', 3)).toBe('ab… (6 chars)');
  });
});

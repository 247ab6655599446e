import { describe, expect, it } from 'vitest';
import { readListBody } from '../../../src/catalog/read';

/** Bitfinex's refusal form, `["error", CODE, "message"]`. */
const errorList = (answer: unknown): string | undefined => (Array.isArray(answer) && answer[0] === 'error' ? answer.join(' ') : undefined);

describe('an answer that must be a JSON list', () => {
  it('gives the list', () => {
    expect(readListBody('[["BTCUSD","ETHUSD"]]', errorList)).toEqual([['BTCUSD', 'ETHUSD']]);
  });

  it("says what came instead: an HTML page, text that is not JSON, the venue's refusal, another shape", () => {
    expect(() => readListBody('  <html><body>502 Bad Gateway</body></html>', errorList)).toThrow('an HTML page, not JSON: <html><body>502');
    expect(() => readListBody('[["BTCUSD"', errorList)).toThrow(/^not JSON: /);
    expect(() => readListBody('["error",11010,"ratelimit: error"]', errorList)).toThrow('error 11010 ratelimit: error');
    expect(() => readListBody('{"pairs":[]}', errorList)).toThrow('the answer is not a list');
    expect(() => readListBody('null', errorList)).toThrow('the answer is not a list');
  });
});

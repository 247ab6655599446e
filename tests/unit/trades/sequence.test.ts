import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TradeSequence } from '../../../src/trades/sequence';
import type { RawTrade } from '../../../src/trades/types';

const trade = (id: number, numbered: boolean): RawTrade => ({ id: String(id), seq: numbered ? id : undefined, time: id, price: 100, size: 1, side: 'buy' });

describe('TradeSequence: repeats left out, jumps counted', () => {
  it('takes each trade once however a venue repeats them, and counts the numbers it skipped', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 300 }), fc.boolean(), (ids, numbered) => {
        const s = new TradeSequence();
        const taken = ids.filter((id) => s.admit(trade(id, numbered)));
        if (numbered) {
          // Numbered: only trades past the newest are taken (a venue never sends an older one later but as a repeat).
          const reference: number[] = [];
          for (const id of ids) if (!reference.length || id > reference.at(-1)!) reference.push(id);
          expect(taken).toEqual(reference);
          const missed = reference.slice(1).reduce((m, id, i) => m + (id - reference[i]! - 1), 0);
          expect(s.stats.missed).toBe(missed);
          expect(s.stats.gaps).toBe(reference.slice(1).filter((id, i) => id > reference[i]! + 1).length);
        } else {
          expect(taken).toEqual([...new Set(ids)]);
          expect(s.stats.gaps).toBe(0);
        }
        expect(s.stats.trades + s.stats.duplicates).toBe(ids.length);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { MoveCost, SizeToMoveView } from '../../src/liquidity/types';
import { DASH, formatCompact } from '../../src/ui/format';
import { costAt, formatPct, moveBars, moveDescription, moveText } from '../../src/ui/size-to-move';

function cost(pct: number, up: number, down: number, mid = 100, complete = true): MoveCost {
  return { pct, up: { base: up, quote: up * mid, complete }, down: { base: down, quote: down * mid, complete: true } };
}

const view: SizeToMoveView = {
  consolidated: [cost(0.1, 30, 20), cost(1, 300, 250)],
  feeds: { okx: [cost(0.1, 10, 5), cost(1, 100, 50, 100, false)], kraken: [cost(0.1, 20, 15)] },
};

describe('size to move the price', () => {
  it('prints a direction as base then quote size, marked where the book ends before the price', () => {
    expect(moveText(cost(1, 12.3, 0).up)).toBe(`${formatCompact(12.3)} · ${formatCompact(1230)}`);
    expect(moveText(costAt(view.feeds.okx, 1)?.up)).toBe(`> ${formatCompact(100)} · > ${formatCompact(10_000)}`);
    expect(moveText(undefined)).toBe(DASH);
    expect(formatPct(0.1)).toBe('0.1 %');
    expect(formatPct(2)).toBe('2 %');
  });

  it('says it in words', () => {
    expect(moveDescription(costAt(view.feeds.okx, 1)?.up, 'up', 1, 'BTC', 'USD')).toBe(
      `buying more than ${formatCompact(100)} BTC (more than ${formatCompact(10_000)} USD) moves the price up 1 % (the book ends before that price)`,
    );
    expect(moveDescription(costAt(view.consolidated, 0.1)?.down, 'down', 0.1, 'BTC', 'USD')).toBe(
      `selling ${formatCompact(20)} BTC (${formatCompact(2000)} USD) moves the price down 0.1 %`,
    );
  });

  it('charts every feed against the consolidated book at one percentage, scaled to the largest', () => {
    const bars = moveBars(view, 0.1);
    expect(bars.map((b) => b.key)).toEqual(['all', 'kraken', 'okx']);
    expect(bars.map((b) => [b.downWidth, b.upWidth])).toEqual([
      [(20 / 30) * 100, 100],
      [50, (20 / 30) * 100],
      [(5 / 30) * 100, (10 / 30) * 100],
    ]);
    // Kraken has no figure at 1 %: left out, not drawn as nothing.
    expect(moveBars(view, 1).map((b) => b.key)).toEqual(['all', 'okx']);
    expect(moveBars(undefined, 1)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TradeVolumes, VolumeFigures } from '../../src/trades/types';
import { formatCompact, formatSignedCompact } from '../../src/ui/format';
import {
  buyShare,
  counted,
  parseThreshold,
  signClass,
  tapeCountText,
  tradeIssueNotes,
  tradeIssues,
  volumeDescription,
  volumeRows,
} from '../../src/ui/trade-text';

const NONE: VolumeFigures = { buy: 0, sell: 0, buyQuote: 0, sellQuote: 0, trades: 0, cvd: 0 };
/** 3 BTC bought at 90,000 and 1 BTC sold at 90,400 on Binance; 0.5 BTC sold at 90,100 on OKX's perpetual. */
const binance: VolumeFigures = { buy: 3, sell: 1, buyQuote: 270_000, sellQuote: 90_400, trades: 4, vwap: 90_100, cvd: 2 };
const okxSwap: VolumeFigures = { buy: 0, sell: 0.5, buyQuote: 0, sellQuote: 45_050, trades: 1, vwap: 90_100, cvd: -0.5 };
const all: VolumeFigures = { buy: 3, sell: 1.5, buyQuote: 270_000, sellQuote: 135_450, trades: 5, vwap: 90_100, cvd: 1.5 };
const volumes: TradeVolumes = {
  '1m': { all: NONE, feeds: {} },
  '5m': { all, feeds: { 'okx-swap': okxSwap, binance, kraken: NONE } },
  '15m': { all, feeds: { 'okx-swap': okxSwap, binance } },
  '1h': { all, feeds: { 'okx-swap': okxSwap, binance } },
};

describe('trades in words', () => {
  it('counts with the right noun', () => {
    expect(counted(1, 'trade')).toBe('1 trade');
    expect(counted(20_000, 'trade')).toBe('20,000 trades');
    expect(counted(0, 'gap')).toBe('0 gaps');
  });

  it('takes a typed threshold only when it is a number at least zero', () => {
    expect(parseThreshold('250000')).toBe(250_000);
    expect(parseThreshold('0')).toBe(0);
    expect(parseThreshold('')).toBeUndefined();
    expect(parseThreshold('-5')).toBeUndefined();
    expect(parseThreshold('1e')).toBeUndefined();
  });

  it('says what the tape holds, lists, and could not list', () => {
    expect(tapeCountText(0, 0, 0)).toBe('0 trades listed.');
    expect(tapeCountText(20_000, 20_000, 0)).toBe('20,000 trades listed.');
    expect(tapeCountText(1_200, 37, 1)).toBe('37 of 1,200 trades listed; 1 trade came too fast to list (counted in the volumes).');
  });

  it('lists all markets, then each feed that traded in the window in the app’s order', () => {
    expect(volumeRows(volumes, '5m')).toEqual([
      { key: 'all', figures: all },
      { key: 'binance', figures: binance },
      { key: 'okx-swap', figures: okxSwap },
    ]);
    expect(volumeRows(volumes, '1m')).toEqual([{ key: 'all', figures: NONE }]);
    expect(volumeRows(undefined, '1h')).toEqual([{ key: 'all', figures: undefined }]);
  });

  it('gives the buyers’ share of the base traded, and says the volumes in words', () => {
    expect(buyShare(binance)).toBe(0.75);
    expect(buyShare(okxSwap)).toBe(0);
    expect(buyShare(NONE)).toBeUndefined();
    expect(volumeDescription(binance, 'BTC', 'USD')).toBe(
      `bought 3 BTC (${formatCompact(270_000)} USD), sold 1 BTC (${formatCompact(90_400)} USD): buys 75 %`,
    );
    expect(volumeDescription(NONE, 'BTC', 'USD')).toBe('no trades');
  });

  it('signs a volume delta in three significant figures', () => {
    expect(formatSignedCompact(1234.5)).toBe(`+${formatCompact(1234.5)}`);
    expect(formatSignedCompact(-0.5)).toBe('−0.5');
    expect(formatSignedCompact(0)).toBe('0');
    expect(formatSignedCompact(undefined)).toBe('—');
  });

  it('colours a volume delta by the side that led', () => {
    expect(signClass(2)).toBe('bid');
    expect(signClass(-0.5)).toBe('ask');
    expect(signClass(0)).toBe('');
    expect(signClass(undefined)).toBe('');
  });

  it('notes a feed’s numbering issues, and nothing where all is well', () => {
    expect(tradeIssues({ trades: 900, duplicates: 0, gaps: 0, missed: 0, unread: 0 })).toBeUndefined();
    expect(tradeIssues({ trades: 900, duplicates: 4, gaps: 2, missed: 15, unread: 0 })).toBe('2 gaps in its numbering (15 trades missed), 4 repeats left out');
    expect(tradeIssues({ trades: 900, duplicates: 0, gaps: 1, missed: 1, unread: 30 })).toBe('1 gap in its numbering (1 trade missed), 30 trades dropped unread');
    expect(
      tradeIssueNotes({
        kraken: { trades: 10, duplicates: 1, gaps: 0, missed: 0, unread: 0 },
        binance: { trades: 10, duplicates: 0, gaps: 0, missed: 0, unread: 0 },
        'binance-usdm': { trades: 10, duplicates: 0, gaps: 3, missed: 7, unread: 0 },
      }),
    ).toEqual([
      { feed: 'binance-usdm', text: 'Binance USD-M: 3 gaps in its numbering (7 trades missed)' },
      { feed: 'kraken', text: 'Kraken: 1 repeat left out' },
    ]);
  });
});

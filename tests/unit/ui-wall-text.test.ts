import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_RULE, type Wall } from '../../src/liquidity/types';
import { formatCompact } from '../../src/ui/format';
import { formatRatio, wallAge, wallClock, wallDescription, wallRuleText, wallState, wallTag, wallsToList } from '../../src/ui/wall-text';

const T = 1_764_000_000_000;
const okx: Wall = { feed: 'okx', side: 'bid', rawPrice: 91200, price: 91108.8, size: 52.3, ratio: 9.84, since: T, state: 'standing' };

describe('walls in words', () => {
  it('tags a ladder row with the market and the size: "OKX 52.3", a perpetual as such', () => {
    expect(wallTag(okx)).toBe(`OKX ${formatCompact(52.3)}`);
    expect(wallTag({ ...okx, feed: 'okx-swap', size: 1500 })).toBe(`OKX-P ${formatCompact(1500)}`);
  });

  it('ages a standing wall from when it was first seen, an ended one by how long it stood', () => {
    expect(wallAge(okx, T + 125_000)).toBe(125_000);
    expect(wallState(okx, T + 125_000)).toBe('standing');
    const pulled: Wall = { ...okx, state: 'pulled', endedAt: T + 60_000 };
    expect(wallAge(pulled, T + 125_000)).toBe(60_000);
    expect(wallState(pulled, T + 72_000)).toBe('pulled 12 s ago');
    expect(wallState({ ...okx, state: 'filled', endedAt: T + 1_000 }, T + 4_000)).toBe('filled 3.0 s ago');
  });

  it('ages walls by the recording’s own clock while a replay plays', () => {
    expect(wallClock(T, undefined)).toBe(T);
    expect(wallClock(T + 9e9, { name: 'r.jsonl', speed: 1, bytesRead: 1, totalBytes: 2, lines: 1, unreadable: 0, done: false, startT: T - 5, atT: T })).toBe(T);
  });

  it('says the whole wall and the rule that found it', () => {
    expect(formatRatio(9.84)).toBe('9.8×');
    expect(formatRatio(31.2)).toBe('31×');
    expect(wallDescription(okx, 'BTC', '91,108.80', T + 1000)).toBe(`OKX bid wall, ${formatCompact(52.3)} BTC at 91,108.80, 9.8× its neighbours, standing`);
    expect(wallRuleText(DEFAULT_WALL_RULE)).toBe(
      "A level at least 8× the median size of the 10 levels either side of it in its market's book, within ±200 bps of mid.",
    );
  });

  it('lists standing walls the largest against their neighbours first, then ended ones the latest first', () => {
    const small: Wall = { ...okx, ratio: 8.5, since: T + 9_000 };
    const big: Wall = { ...okx, rawPrice: 91100, ratio: 40 };
    const pulled: Wall = { ...okx, rawPrice: 91000, state: 'pulled', endedAt: T + 5_000 };
    const filled: Wall = { ...okx, rawPrice: 90900, state: 'filled', endedAt: T + 7_000 };
    expect(wallsToList([small, pulled, big, filled], 30)).toEqual([big, small, filled, pulled]);
  });

  it('keeps a third of a full list for the latest ended walls, so many standing never hide a pull', () => {
    const standing = Array.from({ length: 300 }, (_, i): Wall => ({ ...okx, rawPrice: 90000 + i, ratio: 8 + i }));
    const ended = Array.from({ length: 40 }, (_, i): Wall => ({ ...okx, rawPrice: 80000 + i, state: 'pulled', endedAt: T + i }));
    const list = wallsToList([...standing, ...ended], 30);
    expect(list.map((w) => w.state)).toEqual([...Array<string>(20).fill('standing'), ...Array<string>(10).fill('pulled')]);
    expect(list[0]!.ratio).toBe(307);
    expect(list[20]!.endedAt).toBe(T + 39);
    // Few ended: all of them, the rest standing; few standing: all of them, the rest ended.
    expect(wallsToList([...standing, ...ended.slice(0, 3)], 30).filter((w) => w.state === 'pulled')).toHaveLength(3);
    expect(wallsToList([...standing.slice(0, 4), ...ended], 30).filter((w) => w.state === 'standing')).toHaveLength(4);
    expect(wallsToList([...standing.slice(0, 4), ...ended], 30)).toHaveLength(30);
  });
});

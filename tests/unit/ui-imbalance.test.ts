import { describe, expect, it } from 'vitest';
import { bidShare, imbalanceOf } from '../../src/ui/imbalance';

describe('imbalance', () => {
  it('is the bids’ share of the size near mid, and bid less ask over their sum', () => {
    expect(bidShare({ bid: 30, ask: 10 })).toBe(0.75);
    expect(imbalanceOf({ bid: 30, ask: 10 })).toBe(0.5);
    expect(imbalanceOf({ bid: 0, ask: 4 })).toBe(-1);
    expect(imbalanceOf({ bid: 2, ask: 2 })).toBe(0);
  });

  it('is not known with no size on either side, or no figure', () => {
    expect(bidShare({ bid: 0, ask: 0 })).toBeUndefined();
    expect(imbalanceOf(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { shapeDifferences, shapeOf } from '../helpers/shape';

// Binance's documented diff event ("Diff. Depth Stream"), the oracle the simulator's frames are held to.
const DOC = { e: 'depthUpdate', E: 1672515782136, s: 'BNBBTC', U: 157, u: 160, b: [['0.0024', '10']], a: [['0.0026', '100']] };

describe('message shapes', () => {
  it('names each field and the kind of its value, decimal strings apart from other strings', () => {
    expect(shapeOf(DOC)).toEqual({
      E: 'number',
      U: 'number',
      a: [['decimal string']],
      b: [['decimal string']],
      e: 'string',
      s: 'string',
      u: 'number',
    });
  });

  it('finds no difference between two frames of one shape, whatever their values or list lengths', () => {
    const sent = { ...DOC, E: 1, s: 'BTCUSDT', b: [['90990.01', '1.5'], ['90990.00', '0.1']], a: [] };
    expect(shapeDifferences(sent, DOC)).toEqual([]);
  });

  it('names every field sent but not documented, documented but not sent, or of another kind', () => {
    const sent = { e: 'depthUpdate', E: '1672515782136', s: 'BNBBTC', U: 157, u: 160, b: [[0.0024, '10']], extra: true };
    expect(shapeDifferences(sent, DOC)).toEqual(['E: decimal string vs number', 'b[][]: number vs decimal string', 'extra: sent, not documented', 'a: documented, not sent']);
    expect(shapeDifferences(sent, DOC, ['E', 'b', 'extra', 'a'])).toEqual([]);
  });

  it('tells levels written as objects from levels written as arrays', () => {
    expect(shapeDifferences({ bids: { '90990.01': '1.5' } }, { bids: [['90990.01', '1.5']] })).toEqual(['bids: object vs array']);
  });
});

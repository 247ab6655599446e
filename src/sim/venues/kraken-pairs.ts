import type { Market } from '../../venues/types';
import { decimalsOf, stepText } from '../decimals';
import type { SimHttpResponse } from '../types';

/**
 * Kraken's REST names for an asset: its asset id (the X/Z-prefixed form for the oldest assets) and its altname,
 * in which Bitcoin is XBT and Dogecoin XDG. WebSocket v2 calls them BTC and DOGE (BTC/USD); AssetPairs' `wsname`
 * keeps the older names (XBT/USD), so a reader of AssetPairs maps them.
 */
const ASSETS: Readonly<Record<string, { readonly id: string; readonly alt: string }>> = {
  BTC: { id: 'XXBT', alt: 'XBT' },
  ETH: { id: 'XETH', alt: 'ETH' },
  XRP: { id: 'XXRP', alt: 'XRP' },
  DOGE: { id: 'XXDG', alt: 'XDG' },
  SOL: { id: 'SOL', alt: 'SOL' },
  PEPE: { id: 'PEPE', alt: 'PEPE' },
  USDT: { id: 'USDT', alt: 'USDT' },
  USDC: { id: 'USDC', alt: 'USDC' },
  USD: { id: 'ZUSD', alt: 'USD' },
};

/** The key a pair is listed under: both asset ids joined where both are prefixed ones (XXBTZUSD), else the altname. */
const PAIR_KEYS: Readonly<Record<string, string>> = { BTC: 'XXBTZUSD', ETH: 'XETHZUSD', XRP: 'XXRPZUSD', USDT: 'USDTZUSD' };

const FEES = [
  [0, 0.26],
  [50000, 0.24],
  [100000, 0.22],
  [250000, 0.2],
  [500000, 0.18],
  [1000000, 0.16],
  [2500000, 0.14],
  [5000000, 0.12],
  [10000000, 0.1],
];
const FEES_MAKER = [
  [0, 0.16],
  [50000, 0.14],
  [100000, 0.12],
  [250000, 0.1],
  [500000, 0.08],
  [1000000, 0.06],
  [2500000, 0.04],
  [5000000, 0.02],
  [10000000, 0],
];

function entry(m: Market): [string, { readonly altname: string; readonly wsname: string } & Record<string, unknown>] {
  const base = ASSETS[m.base]!;
  const quote = ASSETS[m.quote]!;
  const altname = `${base.alt}${quote.alt}`;
  return [
    PAIR_KEYS[m.base] ?? altname,
    {
      altname,
      wsname: `${base.alt}/${quote.alt}`,
      aclass_base: 'currency',
      base: base.id,
      aclass_quote: 'currency',
      quote: quote.id,
      lot: 'unit',
      cost_decimals: 5,
      pair_decimals: decimalsOf(m.tick!),
      lot_decimals: decimalsOf(m.lot!),
      lot_multiplier: 1,
      leverage_buy: [2, 3],
      leverage_sell: [2, 3],
      fees: FEES,
      fees_maker: FEES_MAKER,
      fee_volume_currency: 'ZUSD',
      margin_call: 80,
      margin_stop: 40,
      ordermin: stepText(m.lot!),
      costmin: '0.5',
      tick_size: stepText(m.tick!),
      status: 'online',
      long_position_limit: 100,
      short_position_limit: 100,
    },
  ];
}

/**
 * `GET /0/public/AssetPairs[?pair=..]`: `{"error":[],"result":{<key>: pair}}` in the shape of Kraken's documented
 * example (docs.kraken.com, Get Tradable Asset Pairs): each pair's names, `tick_size` and `pair_decimals` for its
 * price grid, `lot_decimals` for its sizes. `pair` picks pairs by key, altname, wsname or v2 name (BTC/USD),
 * comma-separated; an
 * unknown one is Kraken's `EQuery:Unknown asset pair`.
 */
export function assetPairs(markets: readonly Market[], pair: string | null): SimHttpResponse {
  const wanted = pair?.split(',').map((p) => p.trim());
  const chosen = markets
    .filter((m) => {
      const [key, { altname, wsname }] = entry(m);
      return !wanted || wanted.some((w) => w === key || w === altname || w === wsname || w === m.symbol);
    })
    .map(entry);
  if (wanted && chosen.length === 0) return { status: 200, body: JSON.stringify({ error: ['EQuery:Unknown asset pair'] }) };
  return { status: 200, body: JSON.stringify({ error: [], result: Object.fromEntries(chosen) }) };
}

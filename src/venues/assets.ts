/** Base assets the pair picker offers; each venue maps them to its own market name. */
export const BASE_ASSETS = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE'] as const;
export type BaseAsset = (typeof BASE_ASSETS)[number];

export function isBaseAsset(value: string): value is BaseAsset {
  return (BASE_ASSETS as readonly string[]).includes(value);
}

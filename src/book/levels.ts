/** A price level as the venue sent it: price and size text, exactly as received. */
export type RawLevel = readonly [price: string, size: string];

export type Side = 'bid' | 'ask';

/** A level read from a book: numbers for arithmetic, the venue's text for checksums. */
export interface Level {
  readonly price: number;
  readonly size: number;
  readonly priceText: string;
  readonly sizeText: string;
}

/**
 * A walk over one side's levels, from a level outward: `next()` steps to the next level and says whether there
 * was one, and `price` and `size` are then that level's. A walk is valid while its book does not change.
 */
export interface LevelWalk {
  readonly price: number;
  readonly size: number;
  next(): boolean;
}

/** A venue sent data no exact book can hold: a number outside the grammar, or a price twice in one snapshot. */
export class InvalidBookData extends Error {}

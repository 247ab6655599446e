/**
 * The heatmap's cells: price rows of a fixed fraction of the price on one log grid shared by every column (so a
 * level stays in its row as the mid moves), and sizes held as 16-bit log codes.
 */

/** A grid of price rows, each `rowBps` high: row r holds prices in [g^r, g^(r+1)), g = 1 + rowBps / 10⁴. */
export class PriceGrid {
  private readonly lnRow: number;
  /** Rows either side of the mid's row: the band a column holds reaches at least `bandPct` % from mid. */
  readonly half: number;
  /** Rows a column holds: the mid's row and `half` either side. */
  readonly rows: number;

  constructor(
    readonly rowBps: number,
    readonly bandPct: number,
  ) {
    this.lnRow = Math.log1p(rowBps / 1e4);
    this.half = Math.ceil(Math.log1p(bandPct / 100) / this.lnRow);
    this.rows = 2 * this.half + 1;
  }

  /** The row holding `price` (> 0). */
  rowOf(price: number): number {
    return Math.floor(Math.log(price) / this.lnRow);
  }

  /** The lowest price of row `row`. */
  priceOf(row: number): number {
    return Math.exp(row * this.lnRow);
  }

  /** First row of the band a column centred on `mid` holds. */
  baseOf(mid: number): number {
    return this.rowOf(mid) - this.half;
  }
}

/** Smallest and largest sizes a code tells apart (base units: satoshis of BTC to trillions of a meme coin). */
const MIN_SIZE = 1e-10;
const MAX_SIZE = 1e14;
const MAX_CODE = 0xffff;
const LN_MIN = Math.log(MIN_SIZE);
/** Each code is this much (in ln) above the one before: 65,534 steps over 24 decades, 0.084 % apart. */
const LN_STEP = (Math.log(MAX_SIZE) - LN_MIN) / (MAX_CODE - 1);

/**
 * A size as a code: 0 for nothing resting, else 1 + its log step above MIN_SIZE, rounded (within 0.042 %, four
 * significant figures, of the size; below MIN_SIZE and above MAX_SIZE clamped to the ends).
 */
export function sizeCode(size: number): number {
  if (!(size > 0)) return 0;
  const step = Math.round((Math.log(size) - LN_MIN) / LN_STEP);
  return step < 0 ? 1 : step >= MAX_CODE - 1 ? MAX_CODE : step + 1;
}

/**
 * The size each code stands for, looked up rather than computed: a frame reads hundreds of thousands. Float32 is
 * exact to 6e-8, far finer than a code's step.
 */
export const CODE_SIZES: Float32Array = (() => {
  const sizes = new Float32Array(MAX_CODE + 1);
  for (let c = 1; c <= MAX_CODE; c++) sizes[c] = Math.exp(LN_MIN + (c - 1) * LN_STEP);
  return sizes;
})();

/** How far a decoded size may stand from the size coded, as a share of it. */
export const CODE_PRECISION = Math.expm1(LN_STEP / 2);

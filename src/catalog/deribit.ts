import { clipText } from '../feed/text';
import type { Market, Quote } from '../venues/types';
import { feedMarket, increment, name, quoteOf, readBody, record, records } from './read';
import type { FeedCatalogSource } from './sources';

/** Deribit's perpetuals (inverse and linear, on one feed) and its spot pairs. */
export type DeribitFeed = 'deribit' | 'deribit-spot';

/** The instrument kind `public/get_instruments` is asked for on each feed. */
const KIND: Readonly<Record<DeribitFeed, 'future' | 'spot'>> = { deribit: 'future', 'deribit-spot': 'spot' };

/** The JSON-RPC id of the catalog's request on the WebSocket API, to know its answer among the socket's frames. */
const REQUEST_ID = 7001;

/** `public/get_instruments` for every currency ("The currency symbol or `"any"` for all") of the feed's kind. */
export function deribitInstrumentsParams(feed: DeribitFeed): { currency: 'any'; kind: 'future' | 'spot' } {
  return { currency: 'any', kind: KIND[feed] };
}

/** The request on the WebSocket API (`wss://www.deribit.com/ws/api/v2`), which CORS does not govern. */
export function deribitInstrumentsRequest(feed: DeribitFeed): string {
  return JSON.stringify({ jsonrpc: '2.0', id: REQUEST_ID, method: 'public/get_instruments', params: deribitInstrumentsParams(feed) });
}

/** The same request over HTTP: `GET /api/v2/public/get_instruments?currency=any&kind=...`. */
export function deribitInstrumentsPath(feed: DeribitFeed): string {
  const { currency, kind } = deribitInstrumentsParams(feed);
  return `/api/v2/public/get_instruments?currency=${currency}&kind=${kind}`;
}

/**
 * What an instrument is quoted in: `quote_currency` ("The currency in which the instrument prices are quoted"),
 * which its `counter_currency` must not contradict where it is given; undefined for a quote the app does not convert.
 */
function quoteOfInstrument(i: Record<string, unknown>): Quote | undefined {
  if (i.counter_currency !== undefined && i.counter_currency !== i.quote_currency) return undefined;
  return quoteOf(i.quote_currency);
}

/**
 * A spot pair: amounts in the base coin, the step `min_trade_amount` (its `contract_size`, which a spot answer
 * carries too, is not a unit its amounts count).
 */
function spot(i: Record<string, unknown>, field: string): Market | undefined {
  if (i.kind !== 'spot') return undefined;
  const quote = quoteOfInstrument(i);
  if (!quote) return undefined;
  return feedMarket('deribit-spot', {
    base: name(i.base_currency, `${field}.base_currency`),
    quote,
    symbol: name(i.instrument_name, `${field}.instrument_name`),
    tick: increment(i.tick_size, `${field}.tick_size`),
    lot: increment(i.min_trade_amount, `${field}.min_trade_amount`),
  });
}

/**
 * A perpetual (`settlement_period` perpetual). An inverse one (`instrument_type` "reversed", BTC-PERPETUAL) counts
 * its amounts in USD, in steps of `contract_size` ("For perpetual and inverse futures the amount is in USD units"):
 * each unit is one quote unit, so it is `inverse` with a contract size of 1 and the contract as its step. A linear
 * one (BTC_USDC-PERPETUAL) counts the base coin ("For options and linear futures it is the underlying base currency
 * coin"), in steps of `min_trade_amount`.
 */
function perpetual(i: Record<string, unknown>, field: string): Market | undefined {
  if (i.kind !== 'future' || i.settlement_period !== 'perpetual') return undefined;
  const quote = quoteOfInstrument(i);
  if (!quote) return undefined;
  const type = i.instrument_type ?? i.future_type;
  if (type !== 'reversed' && type !== 'linear') throw new Error(`${field}.instrument_type is ${String(type)}, neither reversed nor linear`);
  const inverse = type === 'reversed';
  return feedMarket('deribit', {
    base: name(i.base_currency, `${field}.base_currency`),
    quote,
    symbol: name(i.instrument_name, `${field}.instrument_name`),
    tick: increment(i.tick_size, `${field}.tick_size`),
    lot: increment(inverse ? i.contract_size : i.min_trade_amount, `${field}.${inverse ? 'contract_size' : 'min_trade_amount'}`),
    ...(inverse ? { inverse: true as const } : {}),
  });
}

/** The markets of a JSON-RPC answer `{jsonrpc, id, result: [instrument, ...]}`, or its `error` {code, message} thrown. */
function instrumentsOf(answer: Record<string, unknown>, feed: DeribitFeed): Market[] {
  if (answer.error !== undefined) {
    const error = record(answer.error, 'error');
    throw new Error(clipText(`${String(error.code)} ${String(error.message)}`));
  }
  const markets: Market[] = [];
  records(answer.result, 'result').forEach((i, k) => {
    if (i.is_active !== true) return;
    const field = `result[${k}]`;
    const market = feed === 'deribit' ? perpetual(i, field) : spot(i, field);
    if (market) markets.push(market);
  });
  return markets;
}

/** `public/get_instruments` answered over HTTP: only instruments that trade (`is_active`, "can currently be traded"). */
export function parseDeribitInstruments(body: string, feed: DeribitFeed): Market[] {
  return instrumentsOf(readBody(body), feed);
}

/** The same answered on the WebSocket API; undefined for a frame that answers something else. */
export function parseDeribitInstrumentsAnswer(frame: string, feed: DeribitFeed): Market[] | undefined {
  const answer = readBody(frame);
  return answer.id === REQUEST_ID ? instrumentsOf(answer, feed) : undefined;
}

/**
 * Where a Deribit feed's instruments are asked for: on the WebSocket API first (the socket the books come on, which
 * CORS does not govern), else over HTTP on the same host.
 */
export function deribitCatalogSource(feed: DeribitFeed): FeedCatalogSource {
  return {
    endpoint: { rest: 'https://www.deribit.com', api: 'wss://www.deribit.com/ws/api/v2' },
    requests: (endpoint) => [
      ...(endpoint.api ? [{ via: 'socket' as const, url: endpoint.api, text: deribitInstrumentsRequest(feed) }] : []),
      { via: 'fetch' as const, url: `${endpoint.rest}${deribitInstrumentsPath(feed)}` },
    ],
    read(answer, request) {
      if (request.via === 'fetch') return { markets: parseDeribitInstruments(answer, feed) };
      const markets = parseDeribitInstrumentsAnswer(answer, feed);
      return markets && { markets };
    },
  };
}

import type { VenueId } from '../venues/types';
import type { ProtocolFault, SimHttpResponse } from './types';

/** Every fault the simulator can play on a venue, from its control endpoint or a test. */
export const FAULTS = [
  'drop',
  'silent',
  'resume',
  'skip-sequence',
  'corrupt-checksum',
  'crossed',
  'malformed',
  'rest-html',
  'rest-429',
  'rest-418',
  'region-block',
  'region-open',
  'rest-cors',
  'rest-cors-open',
] as const;
export type Fault = (typeof FAULTS)[number];

export function isFault(value: string): value is Fault {
  return (FAULTS as readonly string[]).includes(value);
}

export function isProtocolFault(fault: Fault): fault is ProtocolFault {
  return fault === 'skip-sequence' || fault === 'corrupt-checksum' || fault === 'crossed';
}

/** The frame a malformed-frame fault sends: JSON cut short, as a truncated write would leave it. */
export const MALFORMED_FRAME = '{"truncated":';

/** The answer a REST fault gives in place of the venue's JSON. */
export function faultResponse(fault: 'rest-html' | 'rest-429' | 'rest-418'): SimHttpResponse {
  switch (fault) {
    case 'rest-html':
      return { status: 200, body: '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>', headers: { 'content-type': 'text/html' } };
    case 'rest-429':
      return { status: 429, body: '{"code":-1003,"msg":"Too many requests."}', headers: { 'retry-after': '2' } };
    case 'rest-418':
      return { status: 418, body: '{"code":-1003,"msg":"Way too many requests; IP banned."}', headers: { 'retry-after': '3' } };
  }
}

/**
 * How a venue turns a region away, as it does for US addresses: Binance with HTTP 451 and its restricted-location
 * message, Bybit's CDN with a 403 page. Its WebSocket upgrade gets the same status, which a browser reports as
 * close code 1006 alone.
 */
export function regionRefusal(venue: VenueId): SimHttpResponse {
  if (venue === 'bybit') {
    return { status: 403, body: '<!DOCTYPE html><html><body><h1>403 ERROR</h1><p>The request could not be satisfied.</p></body></html>', headers: { 'content-type': 'text/html' } };
  }
  return { status: 451, body: '{"code":0,"msg":"Service unavailable from a restricted location according to \'b. Eligibility\' in https://www.binance.com/en/terms."}' };
}

/** Faults armed per venue that the transport (not the protocol) plays: silence, a region block, the next REST answer. */
export class FaultState {
  private readonly silent = new Set<VenueId>();
  private readonly regionBlocked = new Set<VenueId>();
  private readonly corsRefused = new Set<VenueId>();
  private readonly rest = new Map<VenueId, 'rest-html' | 'rest-429' | 'rest-418'>();

  isSilent(venue: VenueId): boolean {
    return this.silent.has(venue);
  }

  setSilent(venue: VenueId, silent: boolean): void {
    if (silent) this.silent.add(venue);
    else this.silent.delete(venue);
  }

  /** Whether the venue's main host turns this region away (its alternative host never does). */
  isRegionBlocked(venue: VenueId): boolean {
    return this.regionBlocked.has(venue);
  }

  setRegionBlocked(venue: VenueId, blocked: boolean): void {
    if (blocked) this.regionBlocked.add(venue);
    else this.regionBlocked.delete(venue);
  }

  /** Whether the venue's REST answers leave out the CORS header, so that a browser refuses them to the page. */
  isCorsRefused(venue: VenueId): boolean {
    return this.corsRefused.has(venue);
  }

  setCorsRefused(venue: VenueId, refused: boolean): void {
    if (refused) this.corsRefused.add(venue);
    else this.corsRefused.delete(venue);
  }

  armRest(venue: VenueId, fault: 'rest-html' | 'rest-429' | 'rest-418'): void {
    this.rest.set(venue, fault);
  }

  /** The armed REST fault's answer, once. */
  takeRest(venue: VenueId): SimHttpResponse | undefined {
    const fault = this.rest.get(venue);
    if (!fault) return undefined;
    this.rest.delete(venue);
    return faultResponse(fault);
  }
}
